package dev.hotloop.bench;

import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
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
 * The time of one call of a hand-written Vector API sum over the same arrays as {@link
 * SumBenchmark}: the "hand Vector API" column, the yardstick for what the agent's generated
 * kernels should reach. Each kernel is what a careful programmer would write: the JVM's preferred
 * species ({@code SPECIES_PREFERRED}, as the agent uses; 256 bits on this project's machines),
 * four independent accumulators so that consecutive additions do not wait on each other, a main
 * loop unrolled by four vectors, a one-vector loop up to {@code loopBound}, the lanes reduced
 * once, and a scalar tail.
 *
 * <p>Three kernels serve the five loops of {@link SumLoops}. {@code longSumBoxed} has no kernel
 * of its own: unboxed, its best form is exactly {@link #longSum}'s, which is what the table
 * compares it with. {@link #doubleSumReassociated} adds {@code double}s in vector lanes, that is
 * in another order than Java's strict left-to-right one, so its result may differ in the last
 * bits; it is the yardstick for both {@code doubleSum} (which the agent must keep in strict order
 * and so cannot reach it) and {@code doubleSumFastmath} (where the config allows the reordering).
 *
 * <p>Traps avoided, as in {@link SumBenchmark}: every result goes into a {@link Blackhole} (dead
 * code), the arrays are non-final fields of a state object (constant folding), and each result
 * is checked once more at the end of the trial. Vector API code is very slow until C2 compiles
 * it, so, like every benchmark here, it is only measured after the plan's warm-up iterations. The
 * forks are started with {@code --add-modules jdk.incubator.vector}, without which this class
 * cannot even be loaded.
 *
 * <p>Run it with {@code bin/bench}, or alone: {@code java -cp benchmarks/target/benchmarks.jar
 * org.openjdk.jmh.Main HandVectorSumBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class HandVectorSumBenchmark {

  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

  /** Hand-written {@code long} sum; also the yardstick for {@code longSumBoxed}. */
  @Benchmark
  public void longSum(SumArrays in, Blackhole bh) {
    bh.consume(longSum(in.longs));
  }

  /** Hand-written {@code int} sum, wrapping like Java's {@code int} addition. */
  @Benchmark
  public void intSum(SumArrays in, Blackhole bh) {
    bh.consume(intSum(in.ints));
  }

  /** Hand-written {@code double} sum in vector lanes: reassociated, not Java's strict order. */
  @Benchmark
  public void doubleSumReassociated(SumArrays in, Blackhole bh) {
    bh.consume(doubleSumReassociated(in.doubles));
  }

  /** Checks every kernel's result once more, after the measurement. */
  @TearDown(Level.Trial)
  public void check(SumArrays in) {
    in.checkLong("hand-written longSum", longSum(in.longs));
    in.checkInt("hand-written intSum", intSum(in.ints));
    in.checkReassociatedDouble("hand-written doubleSumReassociated",
        doubleSumReassociated(in.doubles));
  }

  static long longSum(long[] a) {
    int step = LONGS.length();
    int bound = LONGS.loopBound(a.length);
    int unrolledBound = bound - bound % (4 * step);
    LongVector acc0 = LongVector.zero(LONGS);
    LongVector acc1 = LongVector.zero(LONGS);
    LongVector acc2 = LongVector.zero(LONGS);
    LongVector acc3 = LongVector.zero(LONGS);
    int i = 0;
    // main loop: four vectors per step, four independent chains of additions
    for (; i < unrolledBound; i += 4 * step) {
      acc0 = acc0.add(LongVector.fromArray(LONGS, a, i));
      acc1 = acc1.add(LongVector.fromArray(LONGS, a, i + step));
      acc2 = acc2.add(LongVector.fromArray(LONGS, a, i + 2 * step));
      acc3 = acc3.add(LongVector.fromArray(LONGS, a, i + 3 * step));
    }
    // vector tail: whole vectors left over
    for (; i < bound; i += step) {
      acc0 = acc0.add(LongVector.fromArray(LONGS, a, i));
    }
    long sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    // scalar tail: fewer elements than one vector
    for (; i < a.length; i++) {
      sum += a[i];
    }
    return sum;
  }

  static int intSum(int[] a) {
    int step = INTS.length();
    int bound = INTS.loopBound(a.length);
    int unrolledBound = bound - bound % (4 * step);
    IntVector acc0 = IntVector.zero(INTS);
    IntVector acc1 = IntVector.zero(INTS);
    IntVector acc2 = IntVector.zero(INTS);
    IntVector acc3 = IntVector.zero(INTS);
    int i = 0;
    // main loop
    for (; i < unrolledBound; i += 4 * step) {
      acc0 = acc0.add(IntVector.fromArray(INTS, a, i));
      acc1 = acc1.add(IntVector.fromArray(INTS, a, i + step));
      acc2 = acc2.add(IntVector.fromArray(INTS, a, i + 2 * step));
      acc3 = acc3.add(IntVector.fromArray(INTS, a, i + 3 * step));
    }
    // vector tail
    for (; i < bound; i += step) {
      acc0 = acc0.add(IntVector.fromArray(INTS, a, i));
    }
    // int addition wraps the same in any order, so the lanes give Java's exact result
    int sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    // scalar tail
    for (; i < a.length; i++) {
      sum += a[i];
    }
    return sum;
  }

  static double doubleSumReassociated(double[] a) {
    int step = DOUBLES.length();
    int bound = DOUBLES.loopBound(a.length);
    int unrolledBound = bound - bound % (4 * step);
    DoubleVector acc0 = DoubleVector.zero(DOUBLES);
    DoubleVector acc1 = DoubleVector.zero(DOUBLES);
    DoubleVector acc2 = DoubleVector.zero(DOUBLES);
    DoubleVector acc3 = DoubleVector.zero(DOUBLES);
    int i = 0;
    // main loop
    for (; i < unrolledBound; i += 4 * step) {
      acc0 = acc0.add(DoubleVector.fromArray(DOUBLES, a, i));
      acc1 = acc1.add(DoubleVector.fromArray(DOUBLES, a, i + step));
      acc2 = acc2.add(DoubleVector.fromArray(DOUBLES, a, i + 2 * step));
      acc3 = acc3.add(DoubleVector.fromArray(DOUBLES, a, i + 3 * step));
    }
    // vector tail
    for (; i < bound; i += step) {
      acc0 = acc0.add(DoubleVector.fromArray(DOUBLES, a, i));
    }
    double sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    // scalar tail
    for (; i < a.length; i++) {
      sum += a[i];
    }
    return sum;
  }
}
