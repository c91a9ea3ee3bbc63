package dev.hotloop.analyzer.cfg;

import java.util.BitSet;

/**
 * A natural loop: a header that dominates every block of the loop, the latches whose edges
 * return to it, and the body. The body is copied on the way in and out so a loop cannot change.
 */
public record NaturalLoop(int header, int[] latches, BitSet body, int depth) {

  public NaturalLoop {
    latches = latches.clone();
    body = (BitSet) body.clone();
  }

  @Override
  public int[] latches() {
    return latches.clone();
  }

  @Override
  public BitSet body() {
    return (BitSet) body.clone();
  }

  /** Whether the block belongs to the loop. */
  public boolean contains(int block) {
    return body.get(block);
  }

  /** Whether {@code other} lies wholly inside this loop (and is not this loop). */
  public boolean encloses(NaturalLoop other) {
    if (other.header == header) {
      return false;
    }
    BitSet rest = other.body();
    rest.andNot(body);
    return rest.isEmpty();
  }
}
