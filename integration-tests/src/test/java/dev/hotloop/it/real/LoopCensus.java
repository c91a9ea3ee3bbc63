package dev.hotloop.it.real;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.hotloop.it.report.HotloopReport;
import dev.hotloop.it.report.ReportedLoop;

/**
 * What the agent's report says about a set of loops: how many it saw, how many ended in each
 * state ({@code accelerated}, {@code kept}, {@code rejected}, {@code cold}...), how many of the
 * accelerated ones ran their kernel, and how many were rejected for each kind of reason, most
 * frequent first.
 */
public record LoopCensus(int seen, Map<String, Long> byState, long kernelsRan,
    Map<String, Long> rejectionsByKind) {

  public LoopCensus {
    byState = Map.copyOf(byState);
    rejectionsByKind = Map.copyOf(rejectionsByKind);
  }

  /** The census of every loop in {@code report}. */
  public static LoopCensus of(HotloopReport report) {
    return of(report.loops());
  }

  /** The census of the loops of {@code report} whose method's name starts with {@code prefix}. */
  public static LoopCensus of(HotloopReport report, String prefix) {
    return of(report.loops().stream().filter(l -> l.method().startsWith(prefix)).toList());
  }

  private static LoopCensus of(List<ReportedLoop> loops) {
    Map<String, Long> byState = loops.stream()
        .collect(Collectors.groupingBy(ReportedLoop::state, TreeMap::new, Collectors.counting()));
    long kernelsRan = loops.stream()
        .filter(l -> l.counts() != null && l.counts().kernelRuns() > 0).count();
    Map<String, Long> byKind = loops.stream().filter(l -> l.state().equals("rejected"))
        .map(l -> RejectionReason.of(l.description()).kind())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    return new LoopCensus(loops.size(), byState, kernelsRan, byKind);
  }

  /** How many loops ended in {@code state}. */
  public long count(String state) {
    return byState.getOrDefault(state, 0L);
  }

  /** The {@code n} most frequent kinds of rejection with their counts; ties in name order. */
  public Map<String, Long> topRejections(int n) {
    Map<String, Long> top = new LinkedHashMap<>();
    rejectionsByKind.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(n)
        .forEach(e -> top.put(e.getKey(), e.getValue()));
    return top;
  }
}
