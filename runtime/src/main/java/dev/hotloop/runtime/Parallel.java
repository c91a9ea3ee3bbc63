package dev.hotloop.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * Splits one run of a kernel over {@code [from, to)} into chunks run on the common fork/join
 * pool and the calling thread, for the loops of methods whose pattern says {@code parallel}.
 * Kernels call it only for ranges of at least {@link #minElements()} elements. Chunks start at
 * {@code from} plus a multiple of the loop's stride, so each visits exactly the indexes the loop
 * would; a reduction's chunk results are folded in index order, so integer arithmetic and
 * {@code min}/{@code max} give what the loop gives, bit for bit (a floating-point sum or product
 * reaches here only under {@code fastmath}). A kernel never throws behind its guards; should a
 * chunk throw anyway (an {@code OutOfMemoryError}), the caller sees it once every chunk is done.
 */
public final class Parallel {

  /** The folds, as kernels name them. */
  public static final int ADD = 0;
  public static final int MUL = 1;
  public static final int MIN = 2;
  public static final int MAX = 3;
  public static final int AND = 4;
  public static final int OR = 5;
  public static final int XOR = 6;

  /**
   * The default of {@link #minElements()}. Shorter runs are never split nor tried: the
   * hand-offs to the pool take microseconds, as long as such a run takes on one core, and
   * going through this class at all costs a short run a few percent.
   */
  public static final int DEFAULT_MIN_ELEMENTS = 1 << 17;

  /** Chunks per thread, so that a thread slowed by other work does not hold up the rest. */
  private static final int CHUNKS_PER_THREAD = 4;

  private static volatile int minElements = DEFAULT_MIN_ELEMENTS;

  /** Passes of one loop at most that {@link #describe} and {@link #forget} look at. */
  private static final int MAX_PASSES = 64;

  /** The choices of the registered loops' passes, by loop id and pass. */
  private static final Map<Long, SplitChoice> CHOICES = new ConcurrentHashMap<>();

  private Parallel() {
  }

  /** A chunk of an {@code int} reduction: its fold of {@code [from, to)} from the identity. */
  @FunctionalInterface
  public interface IntChunk {
    int fold(int from, int to);
  }

  /** A chunk of a {@code long} reduction. */
  @FunctionalInterface
  public interface LongChunk {
    long fold(int from, int to);
  }

  /** A chunk of a {@code float} reduction. */
  @FunctionalInterface
  public interface FloatChunk {
    float fold(int from, int to);
  }

  /** A chunk of a {@code double} reduction. */
  @FunctionalInterface
  public interface DoubleChunk {
    double fold(int from, int to);
  }

  /** A chunk of a pass that only stores. */
  @FunctionalInterface
  public interface StoreChunk {
    void store(int from, int to);
  }

  /** The fewest elements for which a kernel runs in parallel. */
  public static int minElements() {
    return minElements;
  }

  /**
   * Sets {@link #minElements()}; at least 2. The agent leaves the default; the differential
   * tests set it low, so that their small arrays are split as large ones are.
   */
  public static void setMinElements(int n) {
    minElements = Math.max(2, n);
  }

  /**
   * The choice of pass {@code pass} of loop {@code loopId}, made the first time it is asked for,
   * and kept for {@link #describe}; a new one, kept nowhere, for a kernel of no loop
   * ({@code loopId < 0}). A kernel class holds its passes' choices in static fields.
   */
  public static SplitChoice choice(int loopId, int pass) {
    if (loopId < 0) {
      return new SplitChoice();
    }
    return CHOICES.computeIfAbsent(((long) loopId << 32) | pass, k -> new SplitChoice());
  }

  /**
   * Makes the passes of loop {@code loopId} choose anew from their next runs: the agent's
   * warm-up runs them too, on its own thread while the application's are busy, which is not
   * what the application's runs will meet.
   */
  public static void forget(int loopId) {
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      SplitChoice c = CHOICES.get(((long) loopId << 32) | pass);
      if (c != null) {
        c.reset();
      }
    }
  }

  /**
   * What the passes of loop {@code loopId} chose, as {@link SplitChoice#describe} says it, one
   * pass after another; null when none has chosen yet.
   */
  public static String describe(int loopId) {
    List<String> parts = new ArrayList<>();
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      SplitChoice c = CHOICES.get(((long) loopId << 32) | pass);
      String d = c == null ? null : c.describe();
      if (d != null) {
        parts.add(d);
      }
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /**
   * The fold of {@code chunk} over {@code [from, to)} by {@code stride}, with {@code op}, its
   * chunks run as {@code choice} says.
   */
  public static int foldInts(int from, int to, int stride, int op, IntChunk chunk,
      SplitChoice choice) {
    int how = choice.next(to - from);
    long t0 = SplitChoice.start(how);
    int[] bounds = chunks(from, to, stride, how, true);
    int[] results = new int[bounds.length - 1];
    run(bounds, (k, lo, hi) -> results[k] = chunk.fold(lo, hi), how);
    int r = results[0];
    for (int k = 1; k < results.length; k++) {
      int x = results[k];
      r = switch (op) {
        case ADD -> r + x;
        case MUL -> r * x;
        case MIN -> Math.min(r, x);
        case MAX -> Math.max(r, x);
        case AND -> r & x;
        case OR -> r | x;
        case XOR -> r ^ x;
        default -> throw new IllegalArgumentException("fold " + op);
      };
    }
    choice.finish(to - from, how, t0);
    return r;
  }

  /** See {@link #foldInts}. */
  public static long foldLongs(int from, int to, int stride, int op, LongChunk chunk,
      SplitChoice choice) {
    int how = choice.next(to - from);
    long t0 = SplitChoice.start(how);
    int[] bounds = chunks(from, to, stride, how, true);
    long[] results = new long[bounds.length - 1];
    run(bounds, (k, lo, hi) -> results[k] = chunk.fold(lo, hi), how);
    long r = results[0];
    for (int k = 1; k < results.length; k++) {
      long x = results[k];
      r = switch (op) {
        case ADD -> r + x;
        case MUL -> r * x;
        case MIN -> Math.min(r, x);
        case MAX -> Math.max(r, x);
        case AND -> r & x;
        case OR -> r | x;
        case XOR -> r ^ x;
        default -> throw new IllegalArgumentException("fold " + op);
      };
    }
    choice.finish(to - from, how, t0);
    return r;
  }

  /** See {@link #foldInts}. */
  public static float foldFloats(int from, int to, int stride, int op, FloatChunk chunk,
      SplitChoice choice) {
    int how = choice.next(to - from);
    long t0 = SplitChoice.start(how);
    int[] bounds = chunks(from, to, stride, how, false);
    float[] results = new float[bounds.length - 1];
    run(bounds, (k, lo, hi) -> results[k] = chunk.fold(lo, hi), how);
    float r = results[0];
    for (int k = 1; k < results.length; k++) {
      float x = results[k];
      r = switch (op) {
        case ADD -> r + x;
        case MUL -> r * x;
        case MIN -> Math.min(r, x);
        case MAX -> Math.max(r, x);
        default -> throw new IllegalArgumentException("fold " + op);
      };
    }
    choice.finish(to - from, how, t0);
    return r;
  }

  /** See {@link #foldInts}. */
  public static double foldDoubles(int from, int to, int stride, int op, DoubleChunk chunk,
      SplitChoice choice) {
    int how = choice.next(to - from);
    long t0 = SplitChoice.start(how);
    int[] bounds = chunks(from, to, stride, how, false);
    double[] results = new double[bounds.length - 1];
    run(bounds, (k, lo, hi) -> results[k] = chunk.fold(lo, hi), how);
    double r = results[0];
    for (int k = 1; k < results.length; k++) {
      double x = results[k];
      r = switch (op) {
        case ADD -> r + x;
        case MUL -> r * x;
        case MIN -> Math.min(r, x);
        case MAX -> Math.max(r, x);
        default -> throw new IllegalArgumentException("fold " + op);
      };
    }
    choice.finish(to - from, how, t0);
    return r;
  }

  /**
   * Runs {@code chunk} over {@code [from, to)} by {@code stride}, in chunks run as
   * {@code choice} says.
   */
  public static void store(int from, int to, int stride, StoreChunk chunk, SplitChoice choice) {
    int how = choice.next(to - from);
    long t0 = SplitChoice.start(how);
    run(chunks(from, to, stride, how, true), (k, lo, hi) -> chunk.store(lo, hi), how);
    choice.finish(to - from, how, t0);
  }

  /**
   * The chunks' bounds: {@code from}, then starts a whole number of strides apart, then
   * {@code to}; at least one chunk, and none of fewer than {@code minElements / 2} elements
   * beyond the first.
   */
  static int[] bounds(int from, int to, int stride) {
    long n = (long) to - from;
    int threads = ForkJoinPool.getCommonPoolParallelism() + 1;
    long chunks = Math.max(1, Math.min((long) threads * CHUNKS_PER_THREAD,
        n / Math.max(1, minElements / 2)));
    // Each chunk a whole number of strides, so that the next starts on an index the loop visits.
    long steps = (n + stride - 1) / stride;
    long stepsPerChunk = (steps + chunks - 1) / chunks;
    int count = (int) ((steps + stepsPerChunk - 1) / stepsPerChunk);
    int[] bounds = new int[count + 1];
    for (int k = 0; k < count; k++) {
      bounds[k] = (int) (from + k * stepsPerChunk * stride);
    }
    bounds[count] = to;
    return bounds;
  }

  private interface Body {
    void run(int k, int from, int to);
  }

  /**
   * The chunks of a run that {@code how} ({@link SplitChoice#next}) says to split, or to run on
   * this thread: {@link #bounds}, or for an {@code exact} fold, whose result is the same however
   * the range is cut, the whole range as one chunk. A floating-point fold (under
   * {@code fastmath}) is cut alike either way, so that its result does not depend on the choice.
   */
  static int[] chunks(int from, int to, int stride, int how, boolean exact) {
    return exact && (how & SplitChoice.SPLIT) == 0 ? new int[] {from, to}
        : bounds(from, to, stride);
  }

  /**
   * Runs the chunks, all on this thread in order or, where {@code how} says to split, chunk 0
   * on this thread and the others on the pool. Returns when all are done.
   */
  private static void run(int[] bounds, Body body, int how) {
    int count = bounds.length - 1;
    if (count == 1 || (how & SplitChoice.SPLIT) == 0) {
      for (int k = 0; k < count; k++) {
        body.run(k, bounds[k], bounds[k + 1]);
      }
      return;
    }
    runSplit(bounds, body);
  }

  private static void runSplit(int[] bounds, Body body) {
    int count = bounds.length - 1;
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[count];
    for (int k = 1; k < count; k++) {
      int chunk = k;
      tasks[k] = new RecursiveAction() {
        @Override
        protected void compute() {
          body.run(chunk, bounds[chunk], bounds[chunk + 1]);
        }
      };
      // From a thread outside any pool, fork() hands the task to the common pool.
      tasks[k].fork();
    }
    Throwable failed = null;
    try {
      body.run(0, bounds[0], bounds[1]);
    } catch (Throwable t) {
      failed = t;
    }
    for (int k = count - 1; k >= 1; k--) {
      // Chunks no worker has taken yet run here: this thread does not sit idle.
      if (tasks[k].tryUnfork()) {
        try {
          tasks[k].invoke();
        } catch (Throwable t) {
          failed = failed == null ? t : failed;
        }
        continue;
      }
      try {
        tasks[k].join();
      } catch (Throwable t) {
        failed = failed == null ? t : failed;
      }
    }
    if (failed instanceof RuntimeException e) {
      throw e;
    }
    if (failed instanceof Error e) {
      throw e;
    }
  }
}
