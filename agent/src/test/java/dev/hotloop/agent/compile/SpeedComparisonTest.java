package dev.hotloop.agent.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotloop.runtime.Probes;

import org.junit.jupiter.api.Test;

class SpeedComparisonTest {

  private static final long SETTLED = SpeedComparison.SETTLE_NANOS;

  /** Timings after {@code windows} windows of 16 runs of 1,000 elements each way. */
  private static Probes.LoopTimings after(int windows, long kernelNanosPerRun,
      long originalNanosPerRun) {
    long runs = 16L * windows;
    return new Probes.LoopTimings(runs, runs * 1000, runs * kernelNanosPerRun, runs,
        runs * 1000, runs * originalNanosPerRun, 0, 0);
  }

  private static final Probes.LoopTimings NONE = new Probes.LoopTimings(0, 0, 0, 0, 0, 0, 0, 0);

  @Test
  void aKernelSlowerThanAllowedInTheMedianWindowIsSlower() {
    SpeedComparison c = new SpeedComparison(3, NONE, 0);
    for (int w = 1; w < SpeedComparison.WINDOWS; w++) {
      assertEquals(SpeedComparison.Verdict.OPEN, c.observe(after(w, 1100, 1000), SETTLED));
    }
    assertEquals(SpeedComparison.Verdict.SLOWER,
        c.observe(after(SpeedComparison.WINDOWS, 1100, 1000), SETTLED));
    assertTrue(c.finished());
    assertTrue(c.summary().startsWith("the kernel took 1.10x the original loop's time"),
        c.summary());
  }

  @Test
  void withinTheMarginItStaysOpen() {
    SpeedComparison c = new SpeedComparison(3, NONE, 0);
    for (int w = 1; w <= 2 * SpeedComparison.WINDOWS; w++) {
      assertEquals(SpeedComparison.Verdict.OPEN, c.observe(after(w, 1020, 1000), SETTLED));
    }
    assertFalse(c.finished());
  }

  @Test
  void oneWindowSpoiledByAPreemptedRunDoesNotDecide() {
    SpeedComparison c = new SpeedComparison(3, NONE, 0);
    Probes.LoopTimings t = NONE;
    SpeedComparison.Verdict v = null;
    for (int w = 1; w <= SpeedComparison.WINDOWS; w++) {
      // The second window's kernel runs include one that took 5 ms.
      long extra = w == 2 ? 5_000_000 : 0;
      t = new Probes.LoopTimings(t.kernelRuns() + 16, t.kernelElements() + 16_000,
          t.kernelNanos() + 16 * 700 + extra, t.originalRuns() + 16,
          t.originalElements() + 16_000, t.originalNanos() + 16 * 1000, 0, 0);
      v = c.observe(t, SETTLED);
    }
    // The spoiled window's ratio is over 1; the median of five is not. Not clearly faster in
    // every window, so the comparison goes on.
    assertEquals(SpeedComparison.Verdict.OPEN, v);
    assertTrue(c.summary().startsWith("the kernel took 0.70x"), c.summary());
  }

  @Test
  void aClearlyFasterKernelEndsTheComparison() {
    SpeedComparison c = new SpeedComparison(3, NONE, 0);
    for (int w = 1; w < SpeedComparison.WINDOWS; w++) {
      assertEquals(SpeedComparison.Verdict.OPEN, c.observe(after(w, 700, 1000), SETTLED));
    }
    assertEquals(SpeedComparison.Verdict.FASTER,
        c.observe(after(SpeedComparison.WINDOWS, 700, 1000), SETTLED));
    assertTrue(c.finished());
  }

  @Test
  void aFarFasterKernelEndsTheComparisonAfterTwoWindows() {
    SpeedComparison c = new SpeedComparison(3, NONE, 0);
    // A spoiled first window (a preempted kernel run), then two far faster ones.
    assertEquals(SpeedComparison.Verdict.OPEN, c.observe(after(1, 1500, 1000), SETTLED));
    assertEquals(SpeedComparison.Verdict.OPEN, c.observe(after(2, 40, 1000), SETTLED));
    assertEquals(SpeedComparison.Verdict.FASTER, c.observe(after(3, 40, 1000), SETTLED));
    assertTrue(c.finished());
  }

  @Test
  void runsGoToTheOriginalOnlyFromTheEndOfTheSettlingTimeAndOnce() {
    SpeedComparison c = new SpeedComparison(3, NONE, 0);
    assertFalse(c.startsComparing(SETTLED - 1));
    assertTrue(c.startsComparing(SETTLED));
    assertFalse(c.startsComparing(SETTLED + 1));
  }

  @Test
  void timingsBeforeTheSettlingTimeAreDropped() {
    SpeedComparison c = new SpeedComparison(3, NONE, 0);
    // A slow start, as in the interpreter, then a fast kernel: the slow start never counts.
    assertEquals(SpeedComparison.Verdict.OPEN, c.observe(after(10, 5000, 1000), SETTLED - 1));
    assertNull(c.summary());
    Probes.LoopTimings start = after(10, 5000, 1000);
    Probes.LoopTimings t = start;
    SpeedComparison.Verdict v = null;
    for (int w = 1; w <= SpeedComparison.WINDOWS; w++) {
      t = new Probes.LoopTimings(t.kernelRuns() + 16, t.kernelElements() + 16_000,
          t.kernelNanos() + 16 * 300, t.originalRuns() + 16, t.originalElements() + 16_000,
          t.originalNanos() + 16 * 1000, 0, 0);
      v = c.observe(t, SETTLED);
    }
    assertEquals(SpeedComparison.Verdict.FASTER, v);
  }

  @Test
  void aWindowWaitsForEnoughRunsOfBothKinds() {
    SpeedComparison c = new SpeedComparison(3, NONE, 0);
    assertEquals(SpeedComparison.Verdict.OPEN, c.observe(
        new Probes.LoopTimings(1000, 1_000_000, 10_000_000, 15, 15_000, 100, 0, 0), SETTLED));
    assertNull(c.summary());
  }

  @Test
  void aWindowOfLongOriginalRunsClosesEarly() {
    SpeedComparison c = new SpeedComparison(3, NONE, 0);
    // A boxed sum over 1,000,000 elements: the original 45 ms a run, the kernel 0.1 ms.
    long n = 1_000_000;
    Probes.LoopTimings t = NONE;
    SpeedComparison.Verdict v = null;
    for (int w = 1; w <= SpeedComparison.FAR_FASTER_WINDOWS; w++) {
      t = new Probes.LoopTimings(t.kernelRuns() + 8, t.kernelElements() + 8 * n,
          t.kernelNanos() + 8 * 100_000L, t.originalRuns() + 2, t.originalElements() + 2 * n,
          t.originalNanos() + 2 * 45_000_000L, 0, 0);
      // Two original runs took 90 ms: too few runs to close the window.
      assertEquals(SpeedComparison.Verdict.OPEN, c.observe(t, SETTLED));
      t = new Probes.LoopTimings(t.kernelRuns() + 8, t.kernelElements() + 8 * n,
          t.kernelNanos() + 8 * 100_000L, t.originalRuns() + 2, t.originalElements() + 2 * n,
          t.originalNanos() + 2 * 45_000_000L, 0, 0);
      v = c.observe(t, SETTLED);
    }
    assertEquals(SpeedComparison.Verdict.FASTER, v);
    assertTrue(c.summary().contains("median of 2 windows of at least 4 timed runs of each"),
        c.summary());
  }

  @Test
  void aWindowOfShortOriginalRunsWaitsForItsSixteen() {
    SpeedComparison c = new SpeedComparison(3, NONE, 0);
    // Eight original runs of 1 ms each: 8 ms, well under the window's budget.
    assertEquals(SpeedComparison.Verdict.OPEN, c.observe(
        new Probes.LoopTimings(32, 32_000_000, 3_200_000, 8, 8_000_000, 8_000_000, 0, 0),
        SETTLED));
    assertNull(c.summary());
  }

  @Test
  void aRestartDropsTheWindowsSoFarAndSettlesAgain() {
    SpeedComparison c = new SpeedComparison(3, NONE, 0);
    for (int w = 1; w < SpeedComparison.WINDOWS; w++) {
      // Interpreted runs after the class was installed again: the kernel 4x slower.
      assertEquals(SpeedComparison.Verdict.OPEN, c.observe(after(w, 4000, 1000), SETTLED));
    }
    Probes.LoopTimings restartedAt = after(SpeedComparison.WINDOWS - 1, 4000, 1000);
    c.restart(restartedAt, SETTLED);
    // Within the new settling time nothing counts, however slow.
    assertEquals(SpeedComparison.Verdict.OPEN,
        c.observe(after(SpeedComparison.WINDOWS + 3, 4000, 1000), 2 * SETTLED - 1));
    // Then the compiled kernel, twice as fast as the loop, in windows of its own.
    Probes.LoopTimings base = after(SpeedComparison.WINDOWS + 3, 4000, 1000);
    SpeedComparison.Verdict v = null;
    for (int w = 1; w <= SpeedComparison.FAR_FASTER_WINDOWS; w++) {
      Probes.LoopTimings more = after(w, 400, 1000);
      Probes.LoopTimings t = new Probes.LoopTimings(base.kernelRuns() + more.kernelRuns(),
          base.kernelElements() + more.kernelElements(), base.kernelNanos() + more.kernelNanos(),
          base.originalRuns() + more.originalRuns(),
          base.originalElements() + more.originalElements(),
          base.originalNanos() + more.originalNanos(), 0, 0);
      v = c.observe(t, 2 * SETTLED);
    }
    assertEquals(SpeedComparison.Verdict.FASTER, v);
    assertTrue(c.summary().startsWith("the kernel took 0.40x"), c.summary());
  }

  @Test
  void aRestartLeavesAVerdictAlone() {
    SpeedComparison c = new SpeedComparison(3, NONE, 0);
    for (int w = 1; w <= SpeedComparison.WINDOWS; w++) {
      c.observe(after(w, 1100, 1000), SETTLED);
    }
    assertTrue(c.finished());
    String summary = c.summary();
    c.restart(after(SpeedComparison.WINDOWS, 1100, 1000), SETTLED);
    assertTrue(c.finished());
    assertEquals(summary, c.summary());
  }
}
