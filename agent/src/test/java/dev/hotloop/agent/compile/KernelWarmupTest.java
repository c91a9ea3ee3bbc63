package dev.hotloop.agent.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The length a kernel is warmed and timed on, from the loop's profiled average trip count. */
class KernelWarmupTest {

  @Test
  void shortRunsAreTimedAtTheirOwnLength() {
    assertEquals(10, KernelWarmup.lengthFor(10.4));
    assertEquals(3, KernelWarmup.lengthFor(2.6));
    assertEquals(1, KernelWarmup.lengthFor(0.2));
  }

  @Test
  void anUnknownAverageGetsTheDefaultAndLongRunsTheLongestArrays() {
    assertEquals(KernelWarmup.DEFAULT_LENGTH, KernelWarmup.lengthFor(-1));
    assertEquals(KernelWarmup.DEFAULT_LENGTH, KernelWarmup.lengthFor(Double.NaN));
    assertEquals(KernelWarmup.MAX_LENGTH, KernelWarmup.lengthFor(1e9));
  }
}
