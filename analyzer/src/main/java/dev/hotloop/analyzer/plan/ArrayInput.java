package dev.hotloop.analyzer.plan;

/**
 * A primitive array the loop reads, held in a local variable that the loop never changes.
 */
public record ArrayInput(int slot, ElementType elementType) {
}
