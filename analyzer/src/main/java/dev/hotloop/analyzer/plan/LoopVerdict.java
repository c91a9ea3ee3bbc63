package dev.hotloop.analyzer.plan;

/**
 * The analyzer's answer for one loop over primitive arrays: a plan, or a rejection.
 */
public sealed interface LoopVerdict {

  /** The loop this verdict is about. */
  LoopSite site();

  /** The loop can be accelerated as {@code plan} says. */
  record Accepted(LoopPlan plan) implements LoopVerdict {
    @Override
    public LoopSite site() {
      return plan.site();
    }
  }

  /** The loop stays as it is, for the reason given. */
  record Rejected(Rejection rejection) implements LoopVerdict {
    @Override
    public LoopSite site() {
      return rejection.site();
    }
  }
}
