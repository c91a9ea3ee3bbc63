package dev.hotloop.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The loop counters that kernel classes hold and the probe before every kernel run. */
class ProbesTest {

  @AfterEach
  void restoreSampling() {
    Probes.setSampling(64, true);
  }

  @Test
  void aKernelsCountersAreTheLoopsOwnAndSurvivesTheRegistrationOfMoreLoops() {
    int method = Probes.registerMethod(1_000, 1_000_000);
    int loop = Probes.registerLoop(method);
    LoopCounters block = Probes.counters(loop);
    for (int i = 0; i < 200; i++) {
      // Far past the arrays' first length: they grow while the counters are held.
      Probes.registerLoop(method);
    }
    assertSame(block, Probes.counters(loop));
    Probes.setSampling(0, false);
    for (int i = 0; i < 10; i++) {
      assertEquals(0L, Probes.kernel(block, loop, 5, 105));
    }
    Probes.LoopCounts counts = Probes.loopCounts(loop);
    assertEquals(10, counts.entries());
    assertEquals(1_000, counts.trips());
    assertEquals(10, counts.kernelRuns());
    assertEquals(0, counts.shadowRuns());
  }

  @Test
  void timedRunsAreCountedAsKernelRunsOrSentToTheOriginalLoop() {
    // Set first: a loop's first gap is drawn when it registers.
    Probes.setSampling(1, true);
    int loop = Probes.registerLoop(Probes.registerMethod(1_000, 1_000_000));
    LoopCounters block = Probes.counters(loop);
    for (int i = 0; i < 100; i++) {
      // Not compared yet: every run is the kernel's.
      long stamp = Probes.kernel(block, loop, 0, 8);
      assertTrue(stamp > 0, "every run is timed at sampling 1");
      Probes.kernelEnd(loop, stamp);
    }
    assertEquals(0, Probes.loopTimings(loop).originalRuns());
    Probes.startComparing(loop);
    int original = 0;
    for (int i = 0; i < 400; i++) {
      long stamp = Probes.kernel(block, loop, 0, 8);
      if (stamp < 0) {
        original++;
        Probes.loopExit(loop, stamp);
      } else {
        assertTrue(stamp > 0, "every run is timed at sampling 1");
        Probes.kernelEnd(loop, stamp);
      }
    }
    Probes.LoopTimings timings = Probes.loopTimings(loop);
    assertEquals(500, Probes.loopCounts(loop).entries());
    assertEquals(500 - original, Probes.loopCounts(loop).kernelRuns());
    assertEquals(original, timings.originalRuns());
    assertEquals(500 - original, timings.kernelRuns());
    assertTrue(original > 0 && original < 400, original + " of 400 sent to the original loop");
    Probes.stopComparing(loop);
    for (int i = 0; i < 100; i++) {
      long stamp = Probes.kernel(block, loop, 0, 8);
      assertTrue(stamp > 0, "compared no more: every run is the kernel's");
      Probes.kernelEnd(loop, stamp);
    }
    assertEquals(original, Probes.loopTimings(loop).originalRuns());
  }

  @Test
  void anUntimedRunCountsAsAKernelRunAndLeavesTheSampleAlone() {
    Probes.setSampling(1, true);
    int loopId = Probes.registerLoop(Probes.registerMethod(Long.MAX_VALUE, Long.MAX_VALUE));
    LoopCounters counters = Probes.counters(loopId);
    for (int i = 0; i < 50; i++) {
      Probes.kernelUntimed(counters, 3, 10);
    }
    Probes.LoopCounts counts = Probes.loopCounts(loopId);
    assertEquals(50, counts.entries());
    assertEquals(350, counts.trips());
    assertEquals(50, counts.kernelRuns());
    assertEquals(new Probes.LoopTimings(0, 0, 0, 0, 0, 0, 0, 0), Probes.loopTimings(loopId));
  }

  @Test
  void countersOfNoLoopCountAloneAndItsTimedRunsGoNowhere() {
    LoopCounters a = Probes.counters(-1);
    LoopCounters b = Probes.counters(Integer.MAX_VALUE);
    assertNotSame(a, b);
    Probes.setSampling(1, true);
    for (int i = 0; i < 100; i++) {
      // The warm-up's probe: a timed run of no loop must not throw.
      Probes.kernelEnd(-1, Probes.kernel(a, -1, 0, 16));
    }
    assertEquals(0, Probes.loopCounts(-1).entries());
  }
}
