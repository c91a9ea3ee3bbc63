package dev.hotloop.bench;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The inputs of the {@link ReductionLoops} benchmarks, plain and hand-written alike: two {@code
 * int} and two {@code double} arrays of {@code size} elements, filled once per trial from a
 * fixed seed, and the dot products computed from them at set-up by code the agent never
 * rewrites, for the checks at the end of a trial. Non-final fields of a JMH state, like {@link
 * SumArrays}'s, so the JIT cannot fold them, and placed as theirs are ({@link
 * CacheLineAligned}).
 */
@State(Scope.Benchmark)
public class ReductionArrays {

  /** The number of elements of each array. */
  @Param({"100", "1000", "10000", "1000000"})
  public int size;

  int[] intsA;
  int[] intsB;
  double[] doublesA;
  double[] doublesB;

  int expectedIntDot;
  double expectedDoubleDot;

  /** Fills the arrays and computes the expected dot products, in strict order. */
  @Setup(Level.Trial)
  public void fill() {
    SplittableRandom random = new SplittableRandom(0x5eed_2001L);
    intsA = new int[size];
    intsB = new int[size];
    doublesA = new double[size];
    doublesB = new double[size];
    int intDot = 0;
    double doubleDot = 0;
    for (int i = 0; i < size; i++) {
      intsA[i] = random.nextInt();
      intsB[i] = random.nextInt();
      doublesA[i] = random.nextDouble();
      doublesB[i] = random.nextDouble();
      intDot += intsA[i] * intsB[i];
      doubleDot += doublesA[i] * doublesB[i];
    }
    expectedIntDot = intDot;
    expectedDoubleDot = doubleDot;
    align();
  }

  /**
   * Puts back on a cache line, as a copy with the same contents, any array the loops read that
   * a garbage collection moved off one: before every iteration, and after {@link #fill}. See
   * {@link CacheLineAligned}.
   */
  @Setup(Level.Iteration)
  public void align() {
    intsA = CacheLineAligned.realign(intsA);
    intsB = CacheLineAligned.realign(intsB);
    doublesA = CacheLineAligned.realign(doublesA);
    doublesB = CacheLineAligned.realign(doublesB);
  }
}
