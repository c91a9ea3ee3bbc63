package dev.hotloop.bench;

import java.util.Arrays;
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

/**
 * Hand-written Vector API matrix code over the arrays of {@link RowBenchmark}: the hand Vector
 * API column of the nested rows. The outer loop stays a plain loop over the rows, and each row
 * gets the loop shape of the other hand-written kernels: the matrix-vector products a dot product
 * per row as {@link HandVectorReductionBenchmark}'s (preferred species, four accumulators, a main
 * loop unrolled by four vectors, a one-vector loop, one lane reduction, a scalar tail), the
 * column sums a map per row as {@link HandVectorMapBenchmark}'s (one vector per step, a scalar
 * tail). {@link #doubleMatVecFused} uses fused multiply-add, as {@code doubleDotFused} does: with
 * the reordering {@code fastmath} allows, that is what a programmer writes; its results may
 * differ from the strict ones in the last bits, and are checked as such.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class HandVectorRowBenchmark {

  private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

  /** Hand-written {@code long} matrix-vector product, wrapping like Java's arithmetic. */
  @Benchmark
  public void longMatVec(RowArrays in) {
    longMatVec(in.longsM, in.longsX, in.longsY);
  }

  /** Hand-written {@code double} matrix-vector product: fused multiply-add, reassociated. */
  @Benchmark
  public void doubleMatVecFused(RowArrays in) {
    doubleMatVecFused(in.doublesM, in.doublesX, in.doublesY);
  }

  /** Hand-written column sums: each row added into {@code out}, one vector per step. */
  @Benchmark
  public void intColumnSums(RowArrays in) {
    intColumnSums(in.intsM, in.intsOut);
  }

  /** Checks every kernel's output once more, on cleared outputs, after the measurement. */
  @TearDown(Level.Trial)
  public void check(RowArrays in) {
    Arrays.fill(in.longsY, 0x5a5a_5a5a_5a5a_5a5aL);
    longMatVec(in.longsM, in.longsX, in.longsY);
    ResultCheck.same("hand-written longMatVec", in.longsY, in.expectedLongMatVec);
    Arrays.fill(in.doublesY, Double.NaN);
    doubleMatVecFused(in.doublesM, in.doublesX, in.doublesY);
    ResultCheck.close("hand-written doubleMatVecFused", in.doublesY, in.expectedDoubleMatVec);
    Arrays.fill(in.intsOut, 0);
    intColumnSums(in.intsM, in.intsOut);
    ResultCheck.same("hand-written intColumnSums", in.intsOut, in.expectedColumnSums);
  }

  static void longMatVec(long[][] m, long[] x, long[] y) {
    for (int r = 0; r < m.length; r++) {
      y[r] = longDot(m[r], x);
    }
  }

  /** {@code row . x} over the first {@code x.length} elements of the row. */
  private static long longDot(long[] row, long[] x) {
    int step = LONGS.length();
    int bound = LONGS.loopBound(x.length);
    int unrolledBound = bound - bound % (4 * step);
    LongVector acc0 = LongVector.zero(LONGS);
    LongVector acc1 = LongVector.zero(LONGS);
    LongVector acc2 = LongVector.zero(LONGS);
    LongVector acc3 = LongVector.zero(LONGS);
    int c = 0;
    // main loop: four vectors per step, four independent chains of additions
    for (; c < unrolledBound; c += 4 * step) {
      acc0 = acc0.add(LongVector.fromArray(LONGS, row, c).mul(LongVector.fromArray(LONGS, x, c)));
      acc1 = acc1.add(LongVector.fromArray(LONGS, row, c + step)
          .mul(LongVector.fromArray(LONGS, x, c + step)));
      acc2 = acc2.add(LongVector.fromArray(LONGS, row, c + 2 * step)
          .mul(LongVector.fromArray(LONGS, x, c + 2 * step)));
      acc3 = acc3.add(LongVector.fromArray(LONGS, row, c + 3 * step)
          .mul(LongVector.fromArray(LONGS, x, c + 3 * step)));
    }
    // vector tail
    for (; c < bound; c += step) {
      acc0 = acc0.add(LongVector.fromArray(LONGS, row, c).mul(LongVector.fromArray(LONGS, x, c)));
    }
    // long products and sums wrap the same in any order: the lanes give Java's exact result
    long s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    // scalar tail
    for (; c < x.length; c++) {
      s += row[c] * x[c];
    }
    return s;
  }

  static void doubleMatVecFused(double[][] m, double[] x, double[] y) {
    for (int r = 0; r < m.length; r++) {
      y[r] = doubleDotFused(m[r], x);
    }
  }

  /** {@code row . x} over the first {@code x.length} elements: {@code fma}, reassociated. */
  private static double doubleDotFused(double[] row, double[] x) {
    int step = DOUBLES.length();
    int bound = DOUBLES.loopBound(x.length);
    int unrolledBound = bound - bound % (4 * step);
    DoubleVector acc0 = DoubleVector.zero(DOUBLES);
    DoubleVector acc1 = DoubleVector.zero(DOUBLES);
    DoubleVector acc2 = DoubleVector.zero(DOUBLES);
    DoubleVector acc3 = DoubleVector.zero(DOUBLES);
    int c = 0;
    // main loop: acc = row * x + acc, one rounding per term
    for (; c < unrolledBound; c += 4 * step) {
      acc0 = DoubleVector.fromArray(DOUBLES, row, c)
          .fma(DoubleVector.fromArray(DOUBLES, x, c), acc0);
      acc1 = DoubleVector.fromArray(DOUBLES, row, c + step)
          .fma(DoubleVector.fromArray(DOUBLES, x, c + step), acc1);
      acc2 = DoubleVector.fromArray(DOUBLES, row, c + 2 * step)
          .fma(DoubleVector.fromArray(DOUBLES, x, c + 2 * step), acc2);
      acc3 = DoubleVector.fromArray(DOUBLES, row, c + 3 * step)
          .fma(DoubleVector.fromArray(DOUBLES, x, c + 3 * step), acc3);
    }
    // vector tail
    for (; c < bound; c += step) {
      acc0 = DoubleVector.fromArray(DOUBLES, row, c)
          .fma(DoubleVector.fromArray(DOUBLES, x, c), acc0);
    }
    double s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    // scalar tail
    for (; c < x.length; c++) {
      s = Math.fma(row[c], x[c], s);
    }
    return s;
  }

  static void intColumnSums(int[][] m, int[] out) {
    for (int r = 0; r < m.length; r++) {
      addRow(m[r], out);
    }
  }

  /** {@code out += row} over the first {@code out.length} elements of the row. */
  private static void addRow(int[] row, int[] out) {
    int step = INTS.length();
    int bound = INTS.loopBound(out.length);
    int c = 0;
    for (; c < bound; c += step) {
      IntVector.fromArray(INTS, out, c).add(IntVector.fromArray(INTS, row, c)).intoArray(out, c);
    }
    // scalar tail
    for (; c < out.length; c++) {
      out[c] += row[c];
    }
  }
}
