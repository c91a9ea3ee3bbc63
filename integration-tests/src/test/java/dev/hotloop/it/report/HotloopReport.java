package dev.hotloop.it.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report the agent prints at exit, read back from a child JVM's standard error or from the
 * {@code report=} file: its header line (how many loops, which kernel backend) and one
 * {@link ReportedLoop} per loop it considered. Lines around it (the app's own output) are
 * ignored.
 */
public record HotloopReport(String header, List<ReportedLoop> loops, String text) {

  private static final String HEADER_PREFIX = "hotloop report: ";
  private static final Pattern ACCELERATED = Pattern.compile("considered, (\\d+) accelerated");
  /** A loop's first line is indented by two spaces, the lines that describe it by more. */
  private static final String LOOP_INDENT = "  ";
  private static final String DETAIL_INDENT = "   ";

  public HotloopReport {
    loops = List.copyOf(loops);
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
    return Optional.of(new HotloopReport(lines.get(start),
        blocks.stream().map(ReportedLoop::parse).toList(),
        String.join("\n", lines.subList(start, end)) + "\n"));
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
