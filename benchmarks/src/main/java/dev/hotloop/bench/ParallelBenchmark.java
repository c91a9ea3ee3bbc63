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
 * The time of one call of each {@link ParallelLoops} loop, in microseconds, at a million and ten
 * million elements: the scaling of the {@code parallel} option. Run three ways, as
 * benchmarks/README.md shows: without the agent (plain C2), with the agent and the usual config
 * (kernels on one thread) and with {@code hotloop-bench-parallel.conf} (kernels split across the
 * common fork/join pool and the calling thread). At the end of each trial every loop's result
 * is checked against one computed at set-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class ParallelBenchmark {

  @Benchmark
  public void longSum(ParallelArrays s, Blackhole bh) {
    bh.consume(ParallelLoops.longSum(s.longs));
  }

  @Benchmark
  public void intMax(ParallelArrays s, Blackhole bh) {
    bh.consume(ParallelLoops.intMax(s.ints));
  }

  @Benchmark
  public void doubleDotFastmath(ParallelArrays s, Blackhole bh) {
    bh.consume(ParallelLoops.doubleDotFastmath(s.a, s.b));
  }

  @Benchmark
  public void axpy(ParallelArrays s, Blackhole bh) {
    ParallelLoops.axpy(s.y, s.a, 0.5);
    bh.consume(s.y);
  }

  /** Every loop once more, checked: a wrong answer fast is no answer. */
  @TearDown(Level.Trial)
  public void check(ParallelArrays s) {
    if (ParallelLoops.longSum(s.longs) != s.expectedLongSum) {
      throw new IllegalStateException("longSum differs from the loop's sum");
    }
    if (ParallelLoops.intMax(s.ints) != s.expectedIntMax) {
      throw new IllegalStateException("intMax differs from the loop's maximum");
    }
    ResultCheck.close("doubleDotFastmath", ParallelLoops.doubleDotFastmath(s.a, s.b),
        s.expectedDot);
  }
}
