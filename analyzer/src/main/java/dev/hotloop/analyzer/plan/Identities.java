package dev.hotloop.analyzer.plan;

/**
 * The identity of each reduction operator: the value that folding leaves unchanged, bit for bit.
 * For floating-point sums that is -0.0, not 0.0: {@code -0.0 + 0.0} is {@code +0.0}.
 */
public final class Identities {

  private Identities() {
  }

  /** The identity of {@code operator} on {@code type}. */
  public static Number of(Reduction.Operator operator, ElementType type) {
    return switch (operator) {
      case ADD -> switch (type) {
        case LONG -> 0L;
        case FLOAT -> -0.0f;
        case DOUBLE -> -0.0d;
        default -> 0;
      };
      case OR, XOR -> type == ElementType.LONG ? (Number) 0L : (Number) 0;
      case MUL -> switch (type) {
        case LONG -> 1L;
        case FLOAT -> 1f;
        case DOUBLE -> 1d;
        default -> 1;
      };
      case AND -> type == ElementType.LONG ? (Number) (-1L) : (Number) (-1);
      case MIN -> switch (type) {
        case LONG -> Long.MAX_VALUE;
        case FLOAT -> Float.POSITIVE_INFINITY;
        case DOUBLE -> Double.POSITIVE_INFINITY;
        default -> Integer.MAX_VALUE;
      };
      case MAX -> switch (type) {
        case LONG -> Long.MIN_VALUE;
        case FLOAT -> Float.NEGATIVE_INFINITY;
        case DOUBLE -> Double.NEGATIVE_INFINITY;
        default -> Integer.MIN_VALUE;
      };
    };
  }
}
