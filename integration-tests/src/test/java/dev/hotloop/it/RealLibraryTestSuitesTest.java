package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.OncePerJdk;
import dev.hotloop.it.real.LoopCensus;
import dev.hotloop.it.real.RealLibrary;
import dev.hotloop.it.real.SuiteComparison;
import dev.hotloop.it.real.TestOutcome;
import dev.hotloop.it.real.TestOutcomes;
import dev.hotloop.it.report.ReportedLoop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the agent exact on code nobody here wrote: each selected {@link RealLibrary}'s own
 * test suite runs on every JDK without the agent and with it (no config file, so every method
 * is eligible, and thresholds low enough that loops turn hot during the suite), and every test
 * case must end the same way. The figures of each comparison (tests, loops by state, the most
 * frequent rejection reasons) are printed and written beside the runs, as
 * {@code figures.txt} in the folder of the run with the agent
 * ({@code target/it-runs/RealLibraryTestSuitesTest/<library>-with-agent-jdk<N>}); they are the
 * figures of {@code docs/real-libraries.md}.
 */
class RealLibraryTestSuitesTest {

  private static final Map<RealLibrary, OncePerJdk<SuiteComparison>> RUNS =
      new EnumMap<>(RealLibrary.class);

  private static synchronized SuiteComparison comparison(RealLibrary library, Jdk jdk) {
    return RUNS.computeIfAbsent(library, l -> new OncePerJdk<>(j -> {
      SuiteComparison comparison = SuiteComparison.run(RealLibraryTestSuitesTest.class, l, j);
      if (comparison.with().report().isPresent()) {
        String figures = comparison.figures();
        System.out.print(figures);
        comparison.with().result().folder().write("figures.txt", figures);
      }
      return comparison;
    })).get(jdk);
  }

  /** Every selected library on every JDK. */
  static Stream<Arguments> suites() {
    return RealLibrary.selected().stream()
        .flatMap(library -> Jdk.installed().stream().map(jdk -> Arguments.of(library, jdk)));
  }

  /** The suites of the libraries some of whose loops the agent gives a kernel today. */
  static Stream<Arguments> suitesThatGetKernels() {
    return suites().filter(a -> ((RealLibrary) a.get()[0]).getsKernels());
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("suites")
  void everyTestCaseEndsAsItDoesWithoutTheAgent(RealLibrary library, Jdk jdk) {
    SuiteComparison c = comparison(library, jdk);
    List<String> differences = c.without().outcomes().differencesWith(c.with().outcomes());
    assertTrue(differences.isEmpty(), () -> differences.size() + " test cases of " + library
        + " ended differently with the agent:\n  "
        + String.join("\n  ", differences.subList(0, Math.min(50, differences.size())))
        + "\nwithout: " + c.without().result().folder().path()
        + "\nwith:    " + c.with().result().folder().path());
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("suites")
  void theSuiteRanItsTestsAndExitedAsWithoutTheAgent(RealLibrary library, Jdk jdk) {
    SuiteComparison c = comparison(library, jdk);
    TestOutcomes without = c.without().outcomes();
    // A suite that could not start (a missing dependency) would agree with itself on nothing.
    assertTrue(without.count(TestOutcome.PASSED) > 0, () -> c.without().result().describe());
    assertEquals(c.without().result().exitCode(), c.with().result().exitCode(),
        () -> c.with().result().describe());
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("suites")
  void theAgentReportedTheLibrarysLoopsAndFailedOnNone(RealLibrary library, Jdk jdk) {
    SuiteComparison c = comparison(library, jdk);
    LoopCensus own = c.libraryLoops();
    assertTrue(own.seen() > 0, () -> c.report().text());
    for (ReportedLoop loop : c.report().loops()) {
      assertFalse(loop.state().equals("failed"), () -> loop + "\n" + c.report().text());
      if (loop.state().equals("rejected")) {
        assertFalse(loop.description().isBlank(), () -> loop + "\n" + c.report().text());
      }
    }
  }

  @ParameterizedTest(name = "{0} on {1}", allowZeroInvocations = true)
  @MethodSource("suitesThatGetKernels")
  void theAgentChoseKernelsForSomeOfTheLibrarysOwnLoops(RealLibrary library, Jdk jdk) {
    SuiteComparison c = comparison(library, jdk);
    LoopCensus own = c.libraryLoops();
    // Accelerated, or still warming its kernel when the suite ended: how many calls ran the
    // kernel depends on how soon its warm-up ends, so on the machine's load, and is only
    // printed (kernels ran for N loops); which loops get a kernel does not.
    assertTrue(own.count("accelerated") + own.count("warming") > 0,
        () -> c.figures() + "\n" + c.report().text());
  }
}
