package dev.hotloop.bench;

import java.util.Arrays;

/**
 * Fails the trial of a loop or hand-written kernel whose result is wrong: a fast wrong answer is
 * no result. The expected values come from the state classes' set-up, code the agent never
 * rewrites; the benchmarks call these checks at the end of every trial, after the measurement.
 * An {@link AssertionError} thrown there fails the trial, and the table shows no time for it.
 */
final class ResultCheck {

  private ResultCheck() {}

  /** Exactly the expected {@code int}. */
  static void same(String loop, int actual, int expected) {
    if (actual != expected) {
      throw new AssertionError(loop + " returned " + actual + ", expected " + expected);
    }
  }

  /** Exactly the expected {@code int}s, element for element. */
  static void same(String loop, int[] actual, int[] expected) {
    sameLength(loop, actual.length, expected.length);
    int at = Arrays.mismatch(actual, expected);
    if (at >= 0) {
      throw new AssertionError(loop + " wrote " + actual[at] + " at index " + at + ", expected "
          + expected[at]);
    }
  }

  /** Exactly the expected {@code long}s, element for element. */
  static void same(String loop, long[] actual, long[] expected) {
    sameLength(loop, actual.length, expected.length);
    int at = Arrays.mismatch(actual, expected);
    if (at >= 0) {
      throw new AssertionError(loop + " wrote " + actual[at] + " at index " + at + ", expected "
          + expected[at]);
    }
  }

  /** Exactly the expected {@code float}s in every bit (-0.0 is not 0.0), element for element. */
  static void same(String loop, float[] actual, float[] expected) {
    sameLength(loop, actual.length, expected.length);
    int at = Arrays.mismatch(actual, expected);
    if (at >= 0) {
      throw new AssertionError(loop + " wrote " + actual[at] + " at index " + at + ", expected "
          + expected[at]);
    }
  }

  /**
   * Within a relative {@code 1e-9} of the strict-order {@code double}: a reassociated sum may
   * differ from it only in its last bits.
   */
  static void close(String loop, double actual, double expected) {
    if (!(Math.abs(actual - expected) <= 1e-9 * Math.abs(expected))) {
      throw new AssertionError(loop + " returned " + actual + ", expected about " + expected);
    }
  }

  /**
   * Every element within a relative {@code 1e-9} of the strict-order {@code double} (see {@link
   * #close(String, double, double)}): one reassociated sum per element, e.g. per matrix row.
   */
  static void close(String loop, double[] actual, double[] expected) {
    sameLength(loop, actual.length, expected.length);
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(actual[i] - expected[i]) <= 1e-9 * Math.abs(expected[i]))) {
        throw new AssertionError(loop + " wrote " + actual[i] + " at index " + i
            + ", expected about " + expected[i]);
      }
    }
  }

  private static void sameLength(String loop, int actual, int expected) {
    if (actual != expected) {
      throw new AssertionError(loop + " left an array of " + actual + " elements, expected "
          + expected);
    }
  }
}
