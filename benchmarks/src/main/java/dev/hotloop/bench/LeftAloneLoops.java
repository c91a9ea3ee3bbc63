package dev.hotloop.bench;

/**
 * Loops over primitive arrays that the agent leaves as they are, written as an application
 * would write them: for the overhead of the agent on code it does not accelerate. The first
 * three are rejected by the analyzer (an early exit, a call it cannot see through, a value
 * carried from one iteration to the next), so their methods are never rewritten; the last has
 * a plan but is kept (a strict {@code double} sum), so its method carries probes only until it
 * turns hot and is then switched back to its original bytes.
 */
public final class LeftAloneLoops {

  private LeftAloneLoops() {
  }

  /** The index of the first element equal to {@code key}, or -1: an early exit. */
  public static int indexOf(long[] a, long key) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == key) {
        return i;
      }
    }
    return -1;
  }

  /** A sum of sines: a call inside the loop. */
  public static double sumSines(double[] a) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.sin(a[i]);
    }
    return s;
  }

  /** A running total stored back: each element needs the one before. */
  public static void prefixSums(long[] a) {
    for (int i = 1; i < a.length; i++) {
      a[i] += a[i - 1];
    }
  }

  /** A strict {@code double} sum: planned, then kept, as no kernel can beat C2 at it. */
  public static double doubleSum(double[] a) {
    double s = 0;
    for (double x : a) {
      s += x;
    }
    return s;
  }
}
