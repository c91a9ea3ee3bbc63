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

  /** A long test, as suites have: two seconds of totals, each checked. */
  @Test
  void theTotalStaysRightOverManyCalls() {
    Histogram h = new Histogram(10_000);
    long expected = 0;
    for (int b = 0; b < 10_000; b++) {
      h.add(b, b * 31L - 7);
      expected += b * 31L - 7;
    }
    long end = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < end) {
      assertEquals(expected, h.total());
    }
  }
}
