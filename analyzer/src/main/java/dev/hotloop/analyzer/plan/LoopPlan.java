package dev.hotloop.analyzer.plan;

import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an accepted loop computes, in terms codegen can emit: the induction variable counting up
 * by {@code stride} (1 to 64) from its value at loop entry to an exclusive bound (or, {@code
 * descending}, down by {@code stride} to an inclusive bound; then every reduction is one whose
 * order does not matter, and a kernel visits the same indexes counting up), the arrays
 * read and written at it, the reductions folded and the array stores made per iteration (in the
 * loop's order), and the pairs of arrays that must be different objects for a kernel to run.
 * Instruction indexes refer to the {@code MethodNode} the plan was lifted from (read with
 * {@code ClassReader.EXPAND_FRAMES}).
 *
 * <p>A kernel computes the reductions first, each in a pass of its own, then the stores in one
 * pass; the analyzer accepts a loop only where that order gives the loop's results, with the
 * {@code distinct} guards holding.
 */
public record LoopPlan(
    LoopSite site,
    int headerInsn,
    int exitInsn,
    BitSet bodyInsns,
    int inductionSlot,
    boolean descending,
    int stride,
    Bound bound,
    List<ArrayInput> arrays,
    List<ScalarInput> scalars,
    List<Reduction> reductions,
    List<Store> stores,
    List<DistinctArrays> distinct) {

  public LoopPlan {
    if (stride < 1) {
      throw new IllegalArgumentException("stride " + stride);
    }
    bodyInsns = (BitSet) bodyInsns.clone();
    arrays = List.copyOf(arrays);
    scalars = List.copyOf(scalars);
    reductions = List.copyOf(reductions);
    stores = List.copyOf(stores);
    distinct = List.copyOf(distinct);
  }

  @Override
  public BitSet bodyInsns() {
    return (BitSet) bodyInsns.clone();
  }

  /** Whether instruction {@code index} belongs to the loop. */
  public boolean containsInsn(int index) {
    return bodyInsns.get(index);
  }

  /** Whether some accumulator is a boxed wrapper. */
  public boolean hasBoxedAccumulator() {
    return reductions.stream().anyMatch(r -> r.accumulator().isBoxed());
  }

  /** Whether some reduction folds, or some store stores, under a condition (an if, a ternary). */
  public boolean hasConditions() {
    return reductions.stream().anyMatch(r -> hasCondition(r.value()))
        || stores.stream().anyMatch(s -> s.when() != null || hasCondition(s.value()));
  }

  private static boolean hasCondition(Expr e) {
    return e instanceof Expr.Select || e instanceof Expr.Predicate
        || e.operands().stream().anyMatch(LoopPlan::hasCondition);
  }

  /** A one-line description of the plan, for reports. */
  public String describe() {
    String body = java.util.stream.Stream.concat(reductions.stream().map(Reduction::toString),
        stores.stream().map(Store::toString)).collect(Collectors.joining("; "));
    String guards = distinct.isEmpty() ? ""
        : " [when " + distinct.stream().map(DistinctArrays::toString)
            .collect(Collectors.joining(", ")) + "]";
    String step = stride == 1 ? (descending ? "i--" : "i++")
        : (descending ? "i -= " : "i += ") + stride;
    return "for (i" + inductionSlot + " = ..; i " + (descending ? ">= " : "< ") + bound + "; "
        + step + ") " + body + guards;
  }
}
