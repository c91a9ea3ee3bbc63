package dev.hotloop.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * A Spark job whose tasks run loops over primitive arrays, the driver of the Spark cluster test.
 * Each round computes every partition's {@link PartitionStats} (an RDD job) and the sum of a
 * SQL UDF with a boxed accumulator, {@link FeatureStats#checksum}, over a table of byte
 * payloads; every round must give the first round's results, which are printed with the JVMs
 * that computed them and the time the rounds took.
 *
 * <p>Usage: {@code StatsJob <master-url> <job-jar> <executors> <rounds>}. Any {@code spark.*}
 * setting may be given as a system property ({@code -Dspark.executor.extraJavaOptions=...}).
 * Exits with 1 when a round's results differ from the first's, 2 on a wrong command line.
 */
public final class StatsJob {

  static final int PARTITIONS = 8;
  static final int COLUMNS = 16;
  static final int ELEMENTS = 1 << 15;
  static final int PASSES = 64;
  static final int ROWS = 16_000;
  static final int PAYLOAD_BYTES = 1024;

  private StatsJob() {
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 4) {
      System.err.println("usage: StatsJob <master-url> <job-jar> <executors> <rounds>");
      System.exit(2);
    }
    int executors = Integer.parseInt(args[2]);
    int rounds = Integer.parseInt(args[3]);
    SparkSession spark = SparkSession.builder()
        .appName("hotloop-feature-stats")
        .master(args[0])
        .config("spark.jars", args[1])
        .config("spark.ui.enabled", "false")
        .getOrCreate();
    try {
      awaitExecutors(spark, executors);
      spark.udf().register("payload", (UDF1<Long, byte[]>) StatsJob::payload,
          DataTypes.BinaryType);
      spark.udf().register("checksum", (UDF1<byte[], Long>) FeatureStats::checksum,
          DataTypes.LongType);
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      List<Integer> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(p);
      }
      List<String> first = null;
      TreeSet<String> jvms = new TreeSet<>();
      long start = System.nanoTime();
      List<String> roundTimes = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        long roundStart = System.nanoTime();
        List<PartitionStats> stats = sc.parallelize(partitions, PARTITIONS)
            .map(p -> PartitionStats.of(p, COLUMNS, ELEMENTS, PASSES))
            .collect();
        long checksum = spark.range(0, ROWS, 1, PARTITIONS)
            .selectExpr("sum(checksum(payload(id)))")
            .first().getLong(0);
        List<String> results = new ArrayList<>();
        for (PartitionStats s : stats) {
          results.add(s.resultLine());
          jvms.add(s.executor());
        }
        results.add("checksum of " + ROWS + " payloads: " + checksum);
        roundTimes.add(String.valueOf((System.nanoTime() - roundStart) / 1_000_000));
        if (first == null) {
          first = results;
        } else if (!results.equals(first)) {
          System.out.println("round " + round + " differs from round 0:");
          results.forEach(System.out::println);
          System.out.println("round 0:");
          first.forEach(System.out::println);
          System.exit(1);
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      jvms.forEach(jvm -> System.out.println("executor " + jvm));
      first.forEach(System.out::println);
      System.out.println("job: " + rounds + " rounds in " + millis + " ms (each: "
          + String.join(", ", roundTimes) + " ms)");
    } finally {
      spark.stop();
    }
  }

  /** A row's payload: bytes that depend on its id only. */
  static byte[] payload(Long id) {
    byte[] bytes = new byte[PAYLOAD_BYTES];
    new SplittableRandom(id).nextBytes(bytes);
    return bytes;
  }

  /**
   * Waits until {@code executors} executors have registered, so that the rounds are timed on
   * all of them; the driver's own entry is not one.
   */
  private static void awaitExecutors(SparkSession spark, int executors)
      throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (spark.sparkContext().statusTracker().getExecutorInfos().length < executors + 1) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(executors + " executors did not register in 120 s");
      }
      Thread.sleep(100);
    }
  }
}
