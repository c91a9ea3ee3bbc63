package example.shapes;

/**
 * Loops of each verdict, for the tests of {@code hotloop explain}: their class file is explained
 * at rest. (Outside {@code dev.hotloop}, whose classes the agent never touches.)
 */
public final class ExplainedLoops {

  private ExplainedLoops() {
  }

  /** Accelerated: an integer sum. */
  public static long sum(int[] a) {
    long s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i];
    }
    return s;
  }

  /** Kept without fastmath: a strict floating-point sum. */
  public static double strictSum(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x;
    }
    return s;
  }

  /** Rejected: each element needs the one before. */
  public static void prefixSums(long[] a) {
    for (int i = 1; i < a.length; i++) {
      a[i] += a[i - 1];
    }
  }
}
