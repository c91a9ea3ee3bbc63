package dev.hotloop.agent.registry;

/** Where one loop stands, as the report shows it. */
public enum LoopState {
  /** The analyzer said no; the loop is never touched. */
  REJECTED("rejected"),
  /** The loop has a plan, but no kernel could be faster than C2's code for it: kept as is. */
  KEPT("kept"),
  /** Profiled: counting calls and trips until its method turns hot. */
  COLD("cold"),
  /** Its method is hot; the kernel is being built and warmed. */
  COMPILING("warming"),
  /** The method runs the kernel behind guards. */
  ACCELERATED("accelerated"),
  /** Building, warming or switching to the kernel failed; the original loop runs. */
  FAILED("failed"),
  /** Switched back to the original for good (on demand, or its kernel did not pay). */
  DEOPTIMIZED("deoptimized");

  private final String label;

  LoopState(String label) {
    this.label = label;
  }

  /** The word the report uses. */
  public String label() {
    return label;
  }
}
