package dev.hotloop.bench;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The arrays of {@link ParallelBenchmark}: a million elements (8 MB of {@code long}s, the size of
 * L3) and ten million (80 MB, from memory), from a fixed seed, with the expected results computed
 * by code the agent never rewrites.
 */
@State(Scope.Benchmark)
public class ParallelArrays {

  /** The number of elements of each array. */
  @Param({"1000000", "10000000"})
  public int size;

  long[] longs;
  int[] ints;
  double[] a;
  double[] b;
  double[] y;

  long expectedLongSum;
  int expectedIntMax;
  double expectedDot;

  /** Fills the arrays and computes the expected results, the dot product in strict order. */
  @Setup(Level.Trial)
  public void fill() {
    SplittableRandom random = new SplittableRandom(0x5eed_2026L);
    longs = random.longs(size).toArray();
    ints = random.ints(size).toArray();
    a = random.doubles(size, -1, 1).toArray();
    b = random.doubles(size, -1, 1).toArray();
    y = new double[size];
    long sum = 0;
    int max = Integer.MIN_VALUE;
    double dot = 0;
    for (int i = 0; i < size; i++) {
      sum += longs[i];
      max = Math.max(max, ints[i]);
      dot += a[i] * b[i];
    }
    expectedLongSum = sum;
    expectedIntMax = max;
    expectedDot = dot;
  }
}
