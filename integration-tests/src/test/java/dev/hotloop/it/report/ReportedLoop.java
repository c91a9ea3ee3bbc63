package dev.hotloop.it.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One loop in the agent's report: its state ({@code accelerated}, {@code rejected},
 * {@code kept}, {@code cold}, {@code warming}, {@code failed}, {@code deoptimized}), the method
 * as the report names it (e.g. {@code dev.hotloop.it.apps.SumApp.sumLongs(long[])}), where it
 * is ({@code SumApp.java:27}),
 * the lines that describe it (the kernel, or why not), and its counts, or null where the report
 * gives none (a rejected loop).
 */
public record ReportedLoop(String state, String method, String location, List<String> details,
    LoopCounts counts) {

  /** {@code "  accelerated  pkg.Class.method(long[]) (Class.java:18)"}. */
  private static final Pattern FIRST_LINE = Pattern.compile("  (\\S+) +(\\S.*) \\(([^()]*)\\)");

  public ReportedLoop {
    details = List.copyOf(details);
  }

  /** The loop of one block of report lines: its first line, then the indented ones. */
  static ReportedLoop parse(List<String> block) {
    Matcher first = FIRST_LINE.matcher(block.get(0));
    if (!first.matches()) {
      throw new AssertionError("not the first line of a loop in the report: " + block.get(0));
    }
    List<String> details = new ArrayList<>();
    LoopCounts counts = null;
    for (String line : block.subList(1, block.size())) {
      LoopCounts parsed = LoopCounts.parse(line);
      if (parsed != null) {
        counts = parsed;
      } else {
        details.add(line.trim());
      }
    }
    return new ReportedLoop(first.group(1), first.group(2), first.group(3), details, counts);
  }

  /** The first line that describes it: an accelerated loop's kernel, a rejected one's reason. */
  public String description() {
    return details.isEmpty() ? "" : details.get(0);
  }
}
