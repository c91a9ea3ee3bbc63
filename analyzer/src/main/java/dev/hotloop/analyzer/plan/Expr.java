package dev.hotloop.analyzer.plan;

/**
 * A lane-wise expression of a loop plan: what one iteration computes from array elements at the
 * induction variable, loop-invariant locals and constants. Kernels are generated from these
 * trees, so any combination of the operations here works, lane for lane as Java computes it.
 */
public sealed interface Expr {

  /** The type of the value this expression produces. */
  ElementType type();

  /** The expressions this one is computed from, in order; none for a leaf. */
  default java.util.List<Expr> operands() {
    return java.util.List.of();
  }

  /** The element {@code array[i]} at the induction variable of an input array. */
  record ArrayElement(ArrayInput array) implements Expr {
    @Override
    public ElementType type() {
      return array.elementType().computational();
    }

    @Override
    public String toString() {
      return array + "[i]";
    }
  }

  /** A local the loop never writes: the same scalar in every lane and every iteration. */
  record Invariant(ScalarInput input) implements Expr {
    @Override
    public ElementType type() {
      return input.type();
    }

    @Override
    public String toString() {
      return input.source().toString();
    }
  }

  /** A constant ({@code Integer}, {@code Long}, {@code Float} or {@code Double}). */
  record Constant(Number value, ElementType type) implements Expr {
    @Override
    public String toString() {
      return String.valueOf(value);
    }
  }

  /**
   * A primitive conversion {@code (to) operand}, with Java's semantics: widening, or narrowing
   * and rounding ({@code (byte) x} truncates, {@code (int) d} rounds toward zero, saturates and
   * takes NaN to 0). The value is in the type the JVM computes with: a {@code (byte)} cast gives
   * an {@code int} holding a byte's value.
   */
  record Convert(Expr operand, ElementType to) implements Expr {
    @Override
    public java.util.List<Expr> operands() {
      return java.util.List.of(operand);
    }

    @Override
    public ElementType type() {
      return to.computational();
    }

    /** Whether every value of the operand's type converts exactly (no truncation, rounding). */
    public boolean isWidening() {
      ElementType from = operand.type();
      return switch (to) {
        case LONG -> from == ElementType.INT;
        case DOUBLE -> from == ElementType.INT || from == ElementType.FLOAT;
        default -> false;
      };
    }

    @Override
    public String toString() {
      return "(" + to.javaName() + ") " + operand;
    }
  }

  /** A binary operation, with Java's semantics for {@code type}. */
  record Binary(Operator operator, Expr left, Expr right, ElementType type) implements Expr {
    @Override
    public java.util.List<Expr> operands() {
      return java.util.List.of(left, right);
    }

    @Override
    public String toString() {
      return operator.isCall()
          ? "Math." + operator.symbol() + "(" + left + ", " + right + ")"
          : "(" + left + " " + operator.symbol() + " " + right + ")";
    }
  }

  /** A unary operation, with Java's semantics for {@code type}. */
  record Unary(UnaryOperator operator, Expr operand, ElementType type) implements Expr {
    @Override
    public java.util.List<Expr> operands() {
      return java.util.List.of(operand);
    }

    @Override
    public String toString() {
      return operator == UnaryOperator.NEG
          ? "-" + operand
          : "Math." + operator.name().toLowerCase(java.util.Locale.ROOT) + "(" + operand + ")";
    }
  }

  /** A condition per lane: true or false in each. */
  sealed interface Predicate extends Expr {

    /** The widest type among the values compared (it sets how many lanes fit a vector). */
    @Override
    ElementType type();
  }

  /**
   * {@code Math.fma(a, b, c)}: {@code a * b + c} rounded once, which the Vector API's {@code FMA}
   * computes bit for bit as Java does.
   */
  record Fma(Expr a, Expr b, Expr c, ElementType type) implements Expr {
    @Override
    public java.util.List<Expr> operands() {
      return java.util.List.of(a, b, c);
    }

    @Override
    public String toString() {
      return "Math.fma(" + a + ", " + b + ", " + c + ")";
    }
  }

  /** A comparison per lane; {@code type} is the type of its operands. */
  record Condition(Relation relation, Expr left, Expr right) implements Predicate {
    @Override
    public java.util.List<Expr> operands() {
      return java.util.List.of(left, right);
    }

    @Override
    public ElementType type() {
      return left.type();
    }

    @Override
    public String toString() {
      return left + " " + relation.symbol() + " " + right;
    }
  }

  /** {@code !operand}; on floating point not the opposite comparison, which NaN tells apart. */
  record Not(Predicate operand) implements Predicate {
    @Override
    public java.util.List<Expr> operands() {
      return java.util.List.of(operand);
    }

    @Override
    public ElementType type() {
      return operand.type();
    }

    @Override
    public String toString() {
      return "!(" + operand + ")";
    }
  }

  /** {@code left && right} when {@code all}, else {@code left || right}: both evaluated. */
  record Both(boolean all, Predicate left, Predicate right) implements Predicate {
    @Override
    public java.util.List<Expr> operands() {
      return java.util.List.of(left, right);
    }

    @Override
    public ElementType type() {
      return left.type().bits() >= right.type().bits() ? left.type() : right.type();
    }

    @Override
    public String toString() {
      return "(" + left + (all ? " && " : " || ") + right + ")";
    }
  }

  /** {@code condition ? ifTrue : ifFalse} per lane: an if/else or a ternary in the loop body. */
  record Select(Predicate condition, Expr ifTrue, Expr ifFalse, ElementType type)
      implements Expr {
    @Override
    public java.util.List<Expr> operands() {
      return java.util.List.of(condition, ifTrue, ifFalse);
    }

    @Override
    public String toString() {
      return "(" + condition + " ? " + ifTrue + " : " + ifFalse + ")";
    }
  }

  /**
   * The relations of a {@link Condition}, with Java's semantics: on floating point every one is
   * false when an operand is NaN, but {@code NE}, which is true.
   */
  enum Relation {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Relation(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** The binary operations a plan may contain. */
  enum Operator {
    ADD("+"), SUB("-"), MUL("*"), DIV("/"), AND("&"), OR("|"), XOR("^"),
    SHL("<<"), SHR(">>"), USHR(">>>"), MIN("min"), MAX("max");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** Whether Java writes it as a {@code Math} call rather than an operator. */
    public boolean isCall() {
      return this == MIN || this == MAX;
    }

    /** Whether the right operand is a shift count (an {@code int}, masked by Java). */
    public boolean isShift() {
      return this == SHL || this == SHR || this == USHR;
    }
  }

  /** The unary operations a plan may contain. */
  enum UnaryOperator {
    NEG, ABS, SQRT
  }
}
