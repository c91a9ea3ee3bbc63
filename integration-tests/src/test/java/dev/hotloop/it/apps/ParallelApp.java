package dev.hotloop.it.apps;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Loops over a million elements, for the {@code parallel} option: a {@code long} sum, an
 * {@code int} maximum, a {@code double} sum of squares (which only {@code fastmath} may split),
 * and a map into a {@code double[]}. It calls them until told to stop (see {@link StopSignal}),
 * 32 times at least,
 * checking every result against the first, then prints them and a hash of the map's output,
 * for ranges of the whole array and of odd lengths. It knows nothing of hotloop.
 *
 * <p>Usage: {@code ParallelApp <max millis of hot loop>}.
 */
public final class ParallelApp {

  static final int SIZE = 1_000_003;

  static long sumLongs(long[] values) {
    long sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum;
  }

  static int maxInts(int[] values, int n) {
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, values[i]);
    }
    return max;
  }

  static double sumSquares(double[] values) {
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i] * values[i];
    }
    return sum;
  }

  static void scale(double[] out, double[] in, double k) {
    for (int i = 0; i < in.length; i++) {
      out[i] = in[i] * k + 1.0;
    }
  }

  public static void main(String[] args) {
    StopSignal signal = StopSignal.listen(Long.parseLong(args[0]));
    SplittableRandom random = new SplittableRandom(20261125);
    long[] longs = random.longs(SIZE).toArray();
    int[] ints = random.ints(SIZE).toArray();
    double[] doubles = random.doubles(SIZE, -1, 1).toArray();
    double[] out = new double[SIZE];
    long sum = sumLongs(longs);
    int max = maxInts(ints, SIZE);
    double squares = sumSquares(doubles);
    scale(out, doubles, 3.0);
    int mapped = Arrays.hashCode(out);
    long mismatches = 0;
    // At least 32 rounds, however soon it is told to stop: a parallel loop tries its runs on one
    // thread and split, a dozen runs, before it chooses, and the report says what it chose.
    for (int round = 0; round < 32 || !signal.stopped(); round++) {
      mismatches += sumLongs(longs) == sum ? 0 : 1;
      mismatches += maxInts(ints, SIZE) == max ? 0 : 1;
      // A sum of squares is computed in the loop's order unless its pattern says fastmath.
      mismatches += sumSquares(doubles) == squares ? 0 : 1;
      scale(out, doubles, 3.0);
      mismatches += Arrays.hashCode(out) == mapped ? 0 : 1;
    }
    System.out.println("mismatches during the hot loop: " + mismatches);
    for (int n : new int[] {0, 1, 7, 131_071, 131_072, 262_147, SIZE}) {
      long[] l = Arrays.copyOf(longs, n);
      double[] d = Arrays.copyOf(doubles, n);
      double[] o = new double[n];
      scale(o, d, -0.5);
      System.out.println(n + ": sum " + sumLongs(l) + ", max " + maxInts(ints, n)
          + ", squares " + sumSquares(d) + ", map " + Arrays.hashCode(o));
    }
  }

  private ParallelApp() {
  }
}
