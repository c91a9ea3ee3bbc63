package dev.hotloop.spark;

import java.io.Serializable;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What one task computes for its partition: the statistics of each of its feature columns
 * ({@code double[]}), computed {@code passes} times over as an iterative job would, and the
 * total of its event counters ({@code long[]}); and which executor JVM computed them.
 *
 * @param partition the partition's index, which seeds its data
 * @param digest every statistic's exact bits folded in order, to compare runs exactly
 * @param firstColumn the first column's statistics, readable
 * @param executor the pid, host and Java version of the JVM that ran the task
 */
public record PartitionStats(int partition, long digest, String firstColumn, String executor)
    implements Serializable {

  /** Builds partition {@code partition}'s data and computes its statistics. */
  public static PartitionStats of(int partition, int columns, int elements, int passes) {
    SplittableRandom random = new SplittableRandom(0x5EED_0000L + partition);
    double[][] features = new double[columns][elements];
    long[] counters = new long[elements];
    for (double[] column : features) {
      for (int i = 0; i < elements; i++) {
        column[i] = random.nextDouble(-1_000, 1_000);
      }
    }
    // The edges of double comparison, where a kernel's min and max must agree with Math's.
    features[0][elements / 2] = -0.0;
    features[columns - 1][elements - 1] = Double.MAX_VALUE;
    for (int i = 0; i < elements; i++) {
      counters[i] = random.nextLong(1L << 40);
    }
    long digest = 17;
    String first = "";
    for (int pass = 0; pass < passes; pass++) {
      digest = 17;
      for (int c = 0; c < columns; c++) {
        double min = FeatureStats.min(features[c]);
        double max = FeatureStats.max(features[c]);
        double sum = FeatureStats.sum(features[c]);
        int above = FeatureStats.countAbove(features[c], 500);
        digest = fold(digest, Double.doubleToRawLongBits(min));
        digest = fold(digest, Double.doubleToRawLongBits(max));
        digest = fold(digest, Double.doubleToRawLongBits(sum));
        digest = fold(digest, above);
        if (c == 0) {
          first = String.format(Locale.ROOT, "min=%s max=%s sum=%s above=%d", min, max, sum,
              above);
        }
      }
      digest = fold(digest, FeatureStats.total(counters));
    }
    return new PartitionStats(partition, digest, first, Executor.current());
  }

  private static long fold(long digest, long value) {
    return digest * 31 + value;
  }

  /** One line of the job's results: everything but which executor ran it. */
  public String resultLine() {
    return String.format(Locale.ROOT, "partition %d: digest %016x, column 0: %s", partition,
        digest, firstColumn);
  }
}
