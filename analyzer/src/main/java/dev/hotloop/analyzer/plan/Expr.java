package dev.hotloop.analyzer.plan;

/**
 * A lane-wise expression of a loop plan: what one iteration computes from array elements at the
 * induction variable and loop-invariant values. Kernels are generated from these trees.
 */
public sealed interface Expr {

  /** The type of the value this expression produces. */
  ElementType type();

  /** The element {@code array[i]} at the induction variable of an input array. */
  record ArrayElement(ArrayInput array) implements Expr {
    @Override
    public ElementType type() {
      return array.elementType().computational();
    }

    @Override
    public String toString() {
      return "a" + array.slot() + "[i]";
    }
  }

  /** A widening primitive conversion, such as {@code (long) ints[i]}. */
  record Widen(Expr operand, ElementType type) implements Expr {
    @Override
    public String toString() {
      return "(" + type.javaName() + ") " + operand;
    }
  }
}
