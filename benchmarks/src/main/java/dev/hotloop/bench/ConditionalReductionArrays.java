package dev.hotloop.bench;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The inputs of the {@link ConditionalReductionLoops} benchmarks, plain and hand-written alike:
 * an {@code int} array of {@code size} uniformly random elements from a fixed seed and a
 * threshold, with the count and the maximum computed at set-up by code the agent never rewrites.
 * The array starts a cache line unless G1 makes it humongous ({@link CacheLineAligned}).
 *
 * <p>The threshold is 0, so about half of the elements are above it in no pattern: the branch of
 * a scalar count-if is taken at random, as for real data with no order, rather than predicted
 * perfectly. It is a field, not a constant, so the JIT cannot specialize the loop for it.
 */
@State(Scope.Benchmark)
public class ConditionalReductionArrays {

  /** The number of elements of the array. */
  @Param({"100", "1000", "10000", "1000000"})
  public int size;

  int[] ints;
  int threshold;

  int expectedCountAbove;
  int expectedMax;

  /** Fills the array and computes the expected count and maximum. */
  @Setup(Level.Trial)
  public void fill() {
    SplittableRandom random = new SplittableRandom(0x5eed_3001L);
    ints = new int[size];
    threshold = 0;
    int count = 0;
    int max = Integer.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      ints[i] = random.nextInt();
      count += ints[i] > threshold ? 1 : 0;
      max = Math.max(max, ints[i]);
    }
    expectedCountAbove = count;
    expectedMax = max;
    align();
  }

  /**
   * Puts back on a cache line, as a copy with the same contents, any array the loops read that
   * a garbage collection moved off one: before every iteration, and after {@link #fill}. See
   * {@link CacheLineAligned}.
   */
  @Setup(Level.Iteration)
  public void align() {
    ints = CacheLineAligned.realign(ints);
  }
}
