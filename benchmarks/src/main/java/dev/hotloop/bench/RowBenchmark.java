package dev.hotloop.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

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
 * The time of one call of each {@link RowLoops} loop nest, in nanoseconds: the plain and the
 * hotloop columns of the nested rows, run by {@link BenchMain} in JVMs without and with the
 * agent, as {@link SumBenchmark} is for the sums (see there for the traps avoided). One call is
 * the whole nest, every row of a matrix of about {@link RowArrays#size} elements. The loops
 * return nothing: like the maps, they write arrays of a {@link RowArrays} state, which outlive
 * the call, so no {@code Blackhole} is needed.
 *
 * <p>{@code intColumnSums} adds into its output, so every timed call adds the matrix's rows once
 * more (the values wrap; the work is the same each time). At the end of the trial each loop runs
 * once more on a cleared output, which must then hold the expected values: exactly for the
 * integer loops, within a relative 1e-9 per element for the reassociated {@code double}s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class RowBenchmark {

  /** {@code y = m x} over {@code long}s: one dot product per row. */
  @Benchmark
  public void longMatVec(RowArrays in) {
    RowLoops.longMatVec(in.longsM, in.longsX, in.longsY);
  }

  /** {@code y = m x} over {@code double}s, which the agent may reassociate per row. */
  @Benchmark
  public void doubleMatVecFastmath(RowArrays in) {
    RowLoops.doubleMatVecFastmath(in.doublesM, in.doublesX, in.doublesY);
  }

  /** {@code out[c] += m[r][c]} over {@code int}s: one map per row. */
  @Benchmark
  public void intColumnSums(RowArrays in) {
    RowLoops.intColumnSums(in.intsM, in.intsOut);
  }

  /** Checks every loop's output once more, on cleared outputs, after the measurement. */
  @TearDown(Level.Trial)
  public void check(RowArrays in) {
    Arrays.fill(in.longsY, 0x5a5a_5a5a_5a5a_5a5aL);
    RowLoops.longMatVec(in.longsM, in.longsX, in.longsY);
    ResultCheck.same("RowLoops.longMatVec", in.longsY, in.expectedLongMatVec);
    Arrays.fill(in.doublesY, Double.NaN);
    RowLoops.doubleMatVecFastmath(in.doublesM, in.doublesX, in.doublesY);
    ResultCheck.close("RowLoops.doubleMatVecFastmath", in.doublesY, in.expectedDoubleMatVec);
    // the column sums add into their output: from zero, once, they are the expected sums
    Arrays.fill(in.intsOut, 0);
    RowLoops.intColumnSums(in.intsM, in.intsOut);
    ResultCheck.same("RowLoops.intColumnSums", in.intsOut, in.expectedColumnSums);
  }
}
