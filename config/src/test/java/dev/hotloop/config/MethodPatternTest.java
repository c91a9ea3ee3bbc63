package dev.hotloop.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class MethodPatternTest {

  private static MethodPattern include(String classGlob, String methodGlob, String descriptor) {
    return new MethodPattern(classGlob, methodGlob, Optional.ofNullable(descriptor), false,
        PatternOptions.NONE, "test", 1);
  }

  @Test
  void matchesClassMethodAndDescriptor() {
    MethodPattern pattern = include("com.example.Stats", "sumArray", "([J)J");
    assertTrue(pattern.matches("com.example.Stats", "sumArray", "([J)J"));
    assertFalse(pattern.matches("com.example.Stats", "sumArray", "([I)I"));
    assertFalse(pattern.matches("com.example.Stats", "sumArrays", "([J)J"));
    assertFalse(pattern.matches("com.example.Other", "sumArray", "([J)J"));
  }

  @Test
  void withoutDescriptorMatchesEveryOverload() {
    MethodPattern pattern = include("com.example.Stats", "sumArray", null);
    assertTrue(pattern.matches("com.example.Stats", "sumArray", "([J)J"));
    assertTrue(pattern.matches("com.example.Stats", "sumArray", "([D)D"));
  }

  @Test
  void matchesClassLooksAtTheClassGlobOnly() {
    MethodPattern pattern = include("com.example.*", "neverCalled", "()V");
    assertTrue(pattern.matchesClass("com.example.Stats"));
    assertFalse(pattern.matchesClass("com.example.sub.Stats"));
  }

  @Test
  void readsInternalNamesLikeDottedOnes() {
    MethodPattern pattern = include("com.example.*", "*", null);
    assertTrue(pattern.matchesClass("com/example/Stats"));
    assertFalse(pattern.matchesClass("com/example/sub/Stats"));
  }

  @Test
  void nestedClassesNeedTheirOwnName() {
    MethodPattern outer = include("com.example.Outer", "*", null);
    assertFalse(outer.matchesClass("com.example.Outer$Inner"));
    assertTrue(include("com.example.Outer$Inner", "*", null).matchesClass("com.example.Outer$Inner"));
  }

  @Test
  void toStringIsCanonical() {
    assertEquals("com.example.Stats", include("com.example.Stats", "*", null).toString());
    assertEquals("com.example.Stats::sum*", include("com.example.Stats", "sum*", null).toString());
    assertEquals("com.example.Stats::*()V", include("com.example.Stats", "*", "()V").toString());
    assertEquals("com.example.Stats::sumArray([J)J fastmath calls=100 iterations=50000",
        new MethodPattern("com.example.Stats", "sumArray", Optional.of("([J)J"), false,
            new PatternOptions(true, OptionalInt.of(100), OptionalLong.of(50_000)), "test", 3)
            .toString());
    assertEquals("!com.example.Stats::debug*",
        new MethodPattern("com.example.Stats", "debug*", Optional.empty(), true,
            PatternOptions.NONE, "test", 4).toString());
  }

  @Test
  void toStringParsesBackToTheSamePattern() {
    String text = "com.example.Stats::sum* fastmath iterations=7\n"
        + "!com.example.Gen*\n"
        + "com.example.Stats::sumArray([J)J calls=1\n";
    ConfigResult first = ConfigParser.parse("a", text);
    StringBuilder again = new StringBuilder();
    first.config().patterns().forEach(p -> again.append(p).append('\n'));
    assertEquals(text, again.toString());
  }

  @Test
  void rejectsWhatTheParserWouldReject() {
    assertThrows(IllegalArgumentException.class, () -> include("com/example/Stats", "*", null));
    assertThrows(IllegalArgumentException.class, () -> include("com.example.Stats", "a.b", null));
    assertThrows(IllegalArgumentException.class, () -> include("com.example.Stats", "*", "([J"));
    assertThrows(IllegalArgumentException.class, () -> include("", "*", null));
    assertThrows(IllegalArgumentException.class, () -> new MethodPattern("com.example.Stats", "*",
        Optional.empty(), true, new PatternOptions(true, OptionalInt.empty(),
        OptionalLong.empty()), "test", 1));
  }
}
