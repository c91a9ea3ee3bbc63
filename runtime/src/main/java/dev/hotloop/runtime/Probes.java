package dev.hotloop.runtime;

import java.util.Arrays;

/**
 * The counters that rewritten methods bump: calls per method, entries and trips per loop, and
 * per accelerated loop how often the kernel ran and how often a guard sent it to the original
 * loop. Counts are plain increments, cheap enough to sit in application code; a count lost
 * to a race between threads only delays a decision, never changes a result. A probe never throws.
 *
 * <p>An accelerated loop is also timed, on a sample of its runs drawn at random (about one in
 * {@link #setSampling every}): the kernel, the original loop after a guard failed, and, where
 * the agent compares them, the original loop on runs whose guards held, sent there instead of
 * to the kernel. Those last runs give what the kernel would have cost as written, on the
 * application's own data and in its own compiled code: a kernel that measures slower than them
 * is switched back. Only kernels whose results are the loop's bit for bit are compared so: the
 * agent never starts comparing a {@code fastmath} loop ({@link #startComparing}). A sample's
 * clock reading travels in a local of the rewritten method, so threads never share one.
 *
 * <p>Only runs long enough to time are sampled: the rewritten method sends shorter ones to
 * {@link #kernelUntimed}, which only counts. Reading the clock costs about as much as a short
 * run, and where a kernel runs once per row of a matrix, the mere presence of the timed path,
 * a call, in the compiled row loop slowed every row by some 5 ns (rows of 32 {@code int}s ran
 * 1.7x slower than C2's own loop, as fast as it with short runs untimed).
 *
 * <p>The agent registers every method and loop before code that calls these probes can run, and
 * is told through {@link HotListener} when a method first crosses its thresholds.
 */
public final class Probes {

  private static final Object LOCK = new Object();

  private static final int KERNEL_TIMED = 0;
  private static final int KERNEL_ELEMENTS = 1;
  private static final int KERNEL_NANOS = 2;
  private static final int ORIGINAL_TIMED = 3;
  private static final int ORIGINAL_ELEMENTS = 4;
  private static final int ORIGINAL_NANOS = 5;
  private static final int SHADOW_TIMED = 6;
  private static final int SHADOW_NANOS = 7;
  private static final int TIMING_FIELDS = 8;

  /** Runs until a loop looks again whether timing has been switched on, while it is off. */
  private static final int SAMPLING_OFF_RECHECK = 1 << 20;

  // Arrays are replaced, never resized in place, so a probe reading a stale array only loses a
  // count. Loop-indexed and method-indexed arrays grow independently.
  private static volatile long[] calls = new long[64];
  private static volatile long[] callThreshold = new long[64];
  private static volatile boolean[] methodHot = new boolean[64];
  private static volatile long[] iterationThreshold = new long[64];
  private static volatile long[] methodIterations = new long[64];

  private static volatile int[] loopMethod = new int[64];
  /**
   * Per loop, its counters, made once at registration and never replaced, so no count is lost
   * when this array grows.
   */
  private static volatile LoopCounters[] loopCounters = new LoopCounters[64];
  /**
   * Loops whose kernel is being compared with their original loop: none until the agent says,
   * once the rewritten method has had time to be compiled, and none after it has seen enough.
   */
  private static volatile boolean[] comparing = new boolean[64];
  /** {@link #TIMING_FIELDS} longs per loop: what its timed runs took. */
  private static volatile long[] timings = new long[64 * TIMING_FIELDS];

  /** Clock readings are taken from here, so that a reading is never 0 or negative. */
  private static final long ORIGIN = System.nanoTime() - 1;
  private static volatile int sampleEvery = 64;
  private static volatile boolean compareOriginal = true;
  /** Racy on purpose: the draws need only be spread, not independent. */
  private static long draw = 0x9E3779B97F4A7C15L;

  private static volatile HotListener listener = HotListener.NONE;
  private static int methods;
  private static int loops;

  private Probes() {
  }

  /** Told when a method first turns hot. Called on an application thread: must not block. */
  public interface HotListener {

    /** A listener that ignores every event. */
    HotListener NONE = methodId -> { };

    void hot(int methodId);
  }

  /** Sets who hears of methods turning hot. */
  public static void setListener(HotListener l) {
    listener = l == null ? HotListener.NONE : l;
  }

  /** Registers a method with its thresholds; returns its id. */
  public static int registerMethod(long hotCalls, long hotIterations) {
    synchronized (LOCK) {
      int id = methods++;
      if (id >= calls.length) {
        int n = calls.length * 2;
        calls = Arrays.copyOf(calls, n);
        callThreshold = Arrays.copyOf(callThreshold, n);
        methodHot = Arrays.copyOf(methodHot, n);
        iterationThreshold = Arrays.copyOf(iterationThreshold, n);
        methodIterations = Arrays.copyOf(methodIterations, n);
      }
      callThreshold[id] = hotCalls;
      iterationThreshold[id] = hotIterations;
      return id;
    }
  }

  /** Registers a loop of a registered method; returns its id. */
  public static int registerLoop(int methodId) {
    synchronized (LOCK) {
      int id = loops++;
      if (id >= loopMethod.length) {
        int n = loopMethod.length * 2;
        loopMethod = Arrays.copyOf(loopMethod, n);
        loopCounters = Arrays.copyOf(loopCounters, n);
        comparing = Arrays.copyOf(comparing, n);
        timings = Arrays.copyOf(timings, n * TIMING_FIELDS);
      }
      loopCounters[id] = new LoopCounters(nextGap(sampleEvery));
      loopMethod[id] = methodId;
      return id;
    }
  }

  /**
   * The counters of loop {@code loopId}, for the {@code static final} field of its kernel class
   * that rewritten code passes to {@link #kernel(LoopCounters, int, int, int)}; counters of their
   * own, read nowhere, for an id that is not registered (a kernel built only to describe).
   */
  public static LoopCounters counters(int loopId) {
    LoopCounters c = block(loopId);
    return c != null ? c : new LoopCounters(0);
  }

  /** A call of method {@code methodId}. */
  public static void enter(int methodId) {
    long[] c = calls;
    if (methodId >= 0 && methodId < c.length) {
      long n = ++c[methodId];
      long[] t = callThreshold;
      if (methodId < t.length && n >= t[methodId]) {
        turnHot(methodId);
      }
    }
  }

  /** A profiled loop bounded by a local is about to run from {@code from} to {@code to}. */
  public static void loop(int loopId, int from, int to) {
    count(loopId, to > from ? (long) to - from : 0L);
  }

  /** A profiled loop bounded by {@code a.length} is about to run; {@code a} may be null. */
  public static void loopOver(int loopId, int from, long[] a) {
    loop(loopId, from, a == null ? from : a.length);
  }

  /** See {@link #loopOver(int, int, long[])}. */
  public static void loopOver(int loopId, int from, int[] a) {
    loop(loopId, from, a == null ? from : a.length);
  }

  /** See {@link #loopOver(int, int, long[])}. */
  public static void loopOver(int loopId, int from, short[] a) {
    loop(loopId, from, a == null ? from : a.length);
  }

  /** See {@link #loopOver(int, int, long[])}. */
  public static void loopOver(int loopId, int from, char[] a) {
    loop(loopId, from, a == null ? from : a.length);
  }

  /** See {@link #loopOver(int, int, long[])}. */
  public static void loopOver(int loopId, int from, byte[] a) {
    loop(loopId, from, a == null ? from : a.length);
  }

  /** See {@link #loopOver(int, int, long[])}. */
  public static void loopOver(int loopId, int from, float[] a) {
    loop(loopId, from, a == null ? from : a.length);
  }

  /** See {@link #loopOver(int, int, long[])}. */
  public static void loopOver(int loopId, int from, double[] a) {
    loop(loopId, from, a == null ? from : a.length);
  }

  /**
   * Sets how the runs of accelerated loops are timed: about one in {@code every} (0: none), and
   * whether one in four of those runs the original loop instead of the kernel, to compare them,
   * in loops that are being compared ({@link #startComparing}).
   * Both give the same results, so the choice never shows in the application's.
   */
  public static void setSampling(int every, boolean compare) {
    sampleEvery = Math.max(0, every);
    compareOriginal = compare;
  }

  /**
   * Starts sending some timed runs of loop {@code loopId} to its original loop, where sampling
   * compares (see {@link #setSampling}). Every such run costs what the original loop costs more
   * than the kernel, so a loop is compared only from when its timings mean something to when
   * they have shown enough.
   */
  public static void startComparing(int loopId) {
    setComparing(loopId, true);
  }

  /**
   * Stops sending runs of loop {@code loopId} to its original loop: its kernel has been
   * compared with it enough. Its kernel runs are still timed.
   */
  public static void stopComparing(int loopId) {
    setComparing(loopId, false);
  }

  private static void setComparing(int loopId, boolean on) {
    synchronized (LOCK) {
      if (loopId >= 0 && loopId < comparing.length) {
        comparing[loopId] = on;
      }
    }
  }

  /**
   * The guards of an accelerated loop held for the {@code to - from} iterations it is about to
   * run. Returns what the rewritten method keeps in a local until the run ends: 0 for a run of
   * the kernel that is not timed, a clock reading for one that is, and a negated clock reading
   * where the original loop is to run instead, timed. {@code counters} are the loop's,
   * {@link #counters(int) counters(loopId)}.
   */
  public static long kernel(LoopCounters counters, int loopId, int from, int to) {
    // counters is a constant in compiled code (its kernel class's static final field), so
    // these are plain increments at fixed addresses: no volatile read, no bounds check. This
    // probe runs once per run of the loop, as often as once per row of a matrix, where the
    // five volatile arrays it used to read were a barrier to C2 between one row and the next.
    long n = to > from ? (long) to - from : 0L;
    counters.entries++;
    counters.trips += n;
    if (--counters.untilSample > 0) {
      counters.kernelRuns++;
      return 0L;
    }
    return sampled(counters, loopId, n);
  }

  /** The run of {@link #kernel(LoopCounters, int, int, int)} whose turn it is to be timed. */
  private static long sampled(LoopCounters counters, int loopId, long n) {
    int every = sampleEvery;
    long stamp = 0L;
    if (every <= 0) {
      counters.untilSample = SAMPLING_OFF_RECHECK;
    } else {
      counters.untilSample = nextGap(every);
      stamp = start(loopId, n);
    }
    if (stamp >= 0) {
      counters.kernelRuns++;
    }
    return stamp;
  }

  /**
   * The guards of an accelerated loop held for a run too short to time, of {@code to - from}
   * iterations ({@code from < to}): counts it as a run of the kernel. Nothing here calls out, so
   * that C2 compiles the kernel's caller with no call on the way to the kernel.
   */
  public static void kernelUntimed(LoopCounters counters, int from, int to) {
    counters.entries++;
    counters.trips += (long) to - from;
    counters.kernelRuns++;
  }

  /** An accelerated loop's kernel ran; {@code stamp} is what {@link #kernel} returned. */
  public static void kernelEnd(int loopId, long stamp) {
    if (stamp > 0) {
      add(loopId, KERNEL_NANOS, System.nanoTime() - ORIGIN - stamp);
    }
  }

  /**
   * A guard of an accelerated loop failed: the original loop runs. Returns 0, or a clock
   * reading where the run is timed.
   */
  public static long shadow(int loopId) {
    LoopCounters c = block(loopId);
    if (c == null) {
      return 0L;
    }
    c.shadowRuns++;
    return sample(c) ? System.nanoTime() - ORIGIN : 0L;
  }

  /**
   * The original loop of an accelerated loop finished; {@code stamp} is what {@link #kernel} or
   * {@link #shadow} returned (a run that threw never gets here, and is not timed).
   */
  public static void loopExit(int loopId, long stamp) {
    if (stamp == 0) {
      return;
    }
    long now = System.nanoTime() - ORIGIN;
    if (stamp > 0) {
      add(loopId, SHADOW_TIMED, 1);
      add(loopId, SHADOW_NANOS, now - stamp);
    } else {
      add(loopId, ORIGINAL_NANOS, now + stamp);
    }
  }

  /** Whether this run of the loop is one of the sample, counting down to the next. */
  private static boolean sample(LoopCounters counters) {
    if (--counters.untilSample > 0) {
      return false;
    }
    int every = sampleEvery;
    counters.untilSample = every <= 0 ? SAMPLING_OFF_RECHECK : nextGap(every);
    return every > 0;
  }

  /** The counters of a registered loop, or null. */
  private static LoopCounters block(int loopId) {
    LoopCounters[] all = loopCounters;
    return loopId >= 0 && loopId < all.length ? all[loopId] : null;
  }

  /** Starts a timed run of {@code n} elements: of the kernel, or of the original loop. */
  private static long start(int loopId, long n) {
    boolean[] on = comparing;
    boolean original = compareOriginal && (draw >>> 40 & 3) == 0
        && loopId >= 0 && loopId < on.length && on[loopId];
    add(loopId, original ? ORIGINAL_TIMED : KERNEL_TIMED, 1);
    add(loopId, original ? ORIGINAL_ELEMENTS : KERNEL_ELEMENTS, n);
    long now = System.nanoTime() - ORIGIN;
    return original ? -now : now;
  }

  /** A gap of 1 to {@code 2 * every - 1} runs, {@code every} on average. */
  private static int nextGap(int every) {
    long d = draw * 6364136223846793005L + 1442695040888963407L;
    draw = d;
    return every <= 1 ? 1 : 1 + (int) ((d >>> 33) % (2L * every - 1));
  }

  private static void add(int loopId, int field, long value) {
    long[] t = timings;
    int at = loopId * TIMING_FIELDS + field;
    if (loopId >= 0 && at < t.length) {
      t[at] += value;
    }
  }

  private static void count(int loopId, long n) {
    LoopCounters c = block(loopId);
    int[] m = loopMethod;
    if (c == null || loopId >= m.length) {
      return;
    }
    c.entries++;
    c.trips += n;
    int method = m[loopId];
    long[] mi = methodIterations;
    long[] it = iterationThreshold;
    if (method < mi.length && method < it.length) {
      mi[method] += n;
      if (mi[method] >= it[method]) {
        turnHot(method);
      }
    }
  }

  private static void turnHot(int methodId) {
    boolean[] hot = methodHot;
    if (methodId >= hot.length || hot[methodId]) {
      return;
    }
    hot[methodId] = true;
    try {
      listener.hot(methodId);
    } catch (Throwable ignored) {
      // The application must never see the agent fail; the agent logs its own errors.
    }
  }

  /** The counts of one loop, read for reports. */
  public record LoopCounts(long entries, long trips, long kernelRuns, long shadowRuns) {
  }

  /** The current counts of a loop. */
  public static LoopCounts loopCounts(int loopId) {
    LoopCounters c = block(loopId);
    return c == null ? new LoopCounts(0, 0, 0, 0) : c.counts();
  }

  /**
   * What the timed runs of one loop took, summed: runs and elements of the kernel, of the
   * original loop sent there to compare, and runs of the original loop after a guard failed.
   */
  public record LoopTimings(long kernelRuns, long kernelElements, long kernelNanos,
      long originalRuns, long originalElements, long originalNanos, long shadowRuns,
      long shadowNanos) {

    /** Nanoseconds per element of the timed kernel runs, or NaN with none. */
    public double kernelNanosPerElement() {
      return kernelElements == 0 ? Double.NaN : (double) kernelNanos / kernelElements;
    }

    /** Nanoseconds per element of the timed runs of the original loop, or NaN with none. */
    public double originalNanosPerElement() {
      return originalElements == 0 ? Double.NaN : (double) originalNanos / originalElements;
    }

    /** These timings less {@code earlier} ones: what was timed since. */
    public LoopTimings since(LoopTimings earlier) {
      return new LoopTimings(kernelRuns - earlier.kernelRuns,
          kernelElements - earlier.kernelElements, kernelNanos - earlier.kernelNanos,
          originalRuns - earlier.originalRuns, originalElements - earlier.originalElements,
          originalNanos - earlier.originalNanos, shadowRuns - earlier.shadowRuns,
          shadowNanos - earlier.shadowNanos);
    }
  }

  /** The current timings of a loop. */
  public static LoopTimings loopTimings(int loopId) {
    long[] t = timings;
    int at = loopId * TIMING_FIELDS;
    if (loopId < 0 || at + TIMING_FIELDS > t.length) {
      return new LoopTimings(0, 0, 0, 0, 0, 0, 0, 0);
    }
    return new LoopTimings(t[at + KERNEL_TIMED], t[at + KERNEL_ELEMENTS], t[at + KERNEL_NANOS],
        t[at + ORIGINAL_TIMED], t[at + ORIGINAL_ELEMENTS], t[at + ORIGINAL_NANOS],
        t[at + SHADOW_TIMED], t[at + SHADOW_NANOS]);
  }

  /** The number of calls counted for a method. */
  public static long calls(int methodId) {
    return at(calls, methodId);
  }

  private static long at(long[] a, int i) {
    return i >= 0 && i < a.length ? a[i] : 0L;
  }
}
