package dev.hotloop.analyzer.plan;

/**
 * One array store of a loop iteration: {@code array[i] = value}, narrowed to the array's element
 * type as the JVM's store instruction does; under a condition ({@code when}, or null for always)
 * where only one arm of an {@code if} stores, so lanes where it fails are left untouched.
 */
public record Store(ArrayInput array, Expr value, Expr.Predicate when) {

  @Override
  public String toString() {
    String store = array + "[i] = " + value;
    return when == null ? store : "if (" + when + ") " + store;
  }
}
