package dev.hotloop.agent.registry;

import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.analyzer.plan.LoopSite;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.OriginalLoop;

/**
 * One loop the agent considered, and what became of it. The plan or rejection never changes; the
 * state, the kernel and the detail do, and are read by the report from any thread.
 */
public final class LoopRecord {

  private final int id;
  private final LoopSite site;
  private final LoopPlan plan;
  private final String rejection;
  private final LoopEvents events;
  private volatile LoopState state;
  private volatile String detail;
  private volatile Kernel kernel;
  private volatile long warmupMillis = -1;
  private volatile String warmupTiming;
  /** The loop's kernel runs and guard failures when it was switched to its kernel. */
  private volatile long kernelRunsBefore;
  private volatile long guardFailuresBefore;
  private volatile String comparison;
  private volatile OriginalLoop original;

  private LoopRecord(int id, LoopSite site, LoopPlan plan, String rejection, LoopState state,
      LoopEvents events) {
    this.id = id;
    this.site = site;
    this.plan = plan;
    this.rejection = rejection;
    this.state = state;
    this.events = events;
  }

  static LoopRecord planned(int id, LoopPlan plan, LoopEvents events) {
    return new LoopRecord(id, plan.site(), plan, null, LoopState.COLD, events);
  }

  static LoopRecord kept(LoopPlan plan, String reason, LoopEvents events) {
    LoopRecord record = new LoopRecord(-1, plan.site(), plan, null, LoopState.KEPT, events);
    record.detail = reason;
    events.settled(record);
    return record;
  }

  static LoopRecord rejected(LoopSite site, String reason, LoopEvents events) {
    LoopRecord record = new LoopRecord(-1, site, null, reason, LoopState.REJECTED, events);
    events.settled(record);
    return record;
  }

  /** The loop's id in the runtime counters, or -1 for a rejected loop. */
  public int id() {
    return id;
  }

  public LoopSite site() {
    return site;
  }

  /** The plan, or null for a rejected loop. */
  public LoopPlan plan() {
    return plan;
  }

  /** Why the analyzer rejected the loop, or null. */
  public String rejection() {
    return rejection;
  }

  public LoopState state() {
    return state;
  }

  /** The kernel's description once accelerated, or why it failed; may be null. */
  public String detail() {
    return detail;
  }

  /**
   * The loop lifted out of its method, the yardstick its vector kernel is timed against, or
   * null before the class was analyzed for rewriting.
   */
  public OriginalLoop original() {
    return original;
  }

  /** Keeps the loop as its method's bytecode has it, lifted: see {@link #original()}. */
  public void original(OriginalLoop original) {
    this.original = original;
  }

  /** The kernel this loop runs (or was to run), or null. */
  public Kernel kernel() {
    return kernel;
  }

  /** How long the kernel took to warm, or -1. */
  public long warmupMillis() {
    return warmupMillis;
  }

  /** The kernel is built and warm; the next retransformation switches to it. */
  public void kernelReady(Kernel kernel, long warmupMillis, String warmupTiming) {
    this.kernel = kernel;
    this.warmupMillis = warmupMillis;
    this.warmupTiming = warmupTiming;
    this.detail = kernel.description();
  }

  /**
   * What the warm-up measured of the kernel against the loop's own code, in words
   * ({@code "measured at warm-up on 10 elements: ..."}), or null where it did not compare them.
   */
  public String warmupTiming() {
    return warmupTiming;
  }

  /**
   * Notes the counts at the switch to the kernel, {@code kernelRuns} and {@code guardFailures},
   * so that the share of guard failures is counted from there.
   */
  public void countFrom(long kernelRuns, long guardFailures) {
    this.kernelRunsBefore = kernelRuns;
    this.guardFailuresBefore = guardFailures;
  }

  /**
   * Runs of the loop since it was switched to its kernel: each ran the kernel or failed the
   * guards (and ran the original loop, which may have thrown).
   */
  public long runsSinceAccelerated(long kernelRuns, long guardFailures) {
    return kernelRuns - kernelRunsBefore + guardFailures - guardFailuresBefore;
  }

  /** Guard failures since it was switched to its kernel, given its {@code guardFailures}. */
  public long guardFailuresSinceAccelerated(long guardFailures) {
    return guardFailures - guardFailuresBefore;
  }

  /**
   * How the kernel compares with the original loop, timed side by side in the application, or
   * null before that is known.
   */
  public String comparison() {
    return comparison;
  }

  /** Notes how the kernel compares with the original loop so far. */
  public void compared(String comparison) {
    this.comparison = comparison;
  }

  /** Keeps the original loop for good: its kernel would be no faster; the report says why. */
  public void keep(String reason) {
    this.detail = reason;
    this.state = LoopState.KEPT;
    events.settled(this);
  }

  public void moveTo(LoopState state) {
    this.state = state;
    if (state == LoopState.ACCELERATED) {
      events.settled(this);
    }
  }

  /**
   * Switches the loop back to the original for good, on demand or because its kernel did not
   * pay: the report says why, and it is never tried again.
   */
  public void deoptimize(String reason) {
    this.detail = reason;
    this.state = LoopState.DEOPTIMIZED;
    events.settled(this);
  }

  /** Gives up on the loop for good: the original runs and the report says why. */
  public void fail(String reason) {
    this.detail = reason;
    this.state = LoopState.FAILED;
    events.settled(this);
  }
}
