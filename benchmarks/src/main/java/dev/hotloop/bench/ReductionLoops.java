package dev.hotloop.bench;

/**
 * Reductions of an expression of two arrays, written as an application would write them: plain
 * Java, nothing that knows of hotloop. {@link ReductionBenchmark} times them without and with the
 * agent; {@code hotloop-bench.conf} gives {@link #doubleDotFastmath} the {@code fastmath}
 * option, without which a strict {@code double} sum is kept as it is (its kernel could only
 * repeat C2's code).
 */
public final class ReductionLoops {

  private ReductionLoops() {}

  /** The {@code int} dot product, wrapping as Java's {@code int} arithmetic does. */
  public static int intDot(int[] a, int[] b) {
    int s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * The {@code double} dot product. The code is strict Java; the agent's config gives the method
   * {@code fastmath}, which lets the agent reassociate the sum into vector lanes.
   */
  public static double doubleDotFastmath(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
