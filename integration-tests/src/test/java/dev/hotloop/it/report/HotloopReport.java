package dev.hotloop.it.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report the agent prints at exit, read back from a child JVM's standard error or from the
 * {@code report=} file: its header line (how many loops, which kernel backend), one
 * {@link ReportedLoop} per loop it considered, and the classes it left as given because their
 * class files were broken ({@code name: reason}). Lines around it (the app's own output) are
 * ignored.
 */
public record HotloopReport(String header, List<ReportedLoop> loops, List<String> skipped,
    String text) {

  private static final String HEADER_PREFIX = "hotloop report: ";
  private static final Pattern ACCELERATED = Pattern.compile("considered, (\\d+) accelerated");
  /** A loop's first line is indented by two spaces, the lines that describe it by more. */
  private static final String LOOP_INDENT = "  ";
  private static final String DETAIL_INDENT = "   ";
  private static final String SKIPPED_PREFIX = "hotloop left ";

  public HotloopReport {
    loops = List.copyOf(loops);
    skipped = List.copyOf(skipped);
  }

  /** The last report in {@code output}, if there is one. */
  public static Optional<HotloopReport> find(String output) {
    List<String> lines = output.lines().toList();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(HEADER_PREFIX)) {
        start = i;
      }
    }
    if (start < 0) {
      return Optional.empty();
    }
    List<List<String>> blocks = new ArrayList<>();
    int end = start + 1;
    for (; end < lines.size(); end++) {
      String line = lines.get(end);
      if (line.startsWith(DETAIL_INDENT) && !blocks.isEmpty()) {
        blocks.get(blocks.size() - 1).add(line);
      } else if (line.startsWith(LOOP_INDENT) && !line.startsWith(DETAIL_INDENT)) {
        blocks.add(new ArrayList<>(List.of(line)));
      } else {
        break;
      }
    }
    List<String> skipped = new ArrayList<>();
    if (end < lines.size() && lines.get(end).startsWith(SKIPPED_PREFIX)) {
      for (end++; end < lines.size() && lines.get(end).startsWith(LOOP_INDENT); end++) {
        skipped.add(lines.get(end).trim());
      }
    }
    return Optional.of(new HotloopReport(lines.get(start),
        blocks.stream().map(ReportedLoop::parse).toList(), skipped,
        String.join("\n", lines.subList(start, end)) + "\n"));
  }

  /** Why the class {@code binaryName} was left as given, once per time it was; maybe none. */
  public List<String> skippedReasons(String binaryName) {
    return skipped.stream().filter(s -> s.startsWith(binaryName + ": "))
        .map(s -> s.substring(binaryName.length() + 2)).toList();
  }

  /** The loops of the methods whose report name starts with {@code method} ({@code "a.B.f("}). */
  public List<ReportedLoop> loopsOf(String method) {
    return loops.stream().filter(l -> l.method().startsWith(method)).toList();
  }

  /** The one loop of {@code method} (a prefix of its report name); fails unless exactly one. */
  public ReportedLoop loopOf(String method) {
    List<ReportedLoop> found = loopsOf(method);
    if (found.size() != 1) {
      throw new AssertionError("expected one loop of " + method + " in the report, found "
          + found.size() + ":\n" + text);
    }
    return found.get(0);
  }

  /** The number of loops the header says were accelerated. */
  public int acceleratedCount() {
    Matcher m = ACCELERATED.matcher(header);
    if (!m.find()) {
      throw new AssertionError("unexpected report header: " + header);
    }
    return Integer.parseInt(m.group(1));
  }
}
