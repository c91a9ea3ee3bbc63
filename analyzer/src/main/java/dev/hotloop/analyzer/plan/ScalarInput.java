package dev.hotloop.analyzer.plan;

/**
 * A primitive value the loop reads but never writes, from a {@link Source}, passed to the kernel
 * as a scalar.
 */
public record ScalarInput(Source source, ElementType type) {

  @Override
  public String toString() {
    return source.toString();
  }
}
