package dev.hotloop.examples;

import java.util.Arrays;
import java.util.Locale;

/**
 * The seed's comparison in Java: {@code sum_array} over {@code np.arange(1000000)}, as a plain
 * loop and with a boxed accumulator, timed on the first call and after warm-up, and how long
 * after the first call each reached that warm speed. It knows nothing of hotloop: run it with
 * and without {@code -javaagent:hotloop-agent.jar} and compare.
 *
 * <p>Usage: {@code SumDemo [elements] [seconds per loop]} (defaults 1000000 and 3).
 */
public final class SumDemo {

  /** The seed's {@code sum_array}. */
  static long sumArray(long[] arr) {
    long result = 0;
    for (long x : arr) {
      result += x;
    }
    return result;
  }

  /** The same loop with a boxed accumulator: a {@code Long} is allocated per element. */
  static Long sumArrayBoxed(long[] arr) {
    Long result = 0L;
    for (long x : arr) {
      result += x;
    }
    return result;
  }

  private interface Loop {
    long run(long[] arr);
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3.0;
    long[] arr = new long[n];
    for (int i = 0; i < n; i++) {
      arr[i] = i;
    }
    long expected = (long) n * (n - 1) / 2;
    System.out.printf(Locale.ROOT, "sum_array over arange(%,d), %.1f s per loop%n", n, seconds);
    time("sumArray", arr, expected, seconds, SumDemo::sumArray);
    time("sumArrayBoxed", arr, expected, seconds, a -> sumArrayBoxed(a));
  }

  /** Calls at most this much slower than the warm median still count as at speed. */
  private static final double AT_SPEED = 1.2;
  /** How many calls from the first one at speed on must be at speed, by their median. */
  private static final int STAYS_AT_SPEED = 50;

  private static void time(String name, long[] arr, long expected, double seconds, Loop loop) {
    long t0 = System.nanoTime();
    long first = loop.run(arr);
    long firstNanos = System.nanoTime() - t0;
    check(name, first, expected);

    // Every call's start (from the first call's) and duration, to find when it reached speed.
    long[] starts = new long[1 << 12];
    long[] durations = new long[1 << 12];
    int count = 0;
    long deadline = t0 + (long) (seconds * 1e9);
    long sink = 0;
    while (System.nanoTime() < deadline) {
      long s = System.nanoTime();
      long r = loop.run(arr);
      long e = System.nanoTime() - s;
      sink += r;
      check(name, r, expected);
      if (count == durations.length) {
        starts = Arrays.copyOf(starts, 2 * count);
        durations = Arrays.copyOf(durations, 2 * count);
      }
      starts[count] = s - t0;
      durations[count++] = e;
    }
    // The warm figure is the median of the last quarter of the calls.
    long warm = median(durations, count - Math.max(count / 4, 1), count);
    // At speed from the first call at most 1.2 times the warm figure after which the next 50
    // calls are too, by their median: one lucky call early on does not count.
    int atSpeed = count;
    for (int k = 0; k < count; k++) {
      if (durations[k] <= AT_SPEED * warm
          && median(durations, k, Math.min(count, k + STAYS_AT_SPEED)) <= AT_SPEED * warm) {
        atSpeed = k;
        break;
      }
    }
    long atSpeedNanos = atSpeed < count ? starts[atSpeed] : System.nanoTime() - t0;
    System.out.printf(Locale.ROOT,
        "%-14s first call %11s   at speed after %11s   after warm-up %11s"
            + " (%.3f ns/element, %,d calls)%s%n",
        name, duration(firstNanos), duration(atSpeedNanos), duration(warm),
        (double) warm / arr.length, count, sink == 42 ? " " : "");
    System.out.printf(Locale.ROOT, "RESULT %s %d %d %d%n", name, firstNanos, warm,
        atSpeedNanos);
  }

  /** The median of {@code values[from, to)}. */
  private static long median(long[] values, int from, int to) {
    long[] sorted = Arrays.copyOfRange(values, Math.max(from, 0), Math.max(to, from + 1));
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String duration(long nanos) {
    return nanos >= 1_000_000
        ? String.format(Locale.ROOT, "%.3f ms", nanos / 1e6)
        : String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
  }

  private static void check(String name, long got, long expected) {
    if (got != expected) {
      throw new AssertionError(name + " returned " + got + ", expected " + expected);
    }
  }

  private SumDemo() {
  }
}
