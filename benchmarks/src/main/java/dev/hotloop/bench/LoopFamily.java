package dev.hotloop.bench;

/**
 * A family of loops, one group of rows of the results table: the class of loops written as an
 * application would write them (the only class of the family the agent may rewrite), the JMH
 * class that times them (plain and with the agent), and the JMH class of hand-written Vector API
 * kernels they are compared with.
 *
 * <p>Adding a family takes a constant here, its four classes (for the nested rows: {@link
 * RowLoops}, the state {@link RowArrays}, {@link RowBenchmark} and {@link
 * HandVectorRowBenchmark}) and its rows in {@link ComparedLoop}. {@link
 * BenchMain}, {@link ResultTable} and {@link AgentReportCollector} work from these names alone,
 * and {@code hotloop-bench.conf} selects every {@code dev.hotloop.bench.*Loops} class.
 */
enum LoopFamily {
  SUMS("sums", "Sums", SumLoops.class, SumBenchmark.class, HandVectorSumBenchmark.class),
  REDUCTIONS("reductions", "Reductions of expressions", ReductionLoops.class,
      ReductionBenchmark.class, HandVectorReductionBenchmark.class),
  CONDITIONAL_REDUCTIONS("conditional-reductions", "Conditional reductions",
      ConditionalReductionLoops.class, ConditionalReductionBenchmark.class,
      HandVectorConditionalReductionBenchmark.class),
  MAPS("maps", "Element-wise maps", MapLoops.class, MapBenchmark.class,
      HandVectorMapBenchmark.class),
  CONDITIONAL_MAPS("conditional-maps", "Conditional maps", ConditionalMapLoops.class,
      ConditionalMapBenchmark.class, HandVectorConditionalMapBenchmark.class),
  ROWS("rows", "Nested rows", RowLoops.class, RowBenchmark.class, HandVectorRowBenchmark.class);

  private final String key;
  private final String title;
  private final Class<?> loops;
  private final Class<?> benchmark;
  private final Class<?> handBenchmark;

  LoopFamily(String key, String title, Class<?> loops, Class<?> benchmark,
      Class<?> handBenchmark) {
    this.key = key;
    this.title = title;
    this.loops = loops;
    this.benchmark = benchmark;
    this.handBenchmark = handBenchmark;
  }

  /** The family's name on the command line ({@code --include}), e.g. {@code conditional-maps}. */
  String key() {
    return key;
  }

  /** The family's heading in the table. */
  String title() {
    return title;
  }

  /** The class of the loops under test, the one whose methods the agent's report names. */
  Class<?> loops() {
    return loops;
  }

  /** The JMH class timing the loops: the plain and the hotloop column. */
  Class<?> benchmark() {
    return benchmark;
  }

  /** The JMH class timing the hand-written kernels: the hand Vector API column. */
  Class<?> handBenchmark() {
    return handBenchmark;
  }
}
