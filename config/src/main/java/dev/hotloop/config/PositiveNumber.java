package dev.hotloop.config;

import java.util.OptionalLong;

/**
 * The two kinds of threshold value, {@code calls} (an int) and {@code iterations} (a long),
 * read the same way in the config file and in the agent options: decimal digits only, greater
 * than zero, within the type's range.
 */
enum PositiveNumber {

  /** A positive {@code int}. */
  INT(Integer.MAX_VALUE),

  /** A positive {@code long}. */
  LONG(Long.MAX_VALUE);

  private final long max;

  PositiveNumber(long max) {
    this.max = max;
  }

  /** The value of {@code text}, or empty when it is not a positive number in range. */
  OptionalLong parse(String text) {
    if (!isDigits(text)) {
      return OptionalLong.empty();
    }
    try {
      long value = Long.parseLong(text);
      return value > 0 && value <= max ? OptionalLong.of(value) : OptionalLong.empty();
    } catch (NumberFormatException tooLong) {
      return OptionalLong.empty();
    }
  }

  /** What was expected for option {@code name} when {@link #parse} refused {@code text}. */
  String expectation(String name, String text) {
    // Digits that parse refused are either zero or too large; name the bound for the latter.
    boolean tooLarge = isDigits(text) && !text.chars().allMatch(c -> c == '0');
    return "expected a positive integer" + (tooLarge ? " no greater than " + max : "")
        + " for " + name + ", got '" + text + "'";
  }

  private static boolean isDigits(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
