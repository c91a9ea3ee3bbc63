package dev.hotloop.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The agent's overhead on loops it leaves alone ({@link LeftAloneLoops}), in nanoseconds per
 * call: run without the agent and with it (benchmarks/README.md, "Overhead"), the two columns
 * should be the same. The key searched for is absent, so {@code indexOf} reads every element;
 * the running totals build on the last call's (they wrap; their time does not depend on it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class LeftAloneBenchmark {

  /** The number of elements of each array. */
  @Param({"1000", "10000"})
  public int size;

  long[] longs;
  long[] totals;
  double[] doubles;

  /** Fills the arrays from a fixed seed. */
  @Setup(Level.Trial)
  public void fill() {
    SplittableRandom random = new SplittableRandom(0x1eaf_a10eL);
    longs = random.longs(size, 0, Long.MAX_VALUE).toArray();
    doubles = random.doubles(size, -1, 1).toArray();
    totals = longs.clone();
  }

  @Benchmark
  public void indexOf(Blackhole bh) {
    bh.consume(LeftAloneLoops.indexOf(longs, -1));
  }

  @Benchmark
  public void sumSines(Blackhole bh) {
    bh.consume(LeftAloneLoops.sumSines(doubles));
  }

  @Benchmark
  public void prefixSums(Blackhole bh) {
    LeftAloneLoops.prefixSums(totals);
    bh.consume(totals);
  }

  @Benchmark
  public void doubleSum(Blackhole bh) {
    bh.consume(LeftAloneLoops.doubleSum(doubles));
  }
}
