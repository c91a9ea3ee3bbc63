package dev.hotloop.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * The trial by which a parallel pass chooses, per size class, between one thread and several:
 * fed made-up timings, never the clock, so that what it decides is what the rule says.
 */
class SplitChoiceTest {

  private static final int N = 300_000;

  /** Runs a whole trial for runs of {@code n}, one thread taking {@code one} ns, split ones {@code split}. */
  private static void trial(SplitChoice choice, int n, long one, long split) {
    for (int run = 0; run < 2 * SplitChoice.TRIALS; run++) {
      int how = choice.next(n);
      assertEquals(SplitChoice.TIMED, how & SplitChoice.TIMED, "a trial run is timed");
      assertEquals(run & 1, how & SplitChoice.SPLIT, "a trial alternates, one thread first");
      boolean splitRun = (how & SplitChoice.SPLIT) != 0;
      choice.record(n, splitRun, splitRun ? split : one);
    }
  }

  @Test
  void splitsWhereSplitRunsTakeAtMostNinetyPercentOfOneThreadsTime() {
    SplitChoice choice = new SplitChoice();
    trial(choice, N, 1_000_000, 900_000);
    assertEquals(SplitChoice.SPLIT, choice.next(N));
    assertEquals("runs of 262,144 to 524,287 elements split across threads (1.11x one thread's"
        + " speed)", choice.describe());
  }

  @Test
  void staysOnOneThreadWhereSplittingGainsLess() {
    SplitChoice choice = new SplitChoice();
    trial(choice, N, 1_000_000, 910_000);
    assertEquals(0, choice.next(N));
    assertEquals("runs of 262,144 to 524,287 elements on one thread (split: 1.10x its speed)",
        choice.describe());
  }

  @Test
  void theBestRunOfEachWayCountsPerElement() {
    SplitChoice choice = new SplitChoice();
    for (int run = 0; run < 2 * SplitChoice.TRIALS; run++) {
      boolean split = (choice.next(N) & SplitChoice.SPLIT) != 0;
      // The first split run is slow (the pool's threads waking up), the rest twice as fast as
      // one thread; one run of each is longer, within the same size class.
      long one = run == 2 ? 2L * (N + 1000) : 2L * N;
      long splitTime = run == 1 ? 50L * N : run == 3 ? N + 1000 : N;
      choice.record(run == 2 || run == 3 ? N + 1000 : N, split, split ? splitTime : one);
    }
    assertEquals(SplitChoice.SPLIT, choice.next(N));
  }

  @Test
  void sizeClassesChooseApart() {
    SplitChoice choice = new SplitChoice();
    trial(choice, 1 << 20, 1_000_000, 400_000);
    assertEquals(SplitChoice.SPLIT, choice.next(1 << 20));
    assertEquals(SplitChoice.SPLIT, choice.next((1 << 21) - 1));
    assertEquals(SplitChoice.TIMED, choice.next(1 << 19), "another class is still on trial");
    assertEquals(SplitChoice.TIMED, choice.next(1 << 21));
  }

  @Test
  void aDecidedClassIsTriedAgainAfterItsRetryRuns() {
    SplitChoice choice = new SplitChoice();
    trial(choice, N, 1_000_000, 400_000);
    for (int run = 1; run < SplitChoice.RETRY_RUNS; run++) {
      assertEquals(SplitChoice.SPLIT, choice.next(N));
    }
    assertEquals(SplitChoice.TIMED, choice.next(N));
    // The second trial finds the other core busy: one thread from then on.
    trial(choice, N, 1_000_000, 1_200_000);
    assertEquals(0, choice.next(N));
  }

  @Test
  void resetForgetsEveryChoice() {
    SplitChoice choice = new SplitChoice();
    trial(choice, N, 1_000_000, 400_000);
    choice.reset();
    assertNull(choice.describe());
    assertEquals(SplitChoice.TIMED, choice.next(N));
  }
}
