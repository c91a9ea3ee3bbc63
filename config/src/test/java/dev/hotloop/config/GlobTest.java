package dev.hotloop.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource({
      "com.example.Stats,          com.example.Stats,           true",
      "com.example.Stats,          com.example.StatsX,          false",
      "com.example.Stats,          com.example.Stats$Inner,     false",
      "com.example.*,              com.example.Stats,           true",
      "com.example.*,              com.example.stats.Sum,       false",
      "com.example.*,              com.examples.Stats,          false",
      "com.*.Stats,                com.example.Stats,           true",
      "com.*.Stats,                com.a.b.Stats,               false",
      "com.example.**,             com.example.stats.Sum,       true",
      "com.example.**,             com.example.Stats,           true",
      "com.example.**,             com.example,                 false",
      "com.example.**,             com.examples.Stats,          false",
      "com.**.Stats,               com.a.b.c.Stats,             true",
      "com.**.Stats,               com.a.Stats,                 true",
      "com.**.Stats,               com.Stats,                   false",
      "com.**Test,                 com.a.b.SumTest,             true",
      "**,                         Anything,                    true",
      "**,                         a.b.c.D$E,                   true",
      "*,                          Stats,                       true",
      "*,                          a.Stats,                     false",
      "com.example.Outer$Inner,    com.example.Outer$Inner,     true",
      "com.example.Outer$*,        com.example.Outer$1,         true",
      "com.example.Outer$*,        com.example.Outer,           false",
      "com.example.Outer*,         com.example.Outer$Inner,     true",
      "com.example.Outer$Inner,    com.example.OuterXInner,     false",
      "com.example.?tats,          com.example.Stats,           true",
      "com.example.?tats,          com.example.tats,            false",
      "com.example.?tats,          com.example.SStats,          false",
      "com?example.Stats,          com.example.Stats,           false",
      "com.example.S??ts,          com.example.Stats,           true",
      "com.*.*.Stats,              com.a.b.Stats,               true",
      "com.*.*.Stats,              com.a.Stats,                 false",
      "a*b*c,                      aXXbYYc,                     true",
      "a*b*c,                      aXXbYY.c,                    false",
      "a**b*c,                     aX.XbYYc,                    true",
      "*Stats*,                    com.example.Stats,           false",
      "**Stats**,                  com.example.Stats$1,         true",
  })
  void classGlobs(String glob, String name, boolean expected) {
    assertEquals(Optional.empty(), Glob.CLASS_NAME.check(glob), "glob should be valid");
    assertEquals(expected, Glob.CLASS_NAME.matches(glob, name));
  }

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource({
      "sumArray,   sumArray,    true",
      "sumArray,   sumArrays,   false",
      "sum*,       sumArray,    true",
      "sum*,       sum,         true",
      "sum*,       asum,        false",
      "*Array,     sumArray,    true",
      "get?,       getX,        true",
      "get?,       getXY,       false",
      "get?,       get,         false",
      "*,          <init>,      true",
      "*,          <clinit>,    true",
      "<init>,     <init>,      true",
      "<init>,     <clinit>,    false",
      "<clinit>,   <clinit>,    true",
      "*,          lambda$main$0, true",
      "lambda$*,   lambda$main$0, true",
  })
  void methodGlobs(String glob, String name, boolean expected) {
    assertEquals(Optional.empty(), Glob.METHOD_NAME.check(glob), "glob should be valid");
    assertEquals(expected, Glob.METHOD_NAME.matches(glob, name));
  }

  @Test
  void questionMarkTakesASupplementaryCharacterWhole() {
    String name = "com.example." + new String(Character.toChars(0x1D49C)) + "x";
    assertTrue(Glob.CLASS_NAME.matches("com.example.?x", name));
    assertFalse(Glob.CLASS_NAME.matches("com.example.??x", name));
  }

  @Test
  void manyStarsDoNotBacktrackExponentially() {
    String glob = "*a".repeat(30) + "*b";
    String name = "a".repeat(200);
    assertFalse(Glob.CLASS_NAME.matches(glob, name));
    assertTrue(Glob.CLASS_NAME.matches(glob, name + "b"));
  }

  @ParameterizedTest(name = "{0}: error at {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "com/example/Foo | 3  | unexpected character '/' in class glob 'com/example/Foo'; expected a dotted class name, e.g. com.example.Stats",
      "Foo:bar         | 3  | unexpected character ':' in class glob 'Foo:bar'; expected '::' between the class glob and the method glob",
      "Foo([J)J        | 3  | unexpected character '(' in class glob 'Foo([J)J'; expected '::' and a method name before a descriptor, e.g. Stats::sum([J)J",
      "com.Foo-Bar     | 7  | unexpected character '-' in class glob 'com.Foo-Bar'; expected Java identifier characters, '.', '$', '*' or '?'",
      "com..Foo        | 4  | empty name in class glob 'com..Foo'; expected a name or glob on each side of every '.'",
      ".Foo            | 0  | empty name in class glob '.Foo'; expected a name or glob on each side of every '.'",
      "com.            | 3  | empty name in class glob 'com.'; expected a name or glob on each side of every '.'",
      "com.***         | 4  | '***' in class glob 'com.***'; expected * (within one name) or ** (across dots)",
  })
  void classGlobErrors(String glob, int offset, String message) {
    assertEquals(Optional.of(new Flaw(offset, message)), Glob.CLASS_NAME.check(glob));
  }

  @ParameterizedTest(name = "{0}: error at {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "get**   | 3 | '**' in method glob 'get**'; expected * (method names have no dots)",
      "<init   | 0 | unexpected character '<' in method glob '<init'; expected Java identifier characters, '*' or '?', or exactly <init> or <clinit>",
      "<init>x | 0 | unexpected character '<' in method glob '<init>x'; expected Java identifier characters, '*' or '?', or exactly <init> or <clinit>",
      "a.b     | 1 | unexpected character '.' in method glob 'a.b'; expected Java identifier characters, '*' or '?', or exactly <init> or <clinit>",
  })
  void methodGlobErrors(String glob, int offset, String message) {
    assertEquals(Optional.of(new Flaw(offset, message)), Glob.METHOD_NAME.check(glob));
  }

  @Test
  void invisibleCharactersAreShownAsCodePoints() {
    assertEquals(Optional.of(new Flaw(3,
            "unexpected character U+000D in class glob 'Foo\rBar'; "
                + "expected Java identifier characters, '.', '$', '*' or '?'")),
        Glob.CLASS_NAME.check("Foo\rBar"));
  }
}
