package dev.hotloop.bench;

import java.util.List;
import java.util.Locale;

/**
 * How long and how often every benchmark is measured: JMH forks, warm-up and measurement
 * iterations, the length of one iteration, and the array sizes. The same plan applies to the
 * plain, hotloop and hand-written runs, so that their columns compare, but for the warm-up of
 * the hotloop JVMs: before their measurement the agent must also profile the loop, build and
 * warm its kernel and switch the method, on top of C2 compiling it.
 *
 * @param forks JVMs started per benchmark and size
 * @param warmupIterations iterations thrown away per plain and hand-written JVM
 * @param agentWarmupIterations iterations thrown away per hotloop JVM; they must outlast the
 *     agent's switch
 * @param measurementIterations iterations measured per JVM
 * @param iterationMillis length of every warm-up and measurement iteration, in milliseconds
 * @param sizes array sizes, the values of every state's {@code size} (e.g. {@link SumArrays#size})
 */
record MeasurementPlan(int forks, int warmupIterations, int agentWarmupIterations,
    int measurementIterations, int iterationMillis, List<Integer> sizes) {

  /** The full plan's warm-up iterations in the hotloop JVMs: 4 s, see {@link #full}. */
  static final int AGENT_WARMUP_ITERATIONS = 10;
  /** The quick plan's warm-up iterations in the JVMs with the agent: 3.6 s. */
  static final int QUICK_AGENT_WARMUP_ITERATIONS = 9;
  /** The length of every iteration in both plans. */
  static final int ITERATION_MILLIS = 400;

  /** Every size of the families' states' {@code size} parameter, e.g. {@link SumArrays#size}. */
  static final List<Integer> ALL_SIZES = List.of(100, 1_000, 10_000, 1_000_000);

  /**
   * Seconds a fork costs beyond its iterations (JVM start, set-up, checks, exit, calls that
   * overrun an iteration's end), for the ETA: the full runs at commit 368efc1, 204 forks with
   * 792 s of iterations, took 913 s on JDK 17 and 984 s on JDK 25, 0.6 and 0.9 s a fork.
   */
  private static final double FORK_OVERHEAD_SECONDS = 0.9;

  MeasurementPlan {
    sizes = List.copyOf(sizes);
    if (forks < 1 || warmupIterations < 0 || agentWarmupIterations < 0
        || measurementIterations < 1 || iterationMillis < 100 || sizes.isEmpty()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "need at least 1 fork, 0"
          + " warm-up and 1 measurement iterations of at least 100 ms, and 1 size; got %d"
          + " fork(s), %d warm-up (%d with the agent) and %d measurement iterations of %d ms,"
          + " sizes %s", forks, warmupIterations, agentWarmupIterations, measurementIterations,
          iterationMillis, sizes));
    }
  }

  /**
   * The full plan: 1 fork, 2 x 400 ms warm-up (10 with the agent), 3 x 400 ms measurement,
   * every size; a second fork, which shows bimodal JIT outcomes such as the boxed sum's, would
   * double it: ask for it with {@code --forks 2} on the loops that need it. The agent's 4 s of
   * warm-up cover what it does before a kernel runs undisturbed: profile the loop, build and
   * warm the kernel (0.1-1 s on a quiet machine), switch, then from 2 s later compare the kernel
   * with the original loop on some runs and install the method again once it has seen enough.
   * With 2.5 s, the boxed sum's comparison, which sends one run in 256 to an original 100 times
   * slower, fell in the measurement: 1.45x the primitive sum's time at 10,000 elements, 1.03x
   * with 4 s. The JVMs without the agent need no more than C2's compilation before they are
   * measured, well within their 0.8 s; with 3 x 500 ms there and 3 x 500 ms measured, the full
   * run took 16.4 minutes on JDK 25.
   */
  static MeasurementPlan full() {
    return new MeasurementPlan(1, 2, AGENT_WARMUP_ITERATIONS, 3, ITERATION_MILLIS, ALL_SIZES);
  }

  /**
   * The quick plan: 1 fork, 2 x 400 ms warm-up (9 with the agent), 2 x 400 ms measurement, only
   * the size of the targets (10,000 elements, in L2): under 3 minutes for every loop of
   * every family. C2 compiles a loop at that size well within the plain JVMs' warm-up. The
   * agent's 3.6 s still cover a comparison at this size, whose windows fill within a tenth of a
   * second of its 2 s settling time.
   */
  static MeasurementPlan quick() {
    return new MeasurementPlan(1, 2, QUICK_AGENT_WARMUP_ITERATIONS, 2, ITERATION_MILLIS,
        List.of(10_000));
  }

  /**
   * Roughly how long {@code benchmarks} benchmark methods take under this plan, in seconds, in
   * JVMs with the agent or without.
   */
  double estimatedSeconds(int benchmarks, boolean withAgent) {
    int warmup = withAgent ? agentWarmupIterations : warmupIterations;
    double perFork = (warmup + measurementIterations) * iterationMillis / 1000.0
        + FORK_OVERHEAD_SECONDS;
    return benchmarks * sizes.size() * forks * perFork;
  }

  /** The plan in one line, for the log and the results' header. */
  String describe() {
    return String.format(Locale.ROOT,
        "%d fork%s, %d x %s warm-up (%d with the agent), %d x %s measurement, sizes %s", forks,
        forks == 1 ? "" : "s", warmupIterations, iteration(), agentWarmupIterations,
        measurementIterations, iteration(), sizes);
  }

  private String iteration() {
    return iterationMillis % 1000 == 0 ? iterationMillis / 1000 + " s" : iterationMillis + " ms";
  }
}
