package dev.hotloop.agent.compile;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;

import dev.hotloop.runtime.Probes;

/**
 * The running comparison of one accelerated loop's kernel with its original loop, from the runs
 * the probes timed in the application: the kernel on some, the original loop on others drawn
 * from the same calls. Timings are summed into windows of at least {@link #WINDOW_RUNS} timed
 * runs of each; the loop is judged on the median of the last {@link #WINDOWS} windows' ratios,
 * so that a run the machine preempted, which may take a thousand times its due, spoils one
 * window and not the verdict.
 *
 * <p>Every run sent to the original loop costs the application what the original costs more
 * than the kernel: a boxed sum's original, 26 times slower, took a tenth of the method's time
 * while one run in 256 went there. So runs are sent there only once the settling time is over,
 * and a kernel far faster than the original in {@link #FAR_FASTER_WINDOWS} windows running is
 * compared no further.
 */
final class SpeedComparison {

  /** Timed runs of each kind that close a window. */
  static final int WINDOW_RUNS = 16;
  /**
   * Time the original loop's runs may take in one window: once they have taken this long, a
   * window of at least {@link #MIN_WINDOW_RUNS} runs of each kind closes early. Sixteen runs
   * of a boxed sum's original over 1,000,000 elements took 45 ms each, and the two windows of a
   * far faster kernel's verdict, with the kernel runs between them, 2.2 s of the application's
   * time: a JMH measurement on JDK 25 timed that loop at 1.9x its primitive twin. Runs that
   * long are not the ones a preempted thread spoils.
   */
  static final long WINDOW_ORIGINAL_NANOS = 50_000_000L;
  /** Timed runs of each kind below which no window closes, however long they took. */
  static final int MIN_WINDOW_RUNS = 4;
  /** Windows a verdict is drawn from. */
  static final int WINDOWS = 5;
  /**
   * A kernel that takes at most this share of the original's time in every window is clearly
   * faster: the comparison stops, and with it the runs sent to the original loop.
   */
  static final double CLEARLY_FASTER = 0.8;
  /**
   * A kernel that takes at most this share of the original's time in {@link
   * #FAR_FASTER_WINDOWS} windows running is far faster: the comparison stops without waiting
   * for {@link #WINDOWS}.
   */
  static final double FAR_FASTER = 0.5;
  static final int FAR_FASTER_WINDOWS = 2;

  /** What one more look at the timings concluded. */
  enum Verdict {
    /** Not enough windows yet, or faster but not clearly: keep comparing. */
    OPEN,
    /** The kernel is slower than the original loop by more than allowed. */
    SLOWER,
    /** The kernel is clearly faster: stop comparing. */
    FASTER
  }

  /**
   * Timings from the first moments after the switch do not count: the method runs interpreted
   * until C2 compiles it again, and its original loop more so than the kernel it calls.
   */
  static final long SETTLE_NANOS = 2_000_000_000L;

  private final double allowedRatio;
  private long settledAt;
  private Probes.LoopTimings windowStart;
  private final Deque<Double> ratios = new ArrayDeque<>();
  /** The fewest timed runs of either kind in a window so far, at most {@link #WINDOW_RUNS}. */
  private long fewestRuns = WINDOW_RUNS;
  private volatile String summary;
  private boolean finished;
  private boolean started;

  /**
   * A comparison that calls a kernel slower when it takes more than {@code 1 + slowerPercent /
   * 100} times the original's time, counting timings from {@code start}.
   */
  SpeedComparison(int slowerPercent, Probes.LoopTimings start, long nanoTime) {
    this.allowedRatio = 1 + slowerPercent / 100.0;
    this.windowStart = start;
    this.settledAt = nanoTime + SETTLE_NANOS;
  }

  /**
   * True once: at the first look at or after the end of the settling time, when runs of the
   * loop are to start going to the original loop.
   */
  boolean startsComparing(long nanoTime) {
    if (started || finished || nanoTime - settledAt < 0) {
      return false;
    }
    started = true;
    return true;
  }

  /**
   * Starts over at {@code nanoTime}, from the timings {@code now}: the loop's class was installed
   * again, which throws away the code C2 made of its methods, so the windows so far, and the
   * timings of a new settling time while they run interpreted, do not count. A comparison with
   * a verdict is left as it is.
   */
  void restart(Probes.LoopTimings now, long nanoTime) {
    if (finished) {
      return;
    }
    ratios.clear();
    fewestRuns = WINDOW_RUNS;
    windowStart = now;
    settledAt = nanoTime + SETTLE_NANOS;
  }

  /**
   * Looks at the loop's timings at {@code nanoTime}; a window closes when both kinds have
   * enough runs.
   */
  Verdict observe(Probes.LoopTimings now, long nanoTime) {
    if (nanoTime - settledAt < 0) {
      windowStart = now;
      return Verdict.OPEN;
    }
    Probes.LoopTimings window = now.since(windowStart);
    if (!closes(window)) {
      return Verdict.OPEN;
    }
    windowStart = now;
    fewestRuns = Math.min(fewestRuns, Math.min(window.kernelRuns(), window.originalRuns()));
    double ratio = window.kernelNanosPerElement() / window.originalNanosPerElement();
    ratios.addLast(ratio);
    if (ratios.size() > WINDOWS) {
      ratios.removeFirst();
    }
    double median = median();
    summary = String.format(Locale.ROOT, "the kernel took %.2fx the original loop's time per"
        + " element (%s of at least %d timed runs of each)", median,
        ratios.size() == 1 ? "one window" : "median of " + ratios.size() + " windows",
        fewestRuns);
    if (ratios.size() >= FAR_FASTER_WINDOWS && ratios.stream().skip(ratios.size()
        - FAR_FASTER_WINDOWS).allMatch(r -> r <= FAR_FASTER)) {
      finished = true;
      return Verdict.FASTER;
    }
    if (ratios.size() < WINDOWS) {
      return Verdict.OPEN;
    }
    if (median > allowedRatio) {
      finished = true;
      return Verdict.SLOWER;
    }
    if (ratios.stream().allMatch(r -> r <= CLEARLY_FASTER)) {
      finished = true;
      return Verdict.FASTER;
    }
    return Verdict.OPEN;
  }

  private static boolean closes(Probes.LoopTimings window) {
    if (window.kernelElements() == 0 || window.originalElements() == 0) {
      return false;
    }
    if (window.kernelRuns() >= WINDOW_RUNS && window.originalRuns() >= WINDOW_RUNS) {
      return true;
    }
    return window.kernelRuns() >= MIN_WINDOW_RUNS && window.originalRuns() >= MIN_WINDOW_RUNS
        && window.originalNanos() >= WINDOW_ORIGINAL_NANOS;
  }

  /** Whether the comparison has reached a verdict, after which nothing more is observed. */
  boolean finished() {
    return finished;
  }

  /** The comparison so far, for the report, or null before the first window closes. */
  String summary() {
    return summary;
  }

  private double median() {
    double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
