package dev.hotloop.bench;

import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Hand-written Vector API count-if and maximum over the array of {@link
 * ConditionalReductionBenchmark}: the hand Vector API column of the conditional reductions,
 * written as {@link HandVectorSumBenchmark}'s sums are (preferred species, four accumulators, a
 * main loop unrolled by four vectors, a one-vector loop, one lane reduction, a scalar tail). The
 * count subtracts the comparison's mask as a vector: a true lane is -1, so every matching element
 * adds one with no branch and no blend.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class HandVectorConditionalReductionBenchmark {

  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

  /** Hand-written count-if. */
  @Benchmark
  public void countAbove(ConditionalReductionArrays in, Blackhole bh) {
    bh.consume(countAbove(in.ints, in.threshold));
  }

  /** Hand-written {@code int} maximum, lane-wise {@code max}. */
  @Benchmark
  public void intMax(ConditionalReductionArrays in, Blackhole bh) {
    bh.consume(intMax(in.ints));
  }

  /** Checks every kernel's result once more, after the measurement. */
  @TearDown(Level.Trial)
  public void check(ConditionalReductionArrays in) {
    ResultCheck.same("hand-written countAbove", countAbove(in.ints, in.threshold),
        in.expectedCountAbove);
    ResultCheck.same("hand-written intMax", intMax(in.ints), in.expectedMax);
  }

  static int countAbove(int[] a, int threshold) {
    int step = INTS.length();
    int bound = INTS.loopBound(a.length);
    int unrolledBound = bound - bound % (4 * step);
    IntVector acc0 = IntVector.zero(INTS);
    IntVector acc1 = IntVector.zero(INTS);
    IntVector acc2 = IntVector.zero(INTS);
    IntVector acc3 = IntVector.zero(INTS);
    int i = 0;
    // main loop: a true lane of the mask is -1 as a vector, so subtracting it counts the lane
    for (; i < unrolledBound; i += 4 * step) {
      acc0 = acc0.sub(above(a, i, threshold));
      acc1 = acc1.sub(above(a, i + step, threshold));
      acc2 = acc2.sub(above(a, i + 2 * step, threshold));
      acc3 = acc3.sub(above(a, i + 3 * step, threshold));
    }
    // vector tail
    for (; i < bound; i += step) {
      acc0 = acc0.sub(above(a, i, threshold));
    }
    int n = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    // scalar tail
    for (; i < a.length; i++) {
      if (a[i] > threshold) {
        n++;
      }
    }
    return n;
  }

  /** The lanes of {@code a[i ..]} above the threshold as -1, the others as 0. */
  private static IntVector above(int[] a, int i, int threshold) {
    return (IntVector) IntVector.fromArray(INTS, a, i).compare(VectorOperators.GT, threshold)
        .toVector();
  }

  static int intMax(int[] a) {
    int step = INTS.length();
    int bound = INTS.loopBound(a.length);
    int unrolledBound = bound - bound % (4 * step);
    IntVector acc0 = IntVector.broadcast(INTS, Integer.MIN_VALUE);
    IntVector acc1 = acc0;
    IntVector acc2 = acc0;
    IntVector acc3 = acc0;
    int i = 0;
    // main loop
    for (; i < unrolledBound; i += 4 * step) {
      acc0 = acc0.max(IntVector.fromArray(INTS, a, i));
      acc1 = acc1.max(IntVector.fromArray(INTS, a, i + step));
      acc2 = acc2.max(IntVector.fromArray(INTS, a, i + 2 * step));
      acc3 = acc3.max(IntVector.fromArray(INTS, a, i + 3 * step));
    }
    // vector tail
    for (; i < bound; i += step) {
      acc0 = acc0.max(IntVector.fromArray(INTS, a, i));
    }
    int m = acc0.max(acc1).max(acc2.max(acc3)).reduceLanes(VectorOperators.MAX);
    // scalar tail
    for (; i < a.length; i++) {
      m = Math.max(m, a[i]);
    }
    return m;
  }
}
