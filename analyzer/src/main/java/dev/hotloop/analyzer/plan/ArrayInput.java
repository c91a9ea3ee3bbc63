package dev.hotloop.analyzer.plan;

/**
 * A primitive array the loop reads or writes, from a {@link Source} that the loop never changes.
 */
public record ArrayInput(Source source, ElementType elementType) {

  /** {@code a3} for the array in local 3, else the source ({@code v0.data}, {@code v1[v2]}). */
  @Override
  public String toString() {
    return source instanceof Source.Local l ? "a" + l.slot() : source.toString();
  }
}
