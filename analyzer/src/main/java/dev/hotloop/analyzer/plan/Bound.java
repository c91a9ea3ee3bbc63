package dev.hotloop.analyzer.plan;

/**
 * The bound of the induction variable, read once before the loop since the loop cannot change
 * it: exclusive and above for a loop that counts up, inclusive and below for one that counts
 * down ({@code i >= bound}). It is a base plus a constant offset, in {@code int} arithmetic as
 * Java computes it ({@code i <= n} is {@code i < n + 1}, {@code i < a.length - 1} has offset
 * -1). Where the sum wraps around, the range looks empty and the original loop runs, as it would
 * have.
 */
public sealed interface Bound {

  /** The constant added to the base. */
  int offset();

  /** {@code i < array.length + offset}. */
  record ArrayLength(ArrayInput array, int offset) implements Bound {
    @Override
    public String toString() {
      return array + ".length" + Bound.suffix(offset);
    }
  }

  /** {@code i < value + offset} for an {@code int} (a local, a field) the loop does not change. */
  record Value(Source value, int offset) implements Bound {
    @Override
    public String toString() {
      return (value instanceof Source.Local l ? "local" + l.slot() : value.toString())
          + Bound.suffix(offset);
    }
  }

  /** {@code i < offset}: a constant bound, such as the 0 of {@code i >= 0}. */
  record Constant(int offset) implements Bound {
    @Override
    public String toString() {
      return String.valueOf(offset);
    }
  }

  private static String suffix(int offset) {
    return offset == 0 ? "" : offset > 0 ? " + " + offset : " - " + -(long) offset;
  }
}
