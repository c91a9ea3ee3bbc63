package dev.hotloop.bench;

import java.util.SplittableRandom;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The matrices and vectors of the {@link RowLoops} benchmarks, plain and hand-written alike,
 * filled once per trial from a fixed seed, with the expected outputs computed at set-up by code
 * the agent never rewrites.
 *
 * <p>Each matrix is square, {@link #n} x {@link #n} with {@code n = round(sqrt(size))}, so that
 * it holds about {@code size} elements and the size column means what it means for the other
 * families: 1,000 is a 32 x 32 matrix (1,024 elements), 10,000 a 100 x 100 one and 1,000,000 a
 * 1,000 x 1,000 one. Every row is an array of its own, as {@code new long[n][n]} makes them. The
 * vectors have {@code n} elements. The outputs are fields of this state, reachable after every
 * call, so their stores cannot be removed as dead. Every row and every vector starts a cache line
 * ({@link CacheLineAligned}).
 */
@State(Scope.Benchmark)
public class RowArrays {

  /**
   * About the number of elements of each matrix, which is {@link #n} x {@link #n} with {@code n =
   * round(sqrt(size))}.
   */
  @Param({"100", "1000", "10000", "1000000"})
  public int size;

  /** The number of rows and of columns of every matrix. */
  int n;

  long[][] longsM;
  long[] longsX;
  long[] longsY;
  double[][] doublesM;
  double[] doublesX;
  double[] doublesY;
  int[][] intsM;
  int[] intsOut;

  long[] expectedLongMatVec;
  double[] expectedDoubleMatVec;
  int[] expectedColumnSums;

  /** Fills the inputs and computes the expected outputs, the {@code double}s in strict order. */
  @Setup(Level.Trial)
  public void fill() {
    SplittableRandom random = new SplittableRandom(0x5eed_6001L);
    n = Math.max(1, (int) Math.round(Math.sqrt(size)));
    longsM = new long[n][n];
    longsX = new long[n];
    longsY = new long[n];
    doublesM = new double[n][n];
    doublesX = new double[n];
    doublesY = new double[n];
    intsM = new int[n][n];
    intsOut = new int[n];
    for (int c = 0; c < n; c++) {
      longsX[c] = random.nextLong();
      doublesX[c] = random.nextDouble();
    }
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        longsM[r][c] = random.nextLong();
        // in [0, 1), like the vector: no cancellation, so a reassociated sum stays close
        doublesM[r][c] = random.nextDouble();
        intsM[r][c] = random.nextInt();
      }
    }
    expectedLongMatVec = new long[n];
    expectedDoubleMatVec = new double[n];
    expectedColumnSums = new int[n];
    for (int r = 0; r < n; r++) {
      long longDot = 0;
      double doubleDot = 0;
      for (int c = 0; c < n; c++) {
        longDot += longsM[r][c] * longsX[c];
        doubleDot += doublesM[r][c] * doublesX[c];
        expectedColumnSums[c] += intsM[r][c];
      }
      expectedLongMatVec[r] = longDot;
      expectedDoubleMatVec[r] = doubleDot;
    }
    align();
  }

  /**
   * Puts back on a cache line, as a copy with the same contents, any row or vector the loops
   * read or write that a garbage collection moved off one: before every iteration, and after
   * {@link #fill}. See {@link CacheLineAligned}. The matrices' outer arrays, which only hold the
   * rows, stay as they are.
   */
  @Setup(Level.Iteration)
  public void align() {
    alignRows(longsM);
    longsX = CacheLineAligned.realign(longsX);
    longsY = CacheLineAligned.realign(longsY);
    alignRows(doublesM);
    doublesX = CacheLineAligned.realign(doublesX);
    doublesY = CacheLineAligned.realign(doublesY);
    alignRows(intsM);
    intsOut = CacheLineAligned.realign(intsOut);
  }

  private static <R> void alignRows(R[] rows) {
    for (int r = 0; r < rows.length; r++) {
      rows[r] = CacheLineAligned.realign(rows[r]);
    }
  }
}
