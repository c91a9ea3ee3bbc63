package dev.hotloop.bench;

/**
 * Reductions under a condition, written as an application would write them: plain Java,
 * nothing that knows of hotloop. {@link ConditionalReductionBenchmark} times them without and
 * with the agent, which runs the condition as a vector mask.
 */
public final class ConditionalReductionLoops {

  private ConditionalReductionLoops() {}

  /** Count-if: how many elements are above the threshold. */
  public static int countAbove(int[] a, int threshold) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > threshold) {
        n++;
      }
    }
    return n;
  }

  /**
   * The largest element, written with an {@code if} rather than {@code Math.max}; on integers the
   * two are the same (on floating point they differ for NaN and -0.0, and the agent rejects this
   * form there).
   */
  public static int intMaxIf(int[] a) {
    int m = Integer.MIN_VALUE;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > m) {
        m = a[i];
      }
    }
    return m;
  }
}
