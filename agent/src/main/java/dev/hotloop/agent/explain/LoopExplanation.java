package dev.hotloop.agent.explain;

/**
 * What the agent would do with one loop over primitive arrays, found before anything runs: the
 * class, method and source line of the loop, the verdict, and its detail (the plan and kernel of
 * a loop it would accelerate, or why it keeps or rejects the loop).
 */
public record LoopExplanation(String className, String methodName, String descriptor,
    String sourceFile, int line, int ordinal, Verdict verdict, String detail) {

  /** The verdict on a loop. */
  public enum Verdict {
    /** It would be profiled and, once hot, switched to a kernel. */
    ACCELERATE("would accelerate"),
    /** It has a plan, but no kernel would be faster than the loop as it is. */
    KEPT("kept"),
    /** The analyzer (or the verifier check) turns it down. */
    REJECTED("rejected");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    /** How reports print it. */
    public String label() {
      return label;
    }
  }

  /** {@code Stats.java:12}, or the class name where the class has no source attributes. */
  public String location() {
    String file = sourceFile == null ? className : sourceFile;
    return line >= 0 ? file + ":" + line : file;
  }
}
