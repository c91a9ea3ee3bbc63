package dev.hotloop.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How {@code Parallel} cuts a range: chunks that together cover it exactly, each starting on an
 * index the loop visits, folds that combine every chunk's result, and the same chunks whether
 * its {@link SplitChoice} runs them on one thread or several, wherever that could change a
 * result.
 */
class ParallelTest {

  @AfterEach
  void restore() {
    Parallel.setMinElements(Parallel.DEFAULT_MIN_ELEMENTS);
  }

  /** A choice that has decided to split runs of {@code n} elements, or not to. */
  static SplitChoice decided(int n, boolean split) {
    SplitChoice choice = new SplitChoice();
    for (int run = 0; run < 2 * SplitChoice.TRIALS; run++) {
      boolean splitRun = (choice.next(n) & SplitChoice.SPLIT) != 0;
      choice.record(n, splitRun, splitRun == split ? n : 4L * n);
    }
    return choice;
  }

  private static List<int[]> storeChunks(int from, int to, int stride, SplitChoice choice) {
    List<int[]> chunks = Collections.synchronizedList(new ArrayList<>());
    Parallel.store(from, to, stride, (lo, hi) -> chunks.add(new int[] {lo, hi}), choice);
    chunks.sort((a, b) -> Integer.compare(a[0], b[0]));
    return chunks;
  }

  @Test
  void chunksCoverTheRangeAndStartOnVisitedIndexes() {
    Parallel.setMinElements(4);
    for (int stride = 1; stride <= 3; stride++) {
      for (int[] range : new int[][] {{0, 100}, {5, 6}, {7, 1003}, {3, 3 + 3 * 41}}) {
        int n = range[1] - range[0];
        List<int[]> chunks = storeChunks(range[0], range[1], stride, decided(n, true));
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
    int small = Parallel.DEFAULT_MIN_ELEMENTS - 1;
    assertEquals(1, storeChunks(0, small, 1, decided(small, true)).size());
    int large = 4 * Parallel.DEFAULT_MIN_ELEMENTS;
    assertTrue(storeChunks(0, large, 1, decided(large, true)).size() > 1);
  }

  @Test
  void anExactPassKeptOnOneThreadRunsTheWholeRangeAsOneChunk() {
    int n = 4 * Parallel.DEFAULT_MIN_ELEMENTS;
    List<int[]> chunks = storeChunks(3, 3 + n, 1, decided(n, false));
    assertEquals(1, chunks.size());
    assertEquals(3, chunks.get(0)[0]);
    assertEquals(3 + n, chunks.get(0)[1]);
    long sum = Parallel.foldLongs(0, n, 1, Parallel.ADD, (lo, hi) -> (long) hi * hi - (long) lo * lo,
        decided(n, false));
    assertEquals((long) n * n, sum);
  }

  @Test
  void aFloatingPointFoldIsCutAlikeOnOneThreadAndSplit() {
    Parallel.setMinElements(4);
    int n = 1000;
    double[] terms = new double[n];
    for (int i = 0; i < n; i++) {
      // Terms of very different sizes: a sum of them depends on where the range is cut.
      terms[i] = (i % 7 == 0 ? 1e16 : 1.0) * (i % 2 == 0 ? 1 : -0.999);
    }
    List<List<String>> cuts = new ArrayList<>();
    List<Double> sums = new ArrayList<>();
    for (boolean split : new boolean[] {false, true}) {
      List<String> cut = Collections.synchronizedList(new ArrayList<>());
      sums.add(Parallel.foldDoubles(0, n, 1, Parallel.ADD, (lo, hi) -> {
        cut.add(lo + ".." + hi);
        double s = 0;
        for (int i = lo; i < hi; i++) {
          s += terms[i];
        }
        return s;
      }, decided(n, split)));
      Collections.sort(cut);
      cuts.add(cut);
    }
    assertTrue(cuts.get(0).size() > 1, cuts.toString());
    assertEquals(cuts.get(0), cuts.get(1));
    assertEquals(Double.doubleToRawLongBits(sums.get(0)), Double.doubleToRawLongBits(sums.get(1)));
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
    }, decided(1000, true));
    assertEquals(31L * 999 * 1000 / 2, got);
    int min = Parallel.foldInts(0, 1000, 1, Parallel.MIN, (lo, hi) -> 1000 - hi,
        decided(1000, true));
    assertEquals(0, min);
    double max = Parallel.foldDoubles(0, 64, 2, Parallel.MAX, (lo, hi) -> lo == 0 ? -0.0 : 0.0,
        decided(64, true));
    // Math.max(-0.0, 0.0) is 0.0 in either order.
    assertEquals(0.0, max);
    assertEquals(1.0 / 0.0, 1.0 / max);
  }

  @Test
  void aLoopsChoicesAreKeptDescribedAndForgotten() {
    SplitChoice choice = Parallel.choice(900_001, 1);
    assertEquals(choice, Parallel.choice(900_001, 1));
    assertEquals(null, Parallel.describe(900_001));
    int n = 1 << 20;
    for (int run = 0; run < 2 * SplitChoice.TRIALS; run++) {
      boolean split = (choice.next(n) & SplitChoice.SPLIT) != 0;
      choice.record(n, split, split ? n : 2L * n);
    }
    assertEquals("runs of 1,048,576 to 2,097,151 elements split across threads (2.00x one"
        + " thread's speed)", Parallel.describe(900_001));
    Parallel.forget(900_001);
    assertEquals(null, Parallel.describe(900_001));
    assertTrue(Parallel.choice(-1, 0) != Parallel.choice(-1, 0), "a loopless kernel's is new");
  }
}
