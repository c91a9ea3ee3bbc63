package dev.hotloop.runtime;

import java.util.Arrays;

/**
 * The counters that rewritten methods bump: calls per method, entries and trips per loop, and
 * per accelerated loop how often the kernel ran and how often a guard sent it to the original
 * loop. Counts are plain array increments, cheap enough to sit in application code; a count lost
 * to a race between threads only delays a decision, never changes a result. A probe never throws.
 *
 * <p>The agent registers every method and loop before code that calls these probes can run, and
 * is told through {@link HotListener} when a method first crosses its thresholds.
 */
public final class Probes {

  private static final Object LOCK = new Object();

  // Arrays are replaced, never resized in place, so a probe reading a stale array only loses a
  // count. Loop-indexed and method-indexed arrays grow independently.
  private static volatile long[] calls = new long[64];
  private static volatile long[] callThreshold = new long[64];
  private static volatile boolean[] methodHot = new boolean[64];
  private static volatile long[] iterationThreshold = new long[64];
  private static volatile long[] methodIterations = new long[64];

  private static volatile int[] loopMethod = new int[64];
  private static volatile long[] entries = new long[64];
  private static volatile long[] trips = new long[64];
  private static volatile long[] kernelRuns = new long[64];
  private static volatile long[] shadowRuns = new long[64];

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
        entries = Arrays.copyOf(entries, n);
        trips = Arrays.copyOf(trips, n);
        kernelRuns = Arrays.copyOf(kernelRuns, n);
        shadowRuns = Arrays.copyOf(shadowRuns, n);
      }
      loopMethod[id] = methodId;
      return id;
    }
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

  /** The guards of an accelerated loop held: its kernel runs {@code to - from} iterations. */
  public static void kernel(int loopId, int from, int to) {
    long[] k = kernelRuns;
    if (loopId >= 0 && loopId < k.length) {
      k[loopId]++;
    }
    long[] e = entries;
    long[] t = trips;
    if (loopId >= 0 && loopId < e.length && loopId < t.length) {
      e[loopId]++;
      t[loopId] += to > from ? (long) to - from : 0L;
    }
  }

  /** A guard of an accelerated loop failed: the original loop runs. */
  public static void shadow(int loopId) {
    long[] s = shadowRuns;
    if (loopId >= 0 && loopId < s.length) {
      s[loopId]++;
    }
  }

  private static void count(int loopId, long n) {
    long[] e = entries;
    long[] t = trips;
    int[] m = loopMethod;
    if (loopId < 0 || loopId >= e.length || loopId >= t.length || loopId >= m.length) {
      return;
    }
    e[loopId]++;
    t[loopId] += n;
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
    return new LoopCounts(at(entries, loopId), at(trips, loopId), at(kernelRuns, loopId),
        at(shadowRuns, loopId));
  }

  /** The number of calls counted for a method. */
  public static long calls(int methodId) {
    return at(calls, methodId);
  }

  private static long at(long[] a, int i) {
    return i >= 0 && i < a.length ? a[i] : 0L;
  }
}
