package dev.hotloop.codegen.kernel;

import dev.hotloop.analyzer.plan.LoopPlan;

/**
 * What to build a kernel for: the plan, the internal name of the class to hold it, the backend
 * available, whether the user allowed reassociating floating-point sums ({@code fastmath}), and
 * whether runs over many elements may be split across threads ({@code parallel}).
 */
public record KernelRequest(LoopPlan plan, String className, KernelBackend backend,
    boolean fastmath, boolean parallel) {

  /** A request for a kernel that runs on the calling thread only. */
  public KernelRequest(LoopPlan plan, String className, KernelBackend backend, boolean fastmath) {
    this(plan, className, backend, fastmath, false);
  }
}
