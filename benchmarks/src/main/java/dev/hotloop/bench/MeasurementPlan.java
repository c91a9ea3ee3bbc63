package dev.hotloop.bench;

import java.util.List;
import java.util.Locale;

/**
 * How long and how often every benchmark is measured: JMH forks, warm-up and measurement
 * iterations, the length of one iteration, and the array sizes. The same plan applies to the
 * plain, hotloop and hand-written runs, so that their columns compare.
 *
 * @param forks JVMs started per benchmark and size
 * @param warmupIterations iterations thrown away per JVM; they must outlast the agent's switch
 * @param measurementIterations iterations measured per JVM
 * @param iterationSeconds length of every warm-up and measurement iteration
 * @param sizes array sizes, the values of every state's {@code size} (e.g. {@link SumArrays#size})
 */
record MeasurementPlan(int forks, int warmupIterations, int measurementIterations,
    int iterationSeconds, List<Integer> sizes) {

  /** Every size of the families' states' {@code size} parameter, e.g. {@link SumArrays#size}. */
  static final List<Integer> ALL_SIZES = List.of(1_000, 10_000, 1_000_000);

  /**
   * Seconds a fork costs beyond its iterations (JVM start, set-up, checks, exit), for the ETA;
   * measured at about 1 s on 2 cores.
   */
  private static final double FORK_OVERHEAD_SECONDS = 1.0;

  MeasurementPlan {
    sizes = List.copyOf(sizes);
    if (forks < 1 || warmupIterations < 0 || measurementIterations < 1 || iterationSeconds < 1
        || sizes.isEmpty()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "need at least 1 fork, 0"
          + " warm-up and 1 measurement iterations of at least 1 s, and 1 size; got %d fork(s),"
          + " %d warm-up and %d measurement iterations of %d s, sizes %s", forks,
          warmupIterations, measurementIterations, iterationSeconds, sizes));
    }
  }

  /**
   * The full plan: 1 fork, 4 x 1 s warm-up, 3 x 1 s measurement, every size. With six families
   * (46 benchmark methods, 138 cells) that is about 18 minutes on 2 cores; a second fork, which
   * shows bimodal JIT outcomes such as the boxed sum's, would double it: ask for it with
   * {@code --forks 2} on the loops that need it. Four warm-up seconds leave the agent time to
   * profile, build and warm a kernel (0.3-2 s on a busy machine) before measurement starts.
   */
  static MeasurementPlan full() {
    return new MeasurementPlan(1, 4, 3, 1, ALL_SIZES);
  }

  /**
   * The quick plan: 1 fork, 3 x 1 s warm-up, 2 x 1 s measurement, only the size of the issue's
   * targets (10,000 elements, in L2): about 5 minutes for every loop of every family.
   */
  static MeasurementPlan quick() {
    return new MeasurementPlan(1, 3, 2, 1, List.of(10_000));
  }

  /** Roughly how long {@code benchmarks} benchmark methods take under this plan, in seconds. */
  double estimatedSeconds(int benchmarks) {
    double perFork = (warmupIterations + measurementIterations) * iterationSeconds
        + FORK_OVERHEAD_SECONDS;
    return benchmarks * sizes.size() * forks * perFork;
  }

  /** The plan in one line, for the log and the results' header. */
  String describe() {
    return String.format(Locale.ROOT,
        "%d fork%s, %d x %d s warm-up, %d x %d s measurement, sizes %s", forks,
        forks == 1 ? "" : "s", warmupIterations, iterationSeconds, measurementIterations,
        iterationSeconds, sizes);
  }
}
