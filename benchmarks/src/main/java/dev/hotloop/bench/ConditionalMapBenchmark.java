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
 * The time of one call of each {@link ConditionalMapLoops} loop, in nanoseconds: the plain and
 * the hotloop columns of the conditional maps, run by {@link BenchMain} in JVMs without and with
 * the agent, as {@link SumBenchmark} is for the sums (see there for the traps avoided). The loops
 * write arrays of a {@link ConditionalMapArrays} state, which outlive the call. The in-place
 * loops are idempotent, so the timed calls after the first find nothing to change (see {@link
 * ConditionalMapArrays}); at the end of the trial the original data is restored and every loop
 * runs once more, and must then leave exactly the expected values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class ConditionalMapBenchmark {

  /** Clamp in place, two ternaries: vector blends. */
  @Benchmark
  public void intClampInPlace(ConditionalMapArrays in) {
    ConditionalMapLoops.intClampInPlace(in.clampData, in.lo, in.hi);
  }

  /** ReLU in place, an {@code if} alone: a masked store. */
  @Benchmark
  public void floatReluInPlace(ConditionalMapArrays in) {
    ConditionalMapLoops.floatReluInPlace(in.reluData);
  }

  /** ReLU into a separate output, a ternary: a blend, on data that stays random. */
  @Benchmark
  public void floatRelu(ConditionalMapArrays in) {
    ConditionalMapLoops.floatRelu(in.reluInput, in.reluOut);
  }

  /** Checks every loop's output once more, on the original data, after the measurement. */
  @TearDown(Level.Trial)
  public void check(ConditionalMapArrays in) {
    in.restore();
    ConditionalMapLoops.intClampInPlace(in.clampData, in.lo, in.hi);
    ResultCheck.same("ConditionalMapLoops.intClampInPlace", in.clampData, in.expectedClamp);
    ConditionalMapLoops.floatReluInPlace(in.reluData);
    ResultCheck.same("ConditionalMapLoops.floatReluInPlace", in.reluData, in.expectedRelu);
    Arrays.fill(in.reluOut, Float.NaN);
    ConditionalMapLoops.floatRelu(in.reluInput, in.reluOut);
    ResultCheck.same("ConditionalMapLoops.floatRelu", in.reluOut, in.expectedRelu);
  }
}
