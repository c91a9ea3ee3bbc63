package dev.hotloop.codegen.kernel;

import java.util.Map;
import java.util.Objects;

import dev.hotloop.analyzer.plan.ElementType;

/**
 * Where the garbage collector puts large arrays, so that a kernel can align its vector stores
 * without seeing addresses, which the Vector API does not show: every array of at least
 * {@code fromBytes} bytes (G1's humongous objects: more than half a region) starts at a region
 * boundary, so its element 0 lies {@code baseOffset} bytes past a cache line.
 *
 * <p>C2's pre-loop aligns a loop's store to a line; a vector kernel that does not splits each
 * 64-byte access across two lines wherever the array does not start one. Over three
 * 1,000,000-element {@code int} arrays, all 16 bytes past a line, a Vector API map ran at 0.127
 * ns per element, with its first 12 elements peeled 0.116, as C2's own loop (AMD EPYC,
 * AVX-512, JDK 17). Peeling on a smaller array, placed anywhere, is a guess that costs at most
 * one line of scalar steps, so a kernel peels only for arrays this large.
 *
 * @param baseOffset bytes from an array's start to its element 0, per element type
 * @param fromBytes the smallest array, in bytes with its header, that the collector places at
 *     a boundary
 */
public record ArrayPlacement(Map<ElementType, Integer> baseOffset, long fromBytes) {

  /** The cache line the stores are aligned to. */
  public static final int LINE_BYTES = 64;

  public ArrayPlacement {
    baseOffset = Map.copyOf(baseOffset);
    if (fromBytes <= 0) {
      throw new IllegalArgumentException("fromBytes must be positive: " + fromBytes);
    }
  }

  /** Bytes from the start of an array of {@code type} to its element 0, or -1 if unknown. */
  public int baseOffset(ElementType type) {
    return Objects.requireNonNullElse(baseOffset.get(type), -1);
  }

  /**
   * The least length of an array of {@code type} that the collector places at a boundary, or
   * -1 where this placement does not know that type's layout.
   */
  public int fromLength(ElementType type) {
    int base = baseOffset(type);
    if (base < 0) {
      return -1;
    }
    int bytes = type.bits() / 8;
    long length = (fromBytes - base + bytes - 1) / bytes;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, length));
  }
}
