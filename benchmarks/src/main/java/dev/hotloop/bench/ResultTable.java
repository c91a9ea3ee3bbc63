package dev.hotloop.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import dev.hotloop.bench.AgentReportCollector.ForkVerdict;

/**
 * The markdown tables of a benchmark run, one per {@link LoopFamily}: per loop and size, the
 * plain, hotloop and hand-written times, the agent's speed-up over plain HotSpot, how close it
 * comes to hand-written Vector API code, and what the agent's own report says of the loop in the
 * hotloop JVMs: accelerated (with its kernel), or kept, rejected or failed (with the reason), so
 * that a row near 1.00x says why. Notes under the tables say where the hand-written yardstick is
 * not the same computation and where forks disagree (the boxed loop's bimodality).
 */
final class ResultTable {

  /** Forks whose means differ by more than this factor are called out under the table. */
  private static final double DISAGREEMENT = 2.0;

  private static final String[] MARKS = {"¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};

  private final List<ComparedLoop> loops;
  private final List<Integer> sizes;
  private final Map<String, RunResult> plain;
  private final Map<String, RunResult> hotloop;
  private final AgentReportCollector reports;
  private int missing;
  private int notAccelerated;
  private int lateSwitches;

  ResultTable(List<ComparedLoop> loops, List<Integer> sizes, Collection<RunResult> plainRun,
      Collection<RunResult> hotloopRun, AgentReportCollector reports) {
    this.loops = List.copyOf(loops);
    this.sizes = List.copyOf(sizes);
    this.plain = index(plainRun);
    this.hotloop = index(hotloopRun);
    this.reports = reports;
  }

  private static Map<String, RunResult> index(Collection<RunResult> run) {
    Map<String, RunResult> byKey = new HashMap<>();
    for (RunResult r : run) {
      String benchmark = r.getParams().getBenchmark();
      String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.')
          - 1) + 1);
      byKey.put(key(shortName, Integer.parseInt(r.getParams().getParam("size"))), r);
    }
    return byKey;
  }

  private static String key(String classAndMethod, int size) {
    return classAndMethod + "@" + size;
  }

  /**
   * Hotloop cells of accelerated loops where the agent switched to the kernel only during the
   * measurement, so that the time is partly the original loop's: more warm-up is needed.
   */
  int lateSwitches() {
    return lateSwitches;
  }

  /** Cells that have no result, because a benchmark failed; valid after {@link #render}. */
  int missingCells() {
    return missing;
  }

  /**
   * Hotloop cells whose JVMs the agent's report shows neither on the kernel nor kept after timing
   * it at warm-up, among the loops it should accelerate ({@link ComparedLoop#expectsKernel}).
   */
  int notAccelerated() {
    return notAccelerated;
  }

  /** The table and its notes, in markdown. */
  String render() {
    missing = 0;
    notAccelerated = 0;
    lateSwitches = 0;
    List<String> notes = new ArrayList<>();
    Map<ComparedLoop, String> marks = new HashMap<>();
    for (ComparedLoop loop : loops) {
      if (!loop.note().isEmpty()) {
        marks.put(loop, MARKS[notes.size() % MARKS.length]);
        notes.add(MARKS[notes.size() % MARKS.length] + " `" + loop.loop() + "`: " + loop.note()
            + ".");
      }
    }
    Set<String> disagreements = new LinkedHashSet<>();

    StringBuilder sb = new StringBuilder();
    for (LoopFamily family : LoopFamily.values()) {
      List<ComparedLoop> rows = loops.stream().filter(l -> l.family() == family)
          .collect(Collectors.toList());
      if (rows.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append("### ").append(family.title()).append(" (`")
          .append(family.loops().getSimpleName()).append("`)\n\n");
      sb.append("| loop | size | plain ns/op | hotloop ns/op | hand Vector API ns/op"
          + " | speedup (plain ÷ hotloop) | hotloop vs hand (hand ÷ hotloop) | agent |\n");
      sb.append("|---|--:|--:|--:|--:|--:|--:|---|\n");
      String loopClass = family.benchmark().getSimpleName() + ".";
      String handClass = family.handBenchmark().getSimpleName() + ".";
      for (ComparedLoop loop : rows) {
        for (int size : sizes) {
          RunResult p = plain.get(key(loopClass + loop.loop(), size));
          RunResult h = hotloop.get(key(loopClass + loop.loop(), size));
          RunResult v = plain.get(key(handClass + loop.handKernel(), size));
          disagreement("plain `" + loop.loop() + "`", size, p, disagreements);
          disagreement("hotloop `" + loop.loop() + "`", size, h, disagreements);
          disagreement("hand-written `" + loop.handKernel() + "`", size, v, disagreements);
          sb.append("| ").append(loop.loop()).append(marks.getOrDefault(loop, ""))
              .append(" | ").append(String.format(Locale.ROOT, "%,d", size))
              .append(" | ").append(time(p))
              .append(" | ").append(time(h))
              .append(" | ").append(time(v))
              .append(" | ").append(ratio(p, h, "x"))
              .append(" | ").append(ratio(v, h, ""))
              .append(" | ").append(agent(loop, size))
              .append(" |\n");
        }
      }
    }
    if (!notes.isEmpty() || !disagreements.isEmpty()) {
      sb.append('\n');
      for (String note : notes) {
        sb.append(note).append("\\\n");
      }
      for (String d : disagreements) {
        sb.append(d).append("\\\n");
      }
      sb.setLength(sb.length() - 2);
      sb.append('\n');
    }
    return sb.toString();
  }

  private String time(RunResult r) {
    if (r == null) {
      missing++;
      return "—";
    }
    Result<?> primary = r.getPrimaryResult();
    double error = primary.getScoreError();
    String score = number(primary.getScore());
    // with two measurements the 99.9% interval is the spread times 637: noise, not information
    boolean meaningful = primary.getStatistics().getN() >= 3;
    return meaningful && Double.isFinite(error) && error > 0
        ? score + " ± " + number(error) : score;
  }

  private static String ratio(RunResult numerator, RunResult denominator, String unit) {
    if (numerator == null || denominator == null) {
      return "—";
    }
    double r = numerator.getPrimaryResult().getScore() / denominator.getPrimaryResult().getScore();
    return String.format(Locale.ROOT, r < 10 ? "%.2f%s" : "%.1f%s", r, unit);
  }

  /**
   * The agent column: each distinct verdict of the hotloop JVMs with how many said it, e.g.
   * "accelerated in 1/1 JVM: vector, IntVector x 8 lanes (256-bit), 4 partial results" or
   * "kept in 2/2 JVMs: strict floating-point arithmetic: ...".
   */
  private String agent(ComparedLoop loop, int size) {
    List<ForkVerdict> verdicts = reports.verdicts(loop, size);
    long accelerated = verdicts.stream().filter(ForkVerdict::accelerated).count();
    long settled = verdicts.stream().filter(ForkVerdict::settled).count();
    if (loop.expectsKernel() && (verdicts.isEmpty() || settled < verdicts.size())) {
      notAccelerated++;
    }
    if (verdicts.isEmpty()) {
      return "no report";
    }
    if (loop.expectsKernel() && accelerated == verdicts.size()
        && verdicts.stream().anyMatch(ForkVerdict::switchedDuringMeasurement)) {
      lateSwitches++;
    }
    // Verdicts that differ only in their figures (each fork's warm-up times) are one verdict.
    Map<String, List<ForkVerdict>> groups = verdicts.stream().collect(Collectors.groupingBy(
        v -> v.state() + "\0" + qualifier(v) + "\0" + MergedDetail.shape(v.detail()),
        LinkedHashMap::new, Collectors.toList()));
    String jvms = verdicts.size() == 1 ? " JVM" : " JVMs";
    return groups.values().stream().map(group -> {
      ForkVerdict first = group.get(0);
      String detail = MergedDetail.merge(group.stream().map(ForkVerdict::detail).toList());
      return first.state() + " in " + group.size() + "/" + verdicts.size() + jvms
          + qualifier(first) + (detail.isEmpty() ? "" : ": " + detail);
    }).collect(Collectors.joining("; ")).replace("|", "\\|");
  }

  /** What qualifies a verdict: an accelerated loop whose kernel never ran or ran late. */
  private static String qualifier(ForkVerdict v) {
    if (v.state().equals("accelerated") && !v.accelerated()) {
      return ", but its kernel never ran";
    } else if (v.switchedDuringMeasurement()) {
      return ", **but switched during measurement** (" + v.kernelPercent() + "% of the"
          + " measured calls ran the kernel)";
    }
    return "";
  }

  private static void disagreement(String what, int size, RunResult r, Set<String> out) {
    if (r == null || r.getBenchmarkResults().size() < 2) {
      return;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    List<String> forks = new ArrayList<>();
    for (BenchmarkResult fork : r.getBenchmarkResults()) {
      double score = fork.getPrimaryResult().getScore();
      min = Math.min(min, score);
      max = Math.max(max, score);
      forks.add(number(score));
    }
    if (max > DISAGREEMENT * min) {
      out.add(String.format(Locale.ROOT,
          "Forks disagree: %s at %,d elements measured %s ns/op in its %d JVMs; the mean"
              + " hides that (a bimodal JIT outcome).",
          what, size, String.join(" and ", forks), forks.size()));
    }
  }

  private static String number(double v) {
    if (!Double.isFinite(v)) {
      return "—";
    }
    double a = Math.abs(v);
    String format = a < 10 ? "%.2f" : a < 1000 ? "%.1f" : "%,.0f";
    return String.format(Locale.ROOT, format, v);
  }
}
