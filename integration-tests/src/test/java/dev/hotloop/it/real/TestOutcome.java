package dev.hotloop.it.real;

/**
 * How one test case of a library's suite ended, as the JUnit XML report says: passed, failed
 * (an assertion), errored (any other exception), or skipped (disabled, or aborted by a failed
 * assumption).
 */
public enum TestOutcome {
  PASSED, FAILED, ERROR, SKIPPED
}
