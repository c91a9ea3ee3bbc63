package dev.hotloop.bench;

/**
 * Matrix code over the rows of arrays of arrays, written as an application would write it:
 * plain Java, nothing that knows of hotloop. Each method is a loop nest whose inner loop runs
 * once per row and reads {@code m[r][c]} with the row index fixed. The agent rejects the outer
 * loop ("contains a nested loop") and considers the inner one on its own, so it accelerates each
 * row: a dot product per row for the matrix-vector products, an element-wise map per row for the
 * column sums. {@link RowBenchmark} times them without and with the agent; {@code
 * hotloop-bench.conf} gives {@link #doubleMatVecFastmath} the {@code fastmath} option, without
 * which a strict {@code double} dot product is kept as it is (its kernel could only repeat C2's
 * code).
 */
public final class RowLoops {

  private RowLoops() {}

  /** {@code y = m x} in {@code long}s, wrapping as Java's {@code long} arithmetic does. */
  public static void longMatVec(long[][] m, long[] x, long[] y) {
    for (int r = 0; r < m.length; r++) {
      long s = 0;
      for (int c = 0; c < x.length; c++) {
        s += m[r][c] * x[c];
      }
      y[r] = s;
    }
  }

  /**
   * {@code y = m x} in {@code double}s. The code is strict Java; the agent's config gives the
   * method {@code fastmath}, which lets the agent reassociate each row's sum into vector lanes.
   */
  public static void doubleMatVecFastmath(double[][] m, double[] x, double[] y) {
    for (int r = 0; r < m.length; r++) {
      double s = 0;
      for (int c = 0; c < x.length; c++) {
        s += m[r][c] * x[c];
      }
      y[r] = s;
    }
  }

  /**
   * Adds every row of {@code m} into {@code out}, element by element: {@code out} gains the
   * column sums of {@code m}, wrapping as Java's {@code int} addition does. The inner loop is a
   * map that reads and writes {@code out} at the counter.
   */
  public static void intColumnSums(int[][] m, int[] out) {
    for (int r = 0; r < m.length; r++) {
      for (int c = 0; c < out.length; c++) {
        out[c] += m[r][c];
      }
    }
  }
}
