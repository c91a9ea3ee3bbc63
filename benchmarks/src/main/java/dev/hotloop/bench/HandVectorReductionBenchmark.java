package dev.hotloop.bench;

import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.DoubleVector;
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
 * Hand-written Vector API dot products over the arrays of {@link ReductionBenchmark}: the hand
 * Vector API column of the reductions. Written as {@link HandVectorSumBenchmark}'s sums are
 * (preferred species, four accumulators, a main loop unrolled by four vectors, a one-vector
 * loop, one lane reduction, a scalar tail). {@link #doubleDotFused} uses fused multiply-add: with
 * the reordering {@code fastmath} allows, that is what a programmer writes for a dot product; its
 * result may differ from the strict one in the last bits, and is checked as such.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class HandVectorReductionBenchmark {

  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

  /** Hand-written {@code int} dot product, wrapping like Java's {@code int} arithmetic. */
  @Benchmark
  public void intDot(ReductionArrays in, Blackhole bh) {
    bh.consume(intDot(in.intsA, in.intsB));
  }

  /** Hand-written {@code double} dot product, fused multiply-add in reassociated lanes. */
  @Benchmark
  public void doubleDotFused(ReductionArrays in, Blackhole bh) {
    bh.consume(doubleDotFused(in.doublesA, in.doublesB));
  }

  /** Checks every kernel's result once more, after the measurement. */
  @TearDown(Level.Trial)
  public void check(ReductionArrays in) {
    ResultCheck.same("hand-written intDot", intDot(in.intsA, in.intsB), in.expectedIntDot);
    ResultCheck.close("hand-written doubleDotFused", doubleDotFused(in.doublesA, in.doublesB),
        in.expectedDoubleDot);
  }

  static int intDot(int[] a, int[] b) {
    int step = INTS.length();
    int bound = INTS.loopBound(a.length);
    int unrolledBound = bound - bound % (4 * step);
    IntVector acc0 = IntVector.zero(INTS);
    IntVector acc1 = IntVector.zero(INTS);
    IntVector acc2 = IntVector.zero(INTS);
    IntVector acc3 = IntVector.zero(INTS);
    int i = 0;
    // main loop: four vectors per step, four independent chains of additions
    for (; i < unrolledBound; i += 4 * step) {
      acc0 = acc0.add(IntVector.fromArray(INTS, a, i).mul(IntVector.fromArray(INTS, b, i)));
      acc1 = acc1.add(IntVector.fromArray(INTS, a, i + step)
          .mul(IntVector.fromArray(INTS, b, i + step)));
      acc2 = acc2.add(IntVector.fromArray(INTS, a, i + 2 * step)
          .mul(IntVector.fromArray(INTS, b, i + 2 * step)));
      acc3 = acc3.add(IntVector.fromArray(INTS, a, i + 3 * step)
          .mul(IntVector.fromArray(INTS, b, i + 3 * step)));
    }
    // vector tail
    for (; i < bound; i += step) {
      acc0 = acc0.add(IntVector.fromArray(INTS, a, i).mul(IntVector.fromArray(INTS, b, i)));
    }
    // int products and sums wrap the same in any order: the lanes give Java's exact result
    int s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    // scalar tail
    for (; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double doubleDotFused(double[] a, double[] b) {
    int step = DOUBLES.length();
    int bound = DOUBLES.loopBound(a.length);
    int unrolledBound = bound - bound % (4 * step);
    DoubleVector acc0 = DoubleVector.zero(DOUBLES);
    DoubleVector acc1 = DoubleVector.zero(DOUBLES);
    DoubleVector acc2 = DoubleVector.zero(DOUBLES);
    DoubleVector acc3 = DoubleVector.zero(DOUBLES);
    int i = 0;
    // main loop: acc = a * b + acc, one rounding per term
    for (; i < unrolledBound; i += 4 * step) {
      acc0 = DoubleVector.fromArray(DOUBLES, a, i)
          .fma(DoubleVector.fromArray(DOUBLES, b, i), acc0);
      acc1 = DoubleVector.fromArray(DOUBLES, a, i + step)
          .fma(DoubleVector.fromArray(DOUBLES, b, i + step), acc1);
      acc2 = DoubleVector.fromArray(DOUBLES, a, i + 2 * step)
          .fma(DoubleVector.fromArray(DOUBLES, b, i + 2 * step), acc2);
      acc3 = DoubleVector.fromArray(DOUBLES, a, i + 3 * step)
          .fma(DoubleVector.fromArray(DOUBLES, b, i + 3 * step), acc3);
    }
    // vector tail
    for (; i < bound; i += step) {
      acc0 = DoubleVector.fromArray(DOUBLES, a, i)
          .fma(DoubleVector.fromArray(DOUBLES, b, i), acc0);
    }
    double s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    // scalar tail
    for (; i < a.length; i++) {
      s = Math.fma(a[i], b[i], s);
    }
    return s;
  }
}
