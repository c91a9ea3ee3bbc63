package dev.hotloop.bench;

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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The time of one call of each {@link ConditionalReductionLoops} loop, in nanoseconds: the plain
 * and the hotloop columns of the conditional reductions, run by {@link BenchMain} in JVMs without
 * and with the agent, as {@link SumBenchmark} is for the sums (see there for the traps avoided).
 * Every result goes into a {@link Blackhole} and is checked once more at the end of the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class ConditionalReductionBenchmark {

  /** Count-if over random data, half of it above the threshold. */
  @Benchmark
  public void countAbove(ConditionalReductionArrays in, Blackhole bh) {
    bh.consume(ConditionalReductionLoops.countAbove(in.ints, in.threshold));
  }

  /** {@code int} maximum written as {@code if (a[i] > m) m = a[i]}. */
  @Benchmark
  public void intMaxIf(ConditionalReductionArrays in, Blackhole bh) {
    bh.consume(ConditionalReductionLoops.intMaxIf(in.ints));
  }

  /** Checks every loop's result once more, after the measurement. */
  @TearDown(Level.Trial)
  public void check(ConditionalReductionArrays in) {
    ResultCheck.same("ConditionalReductionLoops.countAbove",
        ConditionalReductionLoops.countAbove(in.ints, in.threshold), in.expectedCountAbove);
    ResultCheck.same("ConditionalReductionLoops.intMaxIf",
        ConditionalReductionLoops.intMaxIf(in.ints), in.expectedMax);
  }
}
