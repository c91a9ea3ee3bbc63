package dev.hotloop.bench;

/**
 * A row family of the results table: one loop of {@link SumLoops}, the {@link SumBenchmark}
 * method that times it (plain and with the agent), and the {@link HandVectorSumBenchmark} method
 * it is compared with, with a note where that comparison is not one of identical code.
 */
enum ComparedLoop {
  LONG_SUM("longSum", "longSum", ""),
  INT_SUM("intSum", "intSum", ""),
  LONG_SUM_BOXED("longSumBoxed", "longSum",
      "the hand column is the unboxed `longSum` kernel: unboxed, that is the best form of this"
          + " loop, and what the agent's kernel does"),
  DOUBLE_SUM("doubleSum", "doubleSumReassociated",
      "the hand column is the *reassociated* vector sum, which Java's strict order forbids;"
          + " without `fastmath` the agent keeps this loop as it is (a kernel in strict order"
          + " could only repeat C2's code), so it cannot reach this yardstick by design"),
  DOUBLE_SUM_FASTMATH("doubleSumFastmath", "doubleSumReassociated",
      "the hand column is the reassociated vector sum, the reordering `fastmath` allows");

  private final String loop;
  private final String handKernel;
  private final String note;

  ComparedLoop(String loop, String handKernel, String note) {
    this.loop = loop;
    this.handKernel = handKernel;
    this.note = note;
  }

  /** The method's name in {@link SumLoops} and {@link SumBenchmark}. */
  String loop() {
    return loop;
  }

  /** The method's name in {@link HandVectorSumBenchmark}. */
  String handKernel() {
    return handKernel;
  }

  /** What the reader must know about the hand column of this loop; empty when nothing. */
  String note() {
    return note;
  }
}
