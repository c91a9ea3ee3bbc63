package dev.hotloop.bench;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The inputs and outputs of the {@link MapLoops} benchmarks, plain and hand-written alike: {@code
 * float} and {@code int} inputs of {@code size} elements from a fixed seed, a scale factor, one
 * output array per loop, and the expected outputs computed at set-up by code the agent never
 * rewrites. The outputs are fields of this state, reachable after every call, so their stores
 * cannot be removed as dead. Every array the loops touch starts a cache line unless G1
 * makes it humongous ({@link CacheLineAligned}).
 */
@State(Scope.Benchmark)
public class MapArrays {

  /** The number of elements of each array. */
  @Param({"100", "1000", "10000", "1000000"})
  public int size;

  float alpha;
  float[] floatsX;
  float[] floatsY;
  float[] floatsOut;
  int[] intsA;
  int[] intsB;
  int[] intsOut;

  float[] expectedAxpy;
  int[] expectedIntAdd;

  /** Fills the inputs and computes the expected outputs. */
  @Setup(Level.Trial)
  public void fill() {
    SplittableRandom random = new SplittableRandom(0x5eed_4001L);
    alpha = 1.5f + (float) random.nextDouble();
    floatsX = new float[size];
    floatsY = new float[size];
    floatsOut = new float[size];
    intsA = new int[size];
    intsB = new int[size];
    intsOut = new int[size];
    expectedAxpy = new float[size];
    expectedIntAdd = new int[size];
    for (int i = 0; i < size; i++) {
      floatsX[i] = (float) (random.nextDouble() * 2 - 1);
      floatsY[i] = (float) (random.nextDouble() * 2 - 1);
      intsA[i] = random.nextInt();
      intsB[i] = random.nextInt();
      // Java rounds the product and then the sum (no fused multiply-add): the loop's bits
      float product = alpha * floatsX[i];
      expectedAxpy[i] = product + floatsY[i];
      expectedIntAdd[i] = intsA[i] + intsB[i];
    }
    align();
  }

  /**
   * Puts back on a cache line, as a copy with the same contents, any array the loops read or
   * write that a garbage collection moved off one: before every iteration, and after {@link
   * #fill}. See {@link CacheLineAligned}.
   */
  @Setup(Level.Iteration)
  public void align() {
    floatsX = CacheLineAligned.realign(floatsX);
    floatsY = CacheLineAligned.realign(floatsY);
    floatsOut = CacheLineAligned.realign(floatsOut);
    intsA = CacheLineAligned.realign(intsA);
    intsB = CacheLineAligned.realign(intsB);
    intsOut = CacheLineAligned.realign(intsOut);
  }
}
