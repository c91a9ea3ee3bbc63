package dev.hotloop.codegen.kernel;

import dev.hotloop.analyzer.plan.LoopPlan;

/**
 * What to build a kernel for: the plan, the internal name of the class to hold it, the backend
 * available, whether the user allowed reassociating floating-point sums ({@code fastmath}),
 * whether runs over many elements may be split across threads ({@code parallel}), and the id
 * the runtime's probes know the loop by ({@code -1} for a kernel no rewritten method calls).
 */
public record KernelRequest(LoopPlan plan, String className, KernelBackend backend,
    boolean fastmath, boolean parallel, int loopId) {

  /** A request for a kernel of no registered loop. */
  public KernelRequest(LoopPlan plan, String className, KernelBackend backend, boolean fastmath,
      boolean parallel) {
    this(plan, className, backend, fastmath, parallel, -1);
  }

  /** A request for a kernel of no registered loop, running on the calling thread only. */
  public KernelRequest(LoopPlan plan, String className, KernelBackend backend, boolean fastmath) {
    this(plan, className, backend, fastmath, false);
  }
}
