package dev.hotloop.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DescriptorGrammarTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "()V",
      "([J)J",
      "(IJ)V",
      "(ZBCSIFJD)Z",
      "([[D)[[D",
      "(Ljava/lang/String;)V",
      "([Ljava/lang/String;)V",
      "(Ljava/lang/String;[[DLjava/util/List;)Ljava/lang/Object;",
      "(Lcom/example/Outer$Inner;)V",
      "(LFoo;)LBar;",
  })
  void acceptsWellFormedDescriptors(String descriptor) {
    assertTrue(DescriptorGrammar.isValid(descriptor), descriptor);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "(",
      "()",
      "([J",
      "([J)",
      "[J)J",
      "(V)V",
      "(I)VV",
      "(I)J;",
      "()[V",
      "(X)V",
      "(i)V",
      "(Ljava/lang/String)V",
      "(L;)V",
      "(Ljava//String;)V",
      "(L/String;)V",
      "(Ljava/;)V",
      "(Ljava.lang.String;)V",
      "(L[I;)V",
      "(J)",
      "(J)[",
      "J",
      "(J)J)J",
  })
  void rejectsMalformedDescriptors(String descriptor) {
    assertFalse(DescriptorGrammar.isValid(descriptor), descriptor);
  }

  @Test
  void limitsArraysTo255Dimensions() {
    assertTrue(DescriptorGrammar.isValid("(" + "[".repeat(255) + "I)V"));
    assertFalse(DescriptorGrammar.isValid("(" + "[".repeat(256) + "I)V"));
    assertFalse(DescriptorGrammar.isValid("()" + "[".repeat(256) + "I"));
  }
}
