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
 * The time of one call of each {@link SumLoops} loop, in nanoseconds, over arrays of
 * {@link SumArrays#size} elements. This one class gives two columns of the table: {@link
 * BenchMain} runs it in JVMs without the agent ("plain": what HotSpot's C2 makes of the loop) and
 * in JVMs started with {@code -javaagent:hotloop-agent.jar} ("hotloop": the same bytecode after
 * the agent has switched the methods to its kernels). Both get {@code --add-modules
 * jdk.incubator.vector}, so the only difference between them is the agent.
 *
 * <p>Traps avoided:
 *
 * <ul>
 *   <li><b>Dead code.</b> Every sum goes into a {@link Blackhole}; a sum nobody reads could be
 *       removed by C2 together with its loop.
 *   <li><b>Constant folding.</b> The arrays are fields of a {@link SumArrays} state object filled
 *       at set-up, never {@code final} or literal, so neither their lengths nor their contents
 *       are known to the compiler.
 *   <li><b>Measuring the switch instead of the kernel.</b> The agent profiles a method, compiles
 *       and warms its kernel in the background (0.1-2 s, the more the busier the machine) and
 *       only then switches; the warm-up (4 iterations of 1 s in the full run, 3 with {@code
 *       --quick}) is long enough that measurement sees the kernel.
 *   <li><b>Boxed bimodality.</b> Plain HotSpot runs {@link SumLoops#longSumBoxed} at about 100
 *       ns per element in most JVMs and about 1.7 ns in some, at 1,000-10,000 elements,
 *       depending on how C2's escape analysis goes in that JVM. One JVM says nothing: run it
 *       with {@code --forks 2} (or more), and {@link BenchMain} prints each fork's mean when they
 *       disagree. (The full run of every family has one fork per cell, to stay near 15 minutes.)
 *   <li><b>A fast wrong answer.</b> At the end of each trial every loop is run once more and its
 *       result compared with a sum computed at set-up by code the agent does not touch.
 * </ul>
 *
 * <p>Run it with {@code bin/bench} (both JVM kinds, with {@link HandVectorSumBenchmark}, and the
 * table), or alone: {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main
 * SumBenchmark -jvmArgsAppend -javaagent:agent/target/hotloop-agent.jar}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class SumBenchmark {

  /** {@code long} sum, for-each. */
  @Benchmark
  public void longSum(SumArrays in, Blackhole bh) {
    bh.consume(SumLoops.longSum(in.longs));
  }

  /** {@code int} sum into an {@code int}, indexed. */
  @Benchmark
  public void intSum(SumArrays in, Blackhole bh) {
    bh.consume(SumLoops.intSum(in.ints));
  }

  /** {@code long} sum into a {@code Long}. */
  @Benchmark
  public void longSumBoxed(SumArrays in, Blackhole bh) {
    bh.consume(SumLoops.longSumBoxed(in.longs));
  }

  /** {@code long} sum into a {@code long}, returned as a {@code Long}. */
  @Benchmark
  public void longSumBoxedResult(SumArrays in, Blackhole bh) {
    bh.consume(SumLoops.longSumBoxedResult(in.longs));
  }

  /** {@code double} sum in strict order. */
  @Benchmark
  public void doubleSum(SumArrays in, Blackhole bh) {
    bh.consume(SumLoops.doubleSum(in.doubles));
  }

  /** {@code double} sum, the same code, which the agent may reassociate. */
  @Benchmark
  public void doubleSumFastmath(SumArrays in, Blackhole bh) {
    bh.consume(SumLoops.doubleSumFastmath(in.doubles));
  }

  /** Checks every loop's result once more, after the measurement. */
  @TearDown(Level.Trial)
  public void check(SumArrays in) {
    in.checkLong("SumLoops.longSum", SumLoops.longSum(in.longs));
    in.checkInt("SumLoops.intSum", SumLoops.intSum(in.ints));
    in.checkLong("SumLoops.longSumBoxed", SumLoops.longSumBoxed(in.longs));
    in.checkLong("SumLoops.longSumBoxedResult", SumLoops.longSumBoxedResult(in.longs));
    in.checkStrictDouble("SumLoops.doubleSum", SumLoops.doubleSum(in.doubles));
    in.checkReassociatedDouble("SumLoops.doubleSumFastmath",
        SumLoops.doubleSumFastmath(in.doubles));
  }
}
