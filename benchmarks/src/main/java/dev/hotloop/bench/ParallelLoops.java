package dev.hotloop.bench;

/**
 * Loops over millions of elements for the scaling of the {@code parallel} option, written as an
 * application would write them. {@code hotloop-bench-parallel.conf} gives this class
 * {@code parallel} (and {@code fastmath} to the {@code double} sum); the usual config leaves its
 * kernels on one thread, which makes the sequential column.
 */
public final class ParallelLoops {

  private ParallelLoops() {
  }

  /** An exact fold: split and folded in order, it is the loop's sum bit for bit. */
  public static long longSum(long[] a) {
    long s = 0;
    for (long x : a) {
      s += x;
    }
    return s;
  }

  /** {@code Math.max}, exact in any order. */
  public static int intMax(int[] a) {
    int m = Integer.MIN_VALUE;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, a[i]);
    }
    return m;
  }

  /** A sum of products that only {@code fastmath} may split. */
  public static double doubleDotFastmath(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** A map: each element written from its own. */
  public static void axpy(double[] y, double[] x, double k) {
    for (int i = 0; i < x.length; i++) {
      y[i] = k * x[i] + y[i];
    }
  }
}
