package dev.hotloop.codegen.kernel;

import dev.hotloop.analyzer.plan.LoopPlan;

/**
 * What to build a kernel for: the plan, the internal name of the class to hold it, the backend
 * available and whether the user allowed reassociating floating-point sums ({@code fastmath}).
 */
public record KernelRequest(LoopPlan plan, String className, KernelBackend backend,
    boolean fastmath) {
}
