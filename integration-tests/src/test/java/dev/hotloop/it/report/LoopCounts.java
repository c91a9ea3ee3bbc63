package dev.hotloop.it.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counters of one loop in the agent's report: calls of its method, entries into the loop,
 * iterations, entries that ran the kernel, and entries whose guards failed so that the original
 * loop ran instead.
 */
public record LoopCounts(long calls, long loopRuns, long iterations, long kernelRuns,
    long guardFailures) {

  private static final Pattern LINE = Pattern.compile(
      "calls ([\\d,]+)\\s+loop runs ([\\d,]+)\\s+iterations ([\\d,]+)\\s+kernel runs ([\\d,]+)"
          + "\\s+guard failures ([\\d,]+)");

  /** The counts in a report line, or null when {@code line} is not a counts line. */
  static LoopCounts parse(String line) {
    Matcher m = LINE.matcher(line.trim());
    if (!m.matches()) {
      return null;
    }
    return new LoopCounts(number(m.group(1)), number(m.group(2)), number(m.group(3)),
        number(m.group(4)), number(m.group(5)));
  }

  private static long number(String digits) {
    return Long.parseLong(digits.replace(",", ""));
  }
}
