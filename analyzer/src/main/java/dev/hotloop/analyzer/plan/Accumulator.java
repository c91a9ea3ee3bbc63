package dev.hotloop.analyzer.plan;

/**
 * The local variable a reduction accumulates into, its computational type and its boxing.
 */
public record Accumulator(int slot, ElementType type, Boxing boxing) {

  /** Whether the local holds a wrapper object rather than a primitive. */
  public boolean isBoxed() {
    return boxing != Boxing.NONE;
  }
}
