package dev.hotloop.analyzer.plan;

import java.util.List;

/**
 * The verdicts for every loop over primitive arrays in one method, in instruction order. A
 * method without such loops has an empty list (and is left untouched).
 */
public record MethodAnalysis(String owner, String name, String descriptor,
    List<LoopVerdict> loops) {

  public MethodAnalysis {
    loops = List.copyOf(loops);
  }

  /** The accepted plans, in instruction order. */
  public List<LoopPlan> plans() {
    return loops.stream()
        .filter(LoopVerdict.Accepted.class::isInstance)
        .map(v -> ((LoopVerdict.Accepted) v).plan())
        .toList();
  }

  /** Whether at least one loop has a plan. */
  public boolean hasPlan() {
    return loops.stream().anyMatch(LoopVerdict.Accepted.class::isInstance);
  }
}
