package dev.hotloop.config;

import java.util.Objects;

/**
 * A problem found in the user's input, with where it was found: the source (a file name as
 * given, or {@code <agent options>}), the 1-based line and column of the offending token, and
 * a message that says what was expected.
 */
public record ConfigProblem(String source, int line, int column, String message) {

  /** Rejects null text. */
  public ConfigProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }

  /** The problem the way compilers print one: {@code source:line:column: message}. */
  @Override
  public String toString() {
    return source + ":" + line + ":" + column + ": " + message;
  }
}
