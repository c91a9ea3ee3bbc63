package dev.hotloop.bench;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The arrays of the {@link ConditionalMapLoops} benchmarks, plain and hand-written alike, with
 * the expected outputs computed at set-up by code the agent never rewrites.
 *
 * <p>The data is random from a fixed seed, half of it outside the clamp's range and half of the
 * floats negative, so that the conditions are true at random. The in-place loops change their
 * arrays on the first call and then leave them as they are (clamping or ReLU twice is the same
 * as once): the timed calls run on data where the condition is always false. That is accepted,
 * not hidden: the table says so, and {@code floatRelu}, with a separate output, times the same
 * condition on data that stays random. Before the check at the end of a trial, {@link #restore}
 * puts the original data back, so the check sees the in-place loops change something. Every
 * array the loops touch starts a cache line unless G1 makes it humongous ({@link
 * CacheLineAligned}).
 */
@State(Scope.Benchmark)
public class ConditionalMapArrays {

  /** The number of elements of each array. */
  @Param({"100", "1000", "10000", "1000000"})
  public int size;

  int lo;
  int hi;
  /** Clamped in place by the benchmark; the original data is kept in {@link #clampInput}. */
  int[] clampData;
  /** ReLU'd in place by the benchmark; the original data is kept in {@link #reluInput}. */
  float[] reluData;
  /** The input of the separate-output ReLU, never written. */
  float[] reluInput;
  float[] reluOut;

  private int[] clampInput;
  int[] expectedClamp;
  float[] expectedRelu;

  /** Fills the arrays and computes the expected outputs. */
  @Setup(Level.Trial)
  public void fill() {
    SplittableRandom random = new SplittableRandom(0x5eed_5001L);
    // a quarter of the ints below lo, a quarter above hi
    lo = Integer.MIN_VALUE / 2;
    hi = Integer.MAX_VALUE / 2;
    clampInput = new int[size];
    reluInput = new float[size];
    reluOut = new float[size];
    expectedClamp = new int[size];
    expectedRelu = new float[size];
    for (int i = 0; i < size; i++) {
      clampInput[i] = random.nextInt();
      reluInput[i] = (float) (random.nextDouble() * 2 - 1);
      expectedClamp[i] = Math.min(Math.max(clampInput[i], lo), hi);
      expectedRelu[i] = reluInput[i] < 0f ? 0f : reluInput[i];
    }
    restore();
    align();
  }

  /**
   * Puts the original data back into the arrays the in-place loops change, in copies that start
   * a cache line.
   */
  void restore() {
    clampData = CacheLineAligned.copyOf(clampInput);
    reluData = CacheLineAligned.copyOf(reluInput);
  }

  /**
   * Puts back on a cache line, as a copy with the same contents (the data the in-place loops
   * left, not the original as {@link #restore} does), any array the loops read or write that a
   * garbage collection moved off one: before every iteration, and after {@link #fill}. See {@link
   * CacheLineAligned}.
   */
  @Setup(Level.Iteration)
  public void align() {
    clampData = CacheLineAligned.realign(clampData);
    reluData = CacheLineAligned.realign(reluData);
    reluInput = CacheLineAligned.realign(reluInput);
    reluOut = CacheLineAligned.realign(reluOut);
  }
}
