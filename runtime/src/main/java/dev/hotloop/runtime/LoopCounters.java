package dev.hotloop.runtime;

/**
 * The counts of one loop, which its probes bump: entries, trips, runs of its kernel and of its
 * original loop after a guard failed, and the runs left until its next timed run. Made once, at
 * the loop's registration, and never replaced; an accelerated loop's kernel class holds it in a
 * {@code static final} field, so that to C2 it is a constant.
 *
 * <p>Fields, not elements of a {@code long[]}: C2 gives each field its own alias class, so it
 * knows that a probe's increments never write the application's {@code long[]}s, and need not
 * order them against a {@code long} loop's loads and stores (a matrix-vector product counts
 * once per row). No difference was measured in the benchmarks; it is the one layout of the
 * counts that cannot cost the loops that carry them.
 */
public final class LoopCounters {

  long entries;
  long trips;
  long kernelRuns;
  long shadowRuns;
  long untilSample;

  // Keeps the counts of two loops, which different threads may bump at once, off one cache
  // line: the counters of the loop registered next are allocated after these.
  @SuppressWarnings("unused")
  private long pad0;
  @SuppressWarnings("unused")
  private long pad1;
  @SuppressWarnings("unused")
  private long pad2;
  @SuppressWarnings("unused")
  private long pad3;
  @SuppressWarnings("unused")
  private long pad4;
  @SuppressWarnings("unused")
  private long pad5;
  @SuppressWarnings("unused")
  private long pad6;
  @SuppressWarnings("unused")
  private long pad7;
  @SuppressWarnings("unused")
  private long pad8;
  @SuppressWarnings("unused")
  private long pad9;
  @SuppressWarnings("unused")
  private long pad10;

  LoopCounters(long untilSample) {
    this.untilSample = untilSample;
  }

  /** The counts as they stand; racy reads, as every reader of counts is. */
  public Probes.LoopCounts counts() {
    return new Probes.LoopCounts(entries, trips, kernelRuns, shadowRuns);
  }
}
