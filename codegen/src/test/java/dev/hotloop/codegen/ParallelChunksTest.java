package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.hotloop.runtime.Parallel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the runtime's {@code Parallel} splits a range: chunks that together cover it exactly, each
 * starting on an index the loop visits, and folds that combine every chunk's result.
 */
class ParallelChunksTest {

  @AfterEach
  void restore() {
    Parallel.setMinElements(Parallel.DEFAULT_MIN_ELEMENTS);
  }

  private static List<int[]> chunks(int from, int to, int stride) {
    List<int[]> chunks = Collections.synchronizedList(new ArrayList<>());
    Parallel.store(from, to, stride, (lo, hi) -> chunks.add(new int[] {lo, hi}));
    chunks.sort((a, b) -> Integer.compare(a[0], b[0]));
    return chunks;
  }

  @Test
  void chunksCoverTheRangeAndStartOnVisitedIndexes() {
    Parallel.setMinElements(4);
    for (int stride = 1; stride <= 3; stride++) {
      for (int[] range : new int[][] {{0, 100}, {5, 6}, {7, 1003}, {3, 3 + 3 * 41}}) {
        List<int[]> chunks = chunks(range[0], range[1], stride);
        assertEquals(range[0], chunks.get(0)[0]);
        assertEquals(range[1], chunks.get(chunks.size() - 1)[1]);
        for (int k = 0; k < chunks.size(); k++) {
          int[] c = chunks.get(k);
          assertTrue(c[0] < c[1], "an empty chunk");
          assertEquals(0, (c[0] - range[0]) % stride, "chunk starts off the loop's indexes");
          if (k > 0) {
            assertEquals(chunks.get(k - 1)[1], c[0]);
          }
        }
      }
    }
  }

  @Test
  void belowTwiceTheMinimumAChunkIsTheWholeRange() {
    assertEquals(1, chunks(0, Parallel.DEFAULT_MIN_ELEMENTS - 1, 1).size());
    assertTrue(chunks(0, 4 * Parallel.DEFAULT_MIN_ELEMENTS, 1).size() > 1);
  }

  @Test
  void foldsCombineEveryChunk() {
    Parallel.setMinElements(4);
    long got = Parallel.foldLongs(0, 1000, 1, Parallel.ADD, (lo, hi) -> {
      long s = 0;
      for (int i = lo; i < hi; i++) {
        s += i * 31L;
      }
      return s;
    });
    assertEquals(31L * 999 * 1000 / 2, got);
    int min = Parallel.foldInts(0, 1000, 1, Parallel.MIN, (lo, hi) -> 1000 - hi);
    assertEquals(0, min);
    double max = Parallel.foldDoubles(0, 64, 2, Parallel.MAX, (lo, hi) -> lo == 0 ? -0.0 : 0.0);
    // Math.max(-0.0, 0.0) is 0.0 in either order.
    assertEquals(0.0, max);
    assertEquals(1.0 / 0.0, 1.0 / max);
  }
}
