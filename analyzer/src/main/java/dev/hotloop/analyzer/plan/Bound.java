package dev.hotloop.analyzer.plan;

/**
 * The exclusive upper bound of the induction variable, read once before the loop since the loop
 * cannot change it.
 */
public sealed interface Bound {

  /** {@code i < array.length}. */
  record ArrayLength(int arraySlot) implements Bound {
    @Override
    public String toString() {
      return "a" + arraySlot + ".length";
    }
  }

  /** {@code i < n} for an {@code int} local that the loop does not change. */
  record Local(int slot) implements Bound {
    @Override
    public String toString() {
      return "local" + slot;
    }
  }
}
