package example.shapes;

/** A class as an application would have it: one sum, one loop the analyzer rejects, no loops. */
public final class MixedLoops {

  public static long sum(long[] values) {
    long total = 0;
    for (long v : values) {
      total += v;
    }
    return total;
  }

  public static void prefixSums(int[] values) {
    for (int i = 1; i < values.length; i++) {
      values[i] += values[i - 1];
    }
  }

  public static int noLoop(int a, int b) {
    return a * 31 + b;
  }

  private MixedLoops() {
  }
}
