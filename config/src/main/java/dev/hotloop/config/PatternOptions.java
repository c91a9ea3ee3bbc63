package dev.hotloop.config;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.StringJoiner;

/**
 * Options written after a pattern: {@code fastmath}, {@code parallel}, and thresholds that
 * override the global ones for the methods the pattern selects. An absent threshold leaves the
 * global one in force.
 */
public record PatternOptions(boolean fastmath, OptionalInt calls, OptionalLong iterations,
                             boolean parallel) {

  /** No options: global thresholds, strict floating point, one thread. */
  public static final PatternOptions NONE =
      new PatternOptions(false, OptionalInt.empty(), OptionalLong.empty(), false);

  /** Options without {@code parallel}. */
  public PatternOptions(boolean fastmath, OptionalInt calls, OptionalLong iterations) {
    this(fastmath, calls, iterations, false);
  }

  /** Rejects thresholds that are present but not positive. */
  public PatternOptions {
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(iterations, "iterations");
    if (calls.isPresent() && calls.getAsInt() <= 0) {
      throw new IllegalArgumentException("calls must be positive, got " + calls.getAsInt());
    }
    if (iterations.isPresent() && iterations.getAsLong() <= 0) {
      throw new IllegalArgumentException(
          "iterations must be positive, got " + iterations.getAsLong());
    }
  }

  /** The given thresholds with the fields these options set replaced. */
  public Thresholds applyTo(Thresholds global) {
    Thresholds result = Objects.requireNonNull(global, "global");
    if (calls.isPresent()) {
      result = result.withCalls(calls.getAsInt());
    }
    if (iterations.isPresent()) {
      result = result.withIterations(iterations.getAsLong());
    }
    return result;
  }

  /** The options as they are written in a config file, in canonical order; empty for none. */
  String text() {
    StringJoiner words = new StringJoiner(" ");
    if (fastmath) {
      words.add("fastmath");
    }
    if (parallel) {
      words.add("parallel");
    }
    calls.ifPresent(n -> words.add("calls=" + n));
    iterations.ifPresent(n -> words.add("iterations=" + n));
    return words.toString();
  }
}
