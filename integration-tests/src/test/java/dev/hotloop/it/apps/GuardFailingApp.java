package dev.hotloop.it.apps;

/**
 * A sum that its callers mostly get wrong: for every call that sums the whole array it makes
 * three that ask for one element past the end, which throw. With the agent, those calls fail
 * the kernel's guards and run the original loop, which throws as without the agent; once they
 * are most of the loop's runs, the agent deoptimizes the method. Until told to stop, it checks
 * every sum and every exception (type, message, line) against the first ones, made before
 * anything could be accelerated, and finally prints the number of mismatches.
 *
 * <p>Usage: {@code GuardFailingApp <max millis>}, in a JVM with
 * {@code -XX:-OmitStackTraceInFastThrow}, so that every exception has its message and stack.
 */
public final class GuardFailingApp {

  static long sumPrefix(long[] values, int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += values[i];
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
    String expectedThrow = outcome(values);
    long mismatches = 0;
    while (!signal.stopped()) {
      if (sumPrefix(values, values.length) != expected) {
        mismatches++;
      }
      for (int k = 0; k < 3; k++) {
        if (!outcome(values).equals(expectedThrow)) {
          mismatches++;
        }
      }
    }
    System.out.println(expectedThrow);
    System.out.println("mismatches " + mismatches);
  }

  private static String outcome(long[] values) {
    try {
      return "returned " + sumPrefix(values, values.length + 1);
    } catch (ArrayIndexOutOfBoundsException e) {
      return "threw " + e.getMessage() + " at line " + e.getStackTrace()[0].getLineNumber();
    }
  }

  private GuardFailingApp() {
  }
}
