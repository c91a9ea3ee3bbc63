package dev.hotloop.it.apps;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Sums that callers can get wrong: the first {@code n} elements of an array (with {@code n} past
 * the end, or a null array), a range (starting before the array), a for-each sum and a while-loop sum over a null array, and a boxed
 * sum that starts from the caller's {@code Long} (which may be null). Once its methods are hot
 * it calls them with such arguments and prints what each call returned or threw: the
 * exception's type, message and the frame that threw it. With the agent, such calls must fail
 * the kernel's guards and run the original loop, or throw before it, exactly where the original
 * method throws; the output is the same as without the agent.
 *
 * <p>Usage: {@code PrefixSumApp <max millis of hot loop>}.
 */
public final class PrefixSumApp {

  static long sumPrefix(long[] values, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += values[i];
    }
    return sum;
  }

  static long sumRange(long[] values, int from, int to) {
    long sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum;
  }

  static long sumAll(long[] values) {
    long sum = 0;
    for (long v : values) {
      sum += v;
    }
    return sum;
  }

  /** The loop test is on a line of its own: a null array throws from that line. */
  static long sumWhile(long[] values) {
    long sum = 0;
    int i = 0;
    while (i < values.length) {
      sum += values[i];
      i++;
    }
    return sum;
  }

  static Long sumFrom(Long start, long[] values) {
    Long sum = start;
    for (long v : values) {
      sum += v;
    }
    return sum;
  }

  public static void main(String[] args) {
    StopSignal signal = StopSignal.listen(Long.parseLong(args[0]));
    long[] values = new long[4_099];
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) i * i - 7_000_000L;
    }
    long expected = sumPrefix(values, values.length);
    long mismatches = 0;
    while (!signal.stopped()) {
      if (sumPrefix(values, values.length) != expected
          || sumRange(values, 0, values.length) != expected || sumAll(values) != expected
          || sumWhile(values) != expected || sumFrom(0L, values) != expected) {
        mismatches++;
      }
    }
    System.out.println("mismatches during the hot loop: " + mismatches);

    long[] none = null;
    print("sumPrefix(values, length)", () -> sumPrefix(values, values.length));
    print("sumPrefix(values, length + 1)", () -> sumPrefix(values, values.length + 1));
    print("sumPrefix(values, length + 1000)", () -> sumPrefix(values, values.length + 1000));
    print("sumPrefix(null, 5)", () -> sumPrefix(none, 5));
    print("sumPrefix(null, 0)", () -> sumPrefix(none, 0));
    print("sumPrefix(values, -3)", () -> sumPrefix(values, -3));
    print("sumRange(values, 100, 200)", () -> sumRange(values, 100, 200));
    print("sumRange(values, -1, 10)", () -> sumRange(values, -1, 10));
    print("sumRange(values, 10, -1)", () -> sumRange(values, 10, -1));
    print("sumAll(null)", () -> sumAll(none));
    print("sumWhile(null)", () -> sumWhile(none));
    print("sumFrom(null, values)", () -> sumFrom(null, values));
    print("sumFrom(null, empty)", () -> sumFrom(null, new long[0]));
    print("sumFrom(5, values)", () -> sumFrom(5L, values));
  }

  private static void print(String call, Callable<Object> body) {
    String outcome;
    try {
      outcome = "returned " + body.call();
    } catch (Exception e) {
      StackTraceElement top = e.getStackTrace()[0];
      outcome = String.format(Locale.ROOT, "threw %s: %s at %s.%s(%s:%d)",
          e.getClass().getName(), e.getMessage(), top.getClassName(), top.getMethodName(),
          top.getFileName(), top.getLineNumber());
    }
    System.out.println(call + " " + outcome);
  }

  private PrefixSumApp() {
  }
}
