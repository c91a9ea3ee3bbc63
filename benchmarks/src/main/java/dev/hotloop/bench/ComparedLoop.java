package dev.hotloop.bench;

/**
 * A row of the results table: one loop of a {@link LoopFamily}'s loops class, the method of the
 * family's benchmark class that times it (plain and with the agent, same name as the loop), and
 * the method of the family's hand-written benchmark class it is compared with, with a note where
 * that comparison is not one of identical code. Loop names are unique across families, since
 * {@code --include} selects by name.
 */
enum ComparedLoop {
  LONG_SUM(LoopFamily.SUMS, "longSum", "longSum", ""),
  INT_SUM(LoopFamily.SUMS, "intSum", "intSum", ""),
  LONG_SUM_BOXED(LoopFamily.SUMS, "longSumBoxed", "longSum",
      "the hand column is the unboxed `longSum` kernel: unboxed, that is the best form of this"
          + " loop, and what the agent's kernel does"),
  LONG_SUM_BOXED_RESULT(LoopFamily.SUMS, "longSumBoxedResult", "longSum",
      "`longSumBoxed`'s loop with a primitive accumulator, returning a `Long` as it does: the"
          + " yardstick of the boxed loop; the hand column is the `longSum` kernel"),
  DOUBLE_SUM(LoopFamily.SUMS, "doubleSum", "doubleSumReassociated",
      "the hand column is the *reassociated* vector sum, which Java's strict order forbids;"
          + " without `fastmath` the agent keeps this loop as it is (a kernel in strict order"
          + " could only repeat C2's code), so it cannot reach this yardstick by design",
      false),
  DOUBLE_SUM_FASTMATH(LoopFamily.SUMS, "doubleSumFastmath", "doubleSumReassociated",
      "the hand column is the reassociated vector sum, the reordering `fastmath` allows"),

  INT_DOT(LoopFamily.REDUCTIONS, "intDot", "intDot", ""),
  DOUBLE_DOT_FASTMATH(LoopFamily.REDUCTIONS, "doubleDotFastmath", "doubleDotFused",
      "the hand column multiplies and adds in one fused step (`fma`, one rounding per term) in"
          + " reassociated lanes, what a programmer allowed `fastmath` writes, and what the"
          + " agent's kernel does under `fastmath`"),

  COUNT_ABOVE(LoopFamily.CONDITIONAL_REDUCTIONS, "countAbove", "countAbove", ""),
  INT_MAX_IF(LoopFamily.CONDITIONAL_REDUCTIONS, "intMaxIf", "intMax", ""),

  FLOAT_AXPY(LoopFamily.MAPS, "floatAxpy", "floatAxpy", ""),
  INT_ADD(LoopFamily.MAPS, "intAdd", "intAdd", ""),

  INT_CLAMP_IN_PLACE(LoopFamily.CONDITIONAL_MAPS, "intClampInPlace", "intClampInPlace",
      "in place and idempotent: from the second call on no element is out of range, so the"
          + " timed calls clamp nothing (the check at the end of the trial restores the data"
          + " first)"),
  FLOAT_RELU_IN_PLACE(LoopFamily.CONDITIONAL_MAPS, "floatReluInPlace", "floatReluInPlace",
      "in place and idempotent: from the second call on no element is negative; the hand"
          + " kernel blends and stores every element (writing back the same value where it is"
          + " not negative), while the agent, like the loop, must write only the negative ones:"
          + " a masked store"),
  FLOAT_RELU(LoopFamily.CONDITIONAL_MAPS, "floatRelu", "floatRelu", ""),

  LONG_MAT_VEC(LoopFamily.ROWS, "longMatVec", "longMatVec", ""),
  DOUBLE_MAT_VEC_FASTMATH(LoopFamily.ROWS, "doubleMatVecFastmath", "doubleMatVecFused",
      "as `doubleDotFastmath`'s, per row: the hand column multiplies and adds in one fused step"
          + " (`fma`) in reassociated lanes, as the agent's kernel does under `fastmath`"),
  INT_COLUMN_SUMS(LoopFamily.ROWS, "intColumnSums", "intColumnSums", "");

  private final LoopFamily family;
  private final String loop;
  private final String handKernel;
  private final String note;
  private final boolean expectsKernel;

  ComparedLoop(LoopFamily family, String loop, String handKernel, String note) {
    this(family, loop, handKernel, note, true);
  }

  ComparedLoop(LoopFamily family, String loop, String handKernel, String note,
      boolean expectsKernel) {
    this.family = family;
    this.loop = loop;
    this.handKernel = handKernel;
    this.note = note;
    this.expectsKernel = expectsKernel;
  }

  /** The family, which names the classes of the loop, its benchmark and its hand kernel. */
  LoopFamily family() {
    return family;
  }

  /** The method's name in the family's loops class and benchmark class. */
  String loop() {
    return loop;
  }

  /** The method's name in the family's hand-written benchmark class. */
  String handKernel() {
    return handKernel;
  }

  /** What the reader must know about the hand column of this loop; empty when nothing. */
  String note() {
    return note;
  }

  /**
   * Whether the agent should end on its kernel for this loop; false where it keeps the loop by
   * design ({@code doubleSum}: strict order, no {@code fastmath}), so that the run warns only
   * about the loops the agent should have accelerated and did not.
   */
  boolean expectsKernel() {
    return expectsKernel;
  }
}
