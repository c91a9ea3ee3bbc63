package com.example.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HistogramTest {

  @Test
  void theTotalIsTheSumOfTheCounts() {
    Histogram h = new Histogram(3);
    h.add(0, 5);
    h.add(2, -2);
    assertEquals(3, h.total());
  }

  /**
   * A long test, as suites have: five seconds of totals, each checked. Long enough for the
   * agent to warm its kernel and switch to it on a busy machine too: with two seconds, a build
   * running beside it once left the loop still warming at the JVM's exit.
   */
  @Test
  void theTotalStaysRightOverManyCalls() {
    Histogram h = new Histogram(10_000);
    long expected = 0;
    for (int b = 0; b < 10_000; b++) {
      h.add(b, b * 31L - 7);
      expected += b * 31L - 7;
    }
    long end = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < end) {
      assertEquals(expected, h.total());
    }
  }
}
