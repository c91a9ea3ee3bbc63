package dev.hotloop.bench;

/**
 * The sum loops under test, written as an application would write them: plain Java, no
 * annotations, nothing that knows of hotloop. {@link SumBenchmark} calls them in a JVM without
 * the agent (the "plain" column) and in a JVM with it (the "hotloop" column), where
 * {@code hotloop-bench.conf} selects this class, and only this class, and gives
 * {@link #doubleSumFastmath} the {@code fastmath} option.
 *
 * <p>The methods are static and take the array as their only argument, so the agent's guards
 * (array not null) are the only difference between the two columns.
 */
public final class SumLoops {

  private SumLoops() {}

  /** The seed's {@code sum_array}: a for-each sum of a {@code long[]}. */
  public static long longSum(long[] a) {
    long result = 0;
    for (long x : a) {
      result += x;
    }
    return result;
  }

  /** An indexed sum of an {@code int[]} into an {@code int}, wrapping as Java does. */
  public static int intSum(int[] a) {
    int result = 0;
    for (int i = 0; i < a.length; i++) {
      result += a[i];
    }
    return result;
  }

  /**
   * The seed's {@code sum_array} with a boxed accumulator: each step unboxes, adds and boxes a
   * new {@code Long} (outside the small-value cache), which C2 only sometimes removes.
   */
  public static Long longSumBoxed(long[] a) {
    Long result = 0L;
    for (long x : a) {
      result += x;
    }
    return result;
  }

  /**
   * {@link #longSumBoxed}'s loop with a primitive accumulator, and its signature: the code its
   * author would write to avoid the boxing, which still boxes the result once, at the return.
   * The boxed loop is held to this one's speed.
   */
  public static Long longSumBoxedResult(long[] a) {
    long result = 0;
    for (long x : a) {
      result += x;
    }
    return result;
  }

  /** A sum of a {@code double[]} in Java's strict left-to-right order. */
  public static double doubleSum(double[] a) {
    double result = 0;
    for (double x : a) {
      result += x;
    }
    return result;
  }

  /**
   * The same code as {@link #doubleSum}; only the agent's config differs: it gives this method
   * {@code fastmath}, which lets the agent reassociate the sum into vector lanes.
   */
  public static double doubleSumFastmath(double[] a) {
    double result = 0;
    for (double x : a) {
      result += x;
    }
    return result;
  }
}
