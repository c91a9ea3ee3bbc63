package dev.hotloop.analyzer.plan;

import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an accepted loop computes, in terms codegen can emit: the induction variable counting up
 * by one from its value at loop entry to an exclusive bound, the arrays read at it, and the
 * reductions folded per iteration. Instruction indexes refer to the {@code MethodNode} the plan
 * was lifted from (read with {@code ClassReader.EXPAND_FRAMES}).
 */
public record LoopPlan(
    LoopSite site,
    int headerInsn,
    int exitInsn,
    BitSet bodyInsns,
    int inductionSlot,
    Bound bound,
    List<ArrayInput> arrays,
    List<ScalarInput> scalars,
    List<Reduction> reductions) {

  public LoopPlan {
    bodyInsns = (BitSet) bodyInsns.clone();
    arrays = List.copyOf(arrays);
    scalars = List.copyOf(scalars);
    reductions = List.copyOf(reductions);
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

  /** Whether some reduction folds under a condition (an if, a ternary). */
  public boolean hasConditions() {
    return reductions.stream().anyMatch(r -> hasCondition(r.value()));
  }

  private static boolean hasCondition(Expr e) {
    if (e instanceof Expr.Select || e instanceof Expr.Condition) {
      return true;
    } else if (e instanceof Expr.Binary b) {
      return hasCondition(b.left()) || hasCondition(b.right());
    } else if (e instanceof Expr.Unary u) {
      return hasCondition(u.operand());
    } else if (e instanceof Expr.Widen w) {
      return hasCondition(w.operand());
    }
    return false;
  }

  /** A one-line description of the plan, for reports. */
  public String describe() {
    return "for (i" + inductionSlot + " = ..; i < " + bound + "; i++) "
        + reductions.stream().map(Reduction::toString).collect(Collectors.joining("; "));
  }
}
