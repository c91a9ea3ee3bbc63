package dev.hotloop.it.apps;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Sum reductions of every shape the agent accelerates, over fixed pseudo-random data: a
 * {@code long[]} by for-each, an {@code int[]} to {@code i < n} into an {@code int} (which
 * overflows), an {@code int[]} widened into a {@code long}, a {@code byte[]} (sign-extended) and
 * a {@code char[]} (zero-extended), a {@code double[]} whose sum depends on the order of the
 * additions, and a boxed {@code Long} accumulator; and beyond sums, a clamp that stores and sums
 * under an else-if, a count under {@code &&}, a narrowing map of bytes and a loop counting down.
 *
 * <p>It calls them in a loop until told to stop (see {@link StopSignal}), checking every result
 * against the first, then prints each sum over prefixes of awkward lengths. Its standard output
 * is deterministic and knows nothing of hotloop: a run with the agent, on any kernel backend,
 * must print exactly what a run without it prints.
 *
 * <p>Usage: {@code SumApp <max millis of hot loop>}.
 */
public final class SumApp {

  /** The methods whose loops the agent can accelerate; the tests wait for and check these. */
  public static final List<String> SUMS = List.of("sumLongs", "sumInts", "sumIntsWidened",
      "sumBytes", "sumChars", "sumDoublesBoxed", "sumLongsBoxed", "clampAndSum", "countInRange",
      "scaleBytes", "sumDown");

  /**
   * The methods among {@link #SUMS} whose loops branch per element: the agent keeps them as
   * they are where only scalar kernels can be built, which would branch as C2's code does.
   */
  public static final List<String> CONDITIONAL = List.of("clampAndSum", "countInRange");

  /**
   * The methods whose loops have a plan the agent keeps as they are: a strict {@code double}
   * sum, whose kernel could only repeat C2's code without {@code fastmath}.
   */
  public static final List<String> KEPT = List.of("sumDoubles");

  static final int SIZE = 10_003;
  static final int[] PREFIXES = {0, 1, 3, 7, 64, 1_003, SIZE};

  static long sumLongs(long[] values) {
    long sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum;
  }

  static int sumInts(int[] values, int n) {
    int sum = 0;
    for (int i = 0; i < n; i++) {
      sum += values[i];
    }
    return sum;
  }

  static long sumIntsWidened(int[] values) {
    long sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i];
    }
    return sum;
  }

  static int sumBytes(byte[] values) {
    int sum = 0;
    for (byte v : values) {
      sum += v;
    }
    return sum;
  }

  static long sumChars(char[] values) {
    long sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i];
    }
    return sum;
  }

  static double sumDoubles(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum;
  }

  static double sumDoublesBoxed(double[] values) {
    Double sum = 0.0;
    for (double v : values) {
      sum += v;
    }
    return sum;
  }

  static Long sumLongsBoxed(long[] values) {
    Long sum = 0L;
    for (long v : values) {
      sum += v;
    }
    return sum;
  }

  static long clampAndSum(long[] values, long[] out, long lo, long hi) {
    long sum = 0;
    for (int i = 0; i < values.length; i++) {
      long v = values[i];
      if (v < lo) {
        v = lo;
      } else if (v > hi) {
        v = hi;
      }
      out[i] = v;
      sum += out[i];
    }
    return sum;
  }

  static int countInRange(int[] values, int lo, int hi) {
    int n = 0;
    for (int v : values) {
      if (v >= lo && v < hi) {
        n++;
      }
    }
    return n;
  }

  static void scaleBytes(byte[] in, byte[] out, int k) {
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (in[i] * k + 1);
    }
  }

  static long sumDown(long[] values) {
    long sum = 0;
    for (int i = values.length - 1; i >= 0; i--) {
      sum += values[i] >> 3;
    }
    return sum;
  }

  public static void main(String[] args) {
    StopSignal signal = StopSignal.listen(Long.parseLong(args[0]));
    SplittableRandom random = new SplittableRandom(20_251_124L);
    long[] longs = random.longs(SIZE, -1L << 40, 1L << 40).toArray();
    // Large enough that the int sum wraps around many times.
    int[] ints = random.ints(SIZE, -(1 << 30), 1 << 30).toArray();
    byte[] bytes = new byte[SIZE];
    random.nextBytes(bytes);
    char[] chars = new char[SIZE];
    for (int i = 0; i < SIZE; i++) {
      chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
    }
    // Magnitudes from 1e-6 to 1e9 with both signs: reassociating the sum changes its low bits.
    double[] doubles = new double[SIZE];
    for (int i = 0; i < SIZE; i++) {
      doubles[i] = (random.nextBoolean() ? 1 : -1) * random.nextDouble()
          * Math.pow(10, random.nextInt(-6, 10));
    }

    String first = results(longs, ints, bytes, chars, doubles);
    long mismatches = 0;
    while (!signal.stopped()) {
      if (!results(longs, ints, bytes, chars, doubles).equals(first)) {
        mismatches++;
      }
    }
    System.out.println("mismatches during the hot loop: " + mismatches);
    for (int n : PREFIXES) {
      System.out.printf(Locale.ROOT, "n=%d %s sumInts(all, n)=%d%n", n,
          results(Arrays.copyOf(longs, n), Arrays.copyOf(ints, n), Arrays.copyOf(bytes, n),
              Arrays.copyOf(chars, n), Arrays.copyOf(doubles, n)),
          sumInts(ints, n));
    }
  }

  private static String results(long[] longs, int[] ints, byte[] bytes, char[] chars,
      double[] doubles) {
    long[] clamped = new long[longs.length];
    byte[] scaled = new byte[bytes.length];
    scaleBytes(bytes, scaled, 7);
    return String.format(Locale.ROOT, "sumLongs=%d sumInts=%d sumIntsWidened=%d sumBytes=%d"
            + " sumChars=%d sumDoubles=%s sumDoublesBoxed=%s sumLongsBoxed=%d"
            + " clampAndSum=%d clamped=%d countInRange=%d scaleBytes=%d sumDown=%d",
        sumLongs(longs), sumInts(ints, ints.length), sumIntsWidened(ints), sumBytes(bytes),
        sumChars(chars), Double.toHexString(sumDoubles(doubles)),
        Double.toHexString(sumDoublesBoxed(doubles)), sumLongsBoxed(longs),
        clampAndSum(longs, clamped, -(1L << 39), 1L << 38), Arrays.hashCode(clamped),
        countInRange(ints, -(1 << 29), 1 << 28), Arrays.hashCode(scaled), sumDown(longs));
  }

  private SumApp() {
  }
}
