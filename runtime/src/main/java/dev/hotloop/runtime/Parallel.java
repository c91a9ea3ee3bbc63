package dev.hotloop.runtime;

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
   * The default of {@link #minElements()}: below it the chunks' hand-offs cost more than the
   * second core gains (see benchmarks/README.md).
   */
  public static final int DEFAULT_MIN_ELEMENTS = 1 << 17;

  /** Chunks per thread, so that a thread slowed by other work does not hold up the rest. */
  private static final int CHUNKS_PER_THREAD = 4;

  private static volatile int minElements = DEFAULT_MIN_ELEMENTS;

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

  /** The fold of {@code chunk} over {@code [from, to)} by {@code stride}, with {@code op}. */
  public static int foldInts(int from, int to, int stride, int op, IntChunk chunk) {
    int[] bounds = bounds(from, to, stride);
    int[] results = new int[bounds.length - 1];
    run(bounds, (k, lo, hi) -> results[k] = chunk.fold(lo, hi));
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
    return r;
  }

  /** See {@link #foldInts}. */
  public static long foldLongs(int from, int to, int stride, int op, LongChunk chunk) {
    int[] bounds = bounds(from, to, stride);
    long[] results = new long[bounds.length - 1];
    run(bounds, (k, lo, hi) -> results[k] = chunk.fold(lo, hi));
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
    return r;
  }

  /** See {@link #foldInts}. */
  public static float foldFloats(int from, int to, int stride, int op, FloatChunk chunk) {
    int[] bounds = bounds(from, to, stride);
    float[] results = new float[bounds.length - 1];
    run(bounds, (k, lo, hi) -> results[k] = chunk.fold(lo, hi));
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
    return r;
  }

  /** See {@link #foldInts}. */
  public static double foldDoubles(int from, int to, int stride, int op, DoubleChunk chunk) {
    int[] bounds = bounds(from, to, stride);
    double[] results = new double[bounds.length - 1];
    run(bounds, (k, lo, hi) -> results[k] = chunk.fold(lo, hi));
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
    return r;
  }

  /** Runs {@code chunk} over {@code [from, to)} by {@code stride}, in chunks. */
  public static void store(int from, int to, int stride, StoreChunk chunk) {
    run(bounds(from, to, stride), (k, lo, hi) -> chunk.store(lo, hi));
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

  /** Runs chunk 0 on this thread and the others on the pool; returns when all are done. */
  private static void run(int[] bounds, Body body) {
    int count = bounds.length - 1;
    if (count == 1) {
      body.run(0, bounds[0], bounds[1]);
      return;
    }
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
