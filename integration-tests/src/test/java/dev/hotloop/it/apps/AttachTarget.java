package dev.hotloop.it.apps;

/**
 * A JVM to attach the agent to while it runs: it prints its pid, then sums an {@code int[]}
 * into a {@code long} over and over until told to stop (see {@link StopSignal}), checking every
 * sum against the first, and prints the sum and the number of wrong ones. The loop that runs
 * all the time is in {@code main}, which the agent can never switch; the sum is a method of its
 * own, called anew each time, so that the retransformed version takes over.
 *
 * <p>Usage: {@code AttachTarget <max millis>}.
 */
public final class AttachTarget {

  static long checksum(int[] values) {
    long sum = 0;
    for (int v : values) {
      sum += v;
    }
    return sum;
  }

  public static void main(String[] args) {
    StopSignal signal = StopSignal.listen(Long.parseLong(args[0]));
    int[] values = new int[8_191];
    for (int i = 0; i < values.length; i++) {
      values[i] = Integer.MAX_VALUE - 31 * i;
    }
    long expected = checksum(values);
    System.out.println("pid " + ProcessHandle.current().pid());
    long mismatches = 0;
    while (!signal.stopped()) {
      if (checksum(values) != expected) {
        mismatches++;
      }
    }
    // One more call after the stop, so that a kernel switched in at the last moment runs too.
    if (checksum(values) != expected) {
      mismatches++;
    }
    System.out.println("checksum " + expected + ", mismatches " + mismatches);
  }

  private AttachTarget() {
  }
}
