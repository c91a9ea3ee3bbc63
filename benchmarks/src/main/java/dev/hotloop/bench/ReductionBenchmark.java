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
 * The time of one call of each {@link ReductionLoops} loop, in nanoseconds: the plain and the
 * hotloop columns of the reductions, run by {@link BenchMain} in JVMs without and with the agent,
 * exactly as {@link SumBenchmark} is for the sums (see there for the traps avoided). Every result
 * goes into a {@link Blackhole} and is checked once more at the end of the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class ReductionBenchmark {

  /** {@code int} dot product. */
  @Benchmark
  public void intDot(ReductionArrays in, Blackhole bh) {
    bh.consume(ReductionLoops.intDot(in.intsA, in.intsB));
  }

  /** {@code double} dot product, which the agent may reassociate. */
  @Benchmark
  public void doubleDotFastmath(ReductionArrays in, Blackhole bh) {
    bh.consume(ReductionLoops.doubleDotFastmath(in.doublesA, in.doublesB));
  }

  /** Checks every loop's result once more, after the measurement. */
  @TearDown(Level.Trial)
  public void check(ReductionArrays in) {
    ResultCheck.same("ReductionLoops.intDot", ReductionLoops.intDot(in.intsA, in.intsB),
        in.expectedIntDot);
    ResultCheck.close("ReductionLoops.doubleDotFastmath",
        ReductionLoops.doubleDotFastmath(in.doublesA, in.doublesB), in.expectedDoubleDot);
  }
}
