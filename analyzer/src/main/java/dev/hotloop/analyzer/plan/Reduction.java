package dev.hotloop.analyzer.plan;

/**
 * One reduction of a loop: every iteration folds {@code value} into the accumulator with the
 * operator.
 */
public record Reduction(Operator operator, Accumulator accumulator, Expr value) {

  /** The operators a reduction can fold with. */
  public enum Operator {
    ADD
  }

  /**
   * Whether changing the order of the folds gives bit-identical results: true for integer
   * arithmetic (it wraps around), false for floating point, which needs {@code fastmath}.
   */
  public boolean isReassociable() {
    return accumulator.type().isIntegral();
  }

  @Override
  public String toString() {
    String acc = "s" + accumulator.slot();
    return acc + " += " + value + (accumulator.isBoxed()
        ? " (boxed " + accumulator.boxing().wrapper().substring(10) + ")" : "");
  }
}
