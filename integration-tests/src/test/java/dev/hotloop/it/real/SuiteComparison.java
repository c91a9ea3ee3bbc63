package dev.hotloop.it.real;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.RunFolder;
import dev.hotloop.it.report.HotloopReport;

/**
 * A real library's suite run on one JDK without the agent and with it: what the tests assert
 * about, and the figures of {@code docs/real-libraries.md}, which {@link #figures()} writes out
 * as text.
 */
public record SuiteComparison(RealLibrary library, Jdk jdk, SuiteRun without, SuiteRun with) {

  /** How many kinds of rejection the figures list. */
  private static final int TOP_REJECTIONS = 10;

  /** Runs {@code library}'s suite on {@code jdk} without the agent, then with it. */
  public static SuiteComparison run(Class<?> test, RealLibrary library, Jdk jdk) {
    SuiteRun without = SuiteRun.withoutAgent(library, jdk,
        RunFolder.create(test, library.folderName() + "-without-agent", jdk));
    SuiteRun with = SuiteRun.withAgent(library, jdk,
        RunFolder.create(test, library.folderName() + "-with-agent", jdk));
    return new SuiteComparison(library, jdk, without, with);
  }

  /** The agent's report of the run with it. */
  public HotloopReport report() {
    return with.report().orElseThrow(() -> new AssertionError("no hotloop report in "
        + SuiteRun.REPORT_FILE + "\n" + SuiteRun.describe(with.result())));
  }

  /** The census of every loop the agent saw: the library's, its tests', JUnit's... */
  public LoopCensus allLoops() {
    return LoopCensus.of(report());
  }

  /** The census of the loops of the library's own package, main and test code. */
  public LoopCensus libraryLoops() {
    return LoopCensus.of(report(), library.packagePrefix());
  }

  /** The figures, as text for a person: tests on both sides, loops, top rejection reasons. */
  public String figures() {
    LoopCensus all = allLoops();
    LoopCensus own = libraryLoops();
    List<String> differences = without.outcomes().differencesWith(with.outcomes());
    StringBuilder text = new StringBuilder();
    text.append(library).append(' ').append(library.version()).append(" (")
        .append(library.coordinates()).append("), ").append(jdk).append('\n');
    text.append("  tests without the agent: ").append(tests(without)).append(", ")
        .append(without.result().elapsed().toSeconds()).append(" s\n");
    text.append("  tests with the agent:    ").append(tests(with)).append(", ")
        .append(with.result().elapsed().toSeconds()).append(" s\n");
    text.append("  test cases that ended differently: ").append(differences.size()).append('\n');
    text.append("  loops, all code:            ").append(loops(all)).append('\n');
    text.append("  loops, ").append(library.packagePrefix()).append("*: ").append(loops(own))
        .append('\n');
    text.append("  top rejection reasons, ").append(library.packagePrefix()).append("*:\n");
    own.topRejections(TOP_REJECTIONS).forEach((kind, count) ->
        text.append(String.format("    %4d  %s%n", count, kind)));
    return text.toString();
  }

  private static String tests(SuiteRun run) {
    TestOutcomes o = run.outcomes();
    return o.total() + " (" + o.counts().entrySet().stream()
        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase())
        .collect(Collectors.joining(", ")) + ")";
  }

  private static String loops(LoopCensus census) {
    return census.seen() + " seen (" + census.byState().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", ")) + "), kernels ran for " + census.kernelsRan();
  }
}
