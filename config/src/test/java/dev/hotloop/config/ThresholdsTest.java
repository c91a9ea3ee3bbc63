package dev.hotloop.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class ThresholdsTest {

  @Test
  void defaultsAreAThousandCallsAndHalfAMillionIterations() {
    assertEquals(new Thresholds(1_000, 500_000L), Thresholds.DEFAULT);
  }

  @Test
  void rejectsNonPositiveValues() {
    assertThrows(IllegalArgumentException.class, () -> new Thresholds(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Thresholds(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Thresholds(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> Thresholds.DEFAULT.withCalls(0));
    assertThrows(IllegalArgumentException.class, () -> Thresholds.DEFAULT.withIterations(-5));
  }

  @Test
  void withersReplaceOneField() {
    assertEquals(new Thresholds(7, 500_000L), Thresholds.DEFAULT.withCalls(7));
    assertEquals(new Thresholds(1_000, 9L), Thresholds.DEFAULT.withIterations(9));
  }

  @Test
  void patternOptionsOverrideOnlyWhatTheySet() {
    Thresholds global = new Thresholds(10, 20);
    assertSame(global, PatternOptions.NONE.applyTo(global));
    assertEquals(new Thresholds(5, 20),
        new PatternOptions(false, OptionalInt.of(5), OptionalLong.empty()).applyTo(global));
    assertEquals(new Thresholds(10, 7),
        new PatternOptions(false, OptionalInt.empty(), OptionalLong.of(7)).applyTo(global));
    assertEquals(new Thresholds(5, 7),
        new PatternOptions(true, OptionalInt.of(5), OptionalLong.of(7)).applyTo(global));
  }

  @Test
  void patternOptionsRejectNonPositiveThresholds() {
    assertThrows(IllegalArgumentException.class,
        () -> new PatternOptions(false, OptionalInt.of(0), OptionalLong.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> new PatternOptions(false, OptionalInt.empty(), OptionalLong.of(-1)));
  }
}
