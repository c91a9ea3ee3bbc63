package dev.hotloop.codegen.body;

import dev.hotloop.codegen.kernel.Kernel;

/**
 * What to do with one loop of a method: count its runs and trips, or run it through a kernel
 * behind guards, with the original loop kept as the shadow copy.
 */
public sealed interface LoopRewrite {

  /** The loop's id in the agent's runtime counters. */
  int loopId();

  /** Count entries and trips, leave the loop as it is. */
  record Profile(int loopId) implements LoopRewrite {
  }

  /**
   * Guard, call {@code kernel}, and fall back to the original loop when a guard fails. Runs of
   * at least {@code timedFrom} iterations are sampled for timing (and, to compare, some of them
   * sent to the original loop); shorter ones are only counted, with no call on their way to the
   * kernel. The agent gives {@link RuntimeContract#TIMED_RUN_ITERATIONS}.
   */
  record Accelerate(int loopId, Kernel kernel, int timedFrom) implements LoopRewrite {

    public Accelerate {
      if (timedFrom < 1) {
        throw new IllegalArgumentException("timedFrom must be at least 1, got " + timedFrom);
      }
    }
  }
}
