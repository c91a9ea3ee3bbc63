package dev.hotloop.analyzer.plan;

/**
 * The exclusive upper bound of the induction variable, read once before the loop since the loop
 * cannot change it: a base plus a constant offset, in {@code int} arithmetic as Java computes
 * it ({@code i <= n} is {@code i < n + 1}, {@code i < a.length - 1} has offset -1). Where the sum
 * wraps around, the range looks empty and the original loop runs, as it would have.
 */
public sealed interface Bound {

  /** The constant added to the base. */
  int offset();

  /** {@code i < array.length + offset}. */
  record ArrayLength(int arraySlot, int offset) implements Bound {
    @Override
    public String toString() {
      return "a" + arraySlot + ".length" + Bound.suffix(offset);
    }
  }

  /** {@code i < local + offset} for an {@code int} local that the loop does not change. */
  record Local(int slot, int offset) implements Bound {
    @Override
    public String toString() {
      return "local" + slot + Bound.suffix(offset);
    }
  }

  private static String suffix(int offset) {
    return offset == 0 ? "" : offset > 0 ? " + " + offset : " - " + -(long) offset;
  }
}
