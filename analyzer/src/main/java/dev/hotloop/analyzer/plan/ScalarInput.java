package dev.hotloop.analyzer.plan;

/**
 * A primitive local that the loop reads but never writes, passed to the kernel as a scalar.
 */
public record ScalarInput(int slot, ElementType type) {
}
