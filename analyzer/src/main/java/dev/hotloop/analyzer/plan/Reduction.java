package dev.hotloop.analyzer.plan;

/**
 * One reduction of a loop: every iteration folds {@code value} into the accumulator with the
 * operator ({@code acc = acc op value}).
 */
public record Reduction(Operator operator, Accumulator accumulator, Expr value) {

  /** The operators a reduction can fold with. */
  public enum Operator {
    ADD, MUL, MIN, MAX, AND, OR, XOR;

    /** The operator of {@code Expr.Binary} that folds the same way. */
    public Expr.Operator asBinary() {
      return Expr.Operator.valueOf(name());
    }
  }

  /**
   * Whether changing the order of the folds gives bit-identical results: integer arithmetic
   * (it wraps around), bitwise operations, and {@code Math.min}/{@code max} (exact and
   * associative even with NaN and -0.0) may be reordered; floating-point sums and products may
   * not, unless {@code fastmath} says so.
   */
  public boolean isReassociable() {
    return accumulator.type().isIntegral() || operator == Operator.MIN
        || operator == Operator.MAX;
  }

  @Override
  public String toString() {
    String acc = "s" + accumulator.slot();
    String fold = switch (operator) {
      case ADD -> acc + " += " + value;
      case MUL -> acc + " *= " + value;
      case AND -> acc + " &= " + value;
      case OR -> acc + " |= " + value;
      case XOR -> acc + " ^= " + value;
      case MIN -> acc + " = Math.min(" + acc + ", " + value + ")";
      case MAX -> acc + " = Math.max(" + acc + ", " + value + ")";
    };
    return fold + (accumulator.isBoxed()
        ? " (boxed " + accumulator.boxing().wrapper().substring(10) + ")" : "");
  }
}
