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
 * The time of one call of each {@link MapLoops} loop, in nanoseconds: the plain and the hotloop
 * columns of the maps, run by {@link BenchMain} in JVMs without and with the agent, as {@link
 * SumBenchmark} is for the sums (see there for the traps avoided). The loops return nothing: they
 * write arrays of a {@link MapArrays} state, which outlive the call, so no {@code Blackhole} is
 * needed. At the end of the trial each loop runs once more on a cleared output, which must then
 * hold exactly the expected values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class MapBenchmark {

  /** {@code out[i] = alpha * x[i] + y[i]} over {@code float}s. */
  @Benchmark
  public void floatAxpy(MapArrays in) {
    MapLoops.floatAxpy(in.alpha, in.floatsX, in.floatsY, in.floatsOut);
  }

  /** {@code out[i] = a[i] + b[i]} over {@code int}s. */
  @Benchmark
  public void intAdd(MapArrays in) {
    MapLoops.intAdd(in.intsA, in.intsB, in.intsOut);
  }

  /** Checks every loop's output once more, after the measurement. */
  @TearDown(Level.Trial)
  public void check(MapArrays in) {
    // cleared first, so that the check sees this call's stores, not the measurement's
    Arrays.fill(in.floatsOut, Float.NaN);
    MapLoops.floatAxpy(in.alpha, in.floatsX, in.floatsY, in.floatsOut);
    ResultCheck.same("MapLoops.floatAxpy", in.floatsOut, in.expectedAxpy);
    Arrays.fill(in.intsOut, 0);
    MapLoops.intAdd(in.intsA, in.intsB, in.intsOut);
    ResultCheck.same("MapLoops.intAdd", in.intsOut, in.expectedIntAdd);
  }
}
