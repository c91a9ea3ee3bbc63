package dev.hotloop.analyzer.plan;

/**
 * Why a loop is not accelerated, and where: the instruction index the reason points at (or
 * {@code -1}) and its source line ({@code -1} when unknown).
 */
public record Rejection(LoopSite site, String reason, int insn, int line) {

  @Override
  public String toString() {
    return site + " rejected: " + reason + (line >= 0 ? " at line " + line : "");
  }
}
