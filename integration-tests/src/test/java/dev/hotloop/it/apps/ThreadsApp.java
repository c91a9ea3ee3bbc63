package dev.hotloop.it.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Three sums called by four threads at once, every result checked, until told to stop: while
 * the agent switches the sums to their kernels and back. One thread sums a 16M-element array
 * over and over, so that calls are in the middle of the loop when a method is retransformed
 * (their frames finish on the code they started on). Prints the number of wrong sums.
 *
 * <p>Usage: {@code ThreadsApp <max millis>}.
 */
public final class ThreadsApp {

  static long sumInts(int[] values) {
    long sum = 0;
    for (int v : values) {
      sum += v;
    }
    return sum;
  }

  static long sumLongs(long[] values) {
    long sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i];
    }
    return sum;
  }

  static int maxInts(int[] values) {
    int max = Integer.MIN_VALUE;
    for (int v : values) {
      max = Math.max(max, v);
    }
    return max;
  }

  public static void main(String[] args) throws InterruptedException {
    StopSignal signal = StopSignal.listen(Long.parseLong(args[0]));
    int[] small = new int[4_099];
    long[] longs = new long[4_099];
    for (int i = 0; i < small.length; i++) {
      small[i] = Integer.MAX_VALUE - 31 * i;
      longs[i] = (long) i * i - 7_000_000L;
    }
    int[] huge = new int[1 << 24];
    for (int i = 0; i < huge.length; i++) {
      huge[i] = i % 1000 - 500;
    }
    long smallSum = sumInts(small);
    long longSum = sumLongs(longs);
    int smallMax = maxInts(small);
    long hugeSum = sumInts(huge);
    AtomicLong mismatches = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      boolean withHuge = t == 0;
      Thread thread = new Thread(() -> {
        while (!signal.stopped()) {
          if (sumInts(small) != smallSum || sumLongs(longs) != longSum
              || maxInts(small) != smallMax || (withHuge && sumInts(huge) != hugeSum)) {
            mismatches.incrementAndGet();
          }
        }
      }, "caller-" + t);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    System.out.println("mismatches " + mismatches.get());
  }

  private ThreadsApp() {
  }
}
