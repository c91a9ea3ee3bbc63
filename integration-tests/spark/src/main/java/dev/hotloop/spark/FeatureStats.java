package dev.hotloop.spark;

/**
 * Per-partition statistics over feature vectors, as a Spark job's tasks compute them: plain Java
 * loops over primitive arrays, which know nothing of hotloop. The agent, attached to every
 * executor, accelerates the exact ones (minimum, maximum, counts, integer sums, the boxed sum)
 * and keeps the strict {@code double} sum, whose order a kernel may not change.
 */
public final class FeatureStats {

  private FeatureStats() {
  }

  /** The smallest value: NaN if any is, and -0.0 below 0.0, as {@link Math#min} has it. */
  public static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = 0; i < v.length; i++) {
      m = Math.min(m, v[i]);
    }
    return m;
  }

  /** The largest value, as {@link Math#max} has it. */
  public static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < v.length; i++) {
      m = Math.max(m, v[i]);
    }
    return m;
  }

  /** The sum in index order, as Java adds: kept by the agent without {@code fastmath}. */
  public static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  /** How many values lie above {@code threshold}. */
  public static int countAbove(double[] v, double threshold) {
    int n = 0;
    for (int i = 0; i < v.length; i++) {
      if (v[i] > threshold) {
        n++;
      }
    }
    return n;
  }

  /** The total of event counters. */
  public static long total(long[] counters) {
    long t = 0;
    for (long c : counters) {
      t += c;
    }
    return t;
  }

  /**
   * The sum of a payload's unsigned bytes into a boxed {@code Long}, as a SQL UDF that returns
   * {@code Long} is often written: every addition boxes, unless the agent unboxes it.
   */
  public static Long checksum(byte[] payload) {
    Long sum = 0L;
    for (int i = 0; i < payload.length; i++) {
      sum += payload[i] & 0xFF;
    }
    return sum;
  }
}
