package dev.hotloop.bench;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The arrays every sum benchmark reads, one of each element type, {@code size} elements long,
 * filled once per trial from a fixed seed so that the plain, hotloop and hand-written columns sum
 * exactly the same numbers.
 *
 * <p>The arrays are ordinary (non-final) fields of a JMH state object, so the JIT cannot treat
 * them, their lengths or their contents as constants and fold the sums away. The sizes are one
 * that fits in L1 (1,000 elements, 4-8 KB), one in L2 (10,000) and one as large as the whole L3
 * of this project's machines (1,000,000 elements, 4-8 MB against 8 MiB), where memory bandwidth
 * starts to cap every variant: the scaling check. Every default size is a multiple
 * of eight, so the scalar tails (fewer elements than one vector) only run with other sizes, such
 * as {@code bin/bench --sizes 1003}. The expected sums are computed here, by code the agent never
 * rewrites, for the benchmarks' checks at the end of a trial. Every array starts a cache line
 * in every column, unless G1 makes it humongous ({@link CacheLineAligned}).
 */
@State(Scope.Benchmark)
public class SumArrays {

  /** The number of elements of each array. */
  @Param({"100", "1000", "10000", "1000000"})
  public int size;

  long[] longs;
  int[] ints;
  double[] doubles;

  long expectedLongSum;
  int expectedIntSum;
  double expectedDoubleSum;

  /** Fills the arrays and computes the expected sums, in strict order. */
  @Setup(Level.Trial)
  public void fill() {
    SplittableRandom random = new SplittableRandom(0x5eed_1007L);
    longs = new long[size];
    ints = new int[size];
    doubles = new double[size];
    long longSum = 0;
    int intSum = 0;
    double doubleSum = 0;
    for (int i = 0; i < size; i++) {
      longs[i] = random.nextLong();
      ints[i] = random.nextInt();
      doubles[i] = random.nextDouble();
      longSum += longs[i];
      intSum += ints[i];
      doubleSum += doubles[i];
    }
    expectedLongSum = longSum;
    expectedIntSum = intSum;
    expectedDoubleSum = doubleSum;
    align();
  }

  /**
   * Puts back on a cache line, as a copy with the same contents, any array the loops read that
   * a garbage collection moved off one: before every iteration, and after {@link #fill}. See
   * {@link CacheLineAligned}.
   */
  @Setup(Level.Iteration)
  public void align() {
    longs = CacheLineAligned.realign(longs);
    ints = CacheLineAligned.realign(ints);
    doubles = CacheLineAligned.realign(doubles);
  }

  /** Fails the trial when a {@code long} sum is wrong: a fast wrong answer is no result. */
  void checkLong(String loop, long actual) {
    if (actual != expectedLongSum) {
      throw new AssertionError(loop + " returned " + actual + ", expected " + expectedLongSum);
    }
  }

  /** Fails the trial when an {@code int} sum is wrong. */
  void checkInt(String loop, int actual) {
    if (actual != expectedIntSum) {
      throw new AssertionError(loop + " returned " + actual + ", expected " + expectedIntSum);
    }
  }

  /** Fails the trial when a strict-order {@code double} sum differs in any bit. */
  void checkStrictDouble(String loop, double actual) {
    if (Double.doubleToLongBits(actual) != Double.doubleToLongBits(expectedDoubleSum)) {
      throw new AssertionError(loop + " returned " + actual + ", expected " + expectedDoubleSum);
    }
  }

  /**
   * Fails the trial when a reassociated {@code double} sum is off by more than a relative
   * {@code 1e-9}: only its last bits may differ from the strict sum.
   */
  void checkReassociatedDouble(String loop, double actual) {
    if (!(Math.abs(actual - expectedDoubleSum) <= 1e-9 * Math.abs(expectedDoubleSum))) {
      throw new AssertionError(
          loop + " returned " + actual + ", expected about " + expectedDoubleSum);
    }
  }
}
