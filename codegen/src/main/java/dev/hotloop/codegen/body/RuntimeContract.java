package dev.hotloop.codegen.body;

import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.codegen.kernel.Kernel;

/**
 * The static methods of the agent's runtime that rewritten methods call. The runtime class
 * lives on the bootstrap class path, so code in any class loader can link against it; the agent
 * checks at start-up that it has every method named here.
 */
public final class RuntimeContract {

  /** Internal name of the class holding the probes. */
  public static final String PROBES = "dev/hotloop/runtime/Probes";

  /** {@code void enter(int methodId)}: a call of a profiled or accelerated method. */
  public static final String ENTER = "enter";
  public static final String ENTER_DESC = "(I)V";

  /** {@code void loop(int loopId, int from, int to)}: a profiled loop is about to run. */
  public static final String LOOP = "loop";
  public static final String LOOP_DESC = "(III)V";

  /**
   * {@code void loopOver(int loopId, int from, T[] array)}: a profiled loop bounded by
   * {@code array.length} is about to run; the array may be null.
   */
  public static final String LOOP_OVER = "loopOver";

  /** Internal name of the class of a loop's counters. */
  public static final String LOOP_COUNTERS = "dev/hotloop/runtime/LoopCounters";
  /** Descriptor of {@link #LOOP_COUNTERS}. */
  public static final String LOOP_COUNTERS_DESC = "L" + LOOP_COUNTERS + ";";

  /**
   * {@code long kernel(LoopCounters counters, int loopId, int from, int to)}: the guards held.
   * Returns 0 (the kernel runs), a clock reading (the kernel runs, timed), or a negated one (the
   * original loop runs, timed). {@code counters} are the loop's counters, which the rewritten
   * method reads from its kernel class's {@link #COUNTERS_FIELD}.
   */
  public static final String KERNEL = "kernel";
  public static final String KERNEL_DESC = "(" + LOOP_COUNTERS_DESC + "III)J";

  /**
   * {@code void kernelUntimed(LoopCounters counters, int from, int to)}: the guards held for a run of
   * fewer than {@link LoopRewrite.Accelerate#timedFrom} iterations, which the kernel runs
   * untimed.
   */
  public static final String KERNEL_UNTIMED = "kernelUntimed";
  public static final String KERNEL_UNTIMED_DESC = "(" + LOOP_COUNTERS_DESC + "II)V";

  /**
   * The fewest iterations of a run that the agent's rewritten loops may time: a fast kernel
   * takes some 150 ns on 4,096 {@code int}s, against some 50 ns for two clock readings and the
   * call they need; shorter runs are counted only.
   */
  public static final int TIMED_RUN_ITERATIONS = 4096;

  /** {@code LoopCounters counters(int loopId)}: the counters a kernel class keeps. */
  public static final String COUNTERS = "counters";
  public static final String COUNTERS_DESC = "(I)" + LOOP_COUNTERS_DESC;

  /**
   * {@code public static final LoopCounters COUNTERS} of every kernel class: its loop's
   * counters, a constant to C2, so that the probe before the kernel costs a few increments.
   */
  public static final String COUNTERS_FIELD = Kernel.COUNTERS_FIELD;

  /** {@code void kernelEnd(int loopId, long stamp)}: the kernel ran. */
  public static final String KERNEL_END = "kernelEnd";
  public static final String KERNEL_END_DESC = "(IJ)V";

  /**
   * {@code long shadow(int loopId)}: a guard failed; the original loop runs. Returns 0 or a
   * clock reading.
   */
  public static final String SHADOW = "shadow";
  public static final String SHADOW_DESC = "(I)J";

  /**
   * {@code void loopExit(int loopId, long stamp)}: the original loop of an accelerated loop
   * ended.
   */
  public static final String LOOP_EXIT = "loopExit";
  public static final String LOOP_EXIT_DESC = "(IJ)V";

  private RuntimeContract() {
  }

  /** Descriptor of {@link #LOOP_OVER} for arrays of {@code type}. */
  public static String loopOverDescriptor(ElementType type) {
    return "(II" + type.arrayType().getDescriptor() + ")V";
  }
}
