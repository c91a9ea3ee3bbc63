package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.hotloop.it.apps.PrefixSumApp;
import dev.hotloop.it.jvm.AppClasspath;
import dev.hotloop.it.jvm.HotRun;
import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmCommand;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.OncePerJdk;
import dev.hotloop.it.jvm.RunFolder;
import dev.hotloop.it.report.HotloopReport;
import dev.hotloop.it.report.ReportedLoop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that the agent never changes an exception, on every JDK. Once {@link PrefixSumApp}'s
 * sums are accelerated, calls with {@code n} past the end of the array, a range that starts
 * before it, a null array (to a bound {@code n}, by for-each, in a while loop) or a null boxed
 * start throw the same exception type, with the same message, from the same line as without
 * the agent; empty ranges return what they return without it (a null boxed start stays null).
 * The report shows that those calls failed the guards and ran the original loop.
 */
class GuardFailureTest {

  private static final List<String> SUMS = List.of("sumPrefix", "sumRange", "sumAll",
      "sumWhile", "sumFrom");

  /** The call whose exception has a test of its own, disabled while the agent gets it wrong. */
  private static final String WHILE_NULL = "sumWhile(null) ";

  private static final OncePerJdk<JvmResult> WITH_AGENT = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(GuardFailureTest.class, "with-agent", jdk);
    folder.write("sums.conf", "dev.hotloop.it.apps.PrefixSumApp::sum*\n");
    JvmCommand app = JvmCommand.mainClass(jdk, PrefixSumApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withAgent("config=sums.conf," + HotRun.HOT_AT_ONCE);
    return HotRun.of(PrefixSumApp.class, SUMS).run(app, folder);
  });

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void withoutTheAgentTheAppReachesEveryFailureItTests(Jdk jdk) {
    // The reference itself: the app does reach every failure it means to test.
    JvmResult without = WithoutAgent.PREFIX_SUM_APP.get(jdk);
    String out = without.stdout();
    assertTrue(out.contains("sumPrefix(values, length + 1) threw"
        + " java.lang.ArrayIndexOutOfBoundsException: Index 4099 out of bounds for length 4099"
        + " at dev.hotloop.it.apps.PrefixSumApp.sumPrefix(PrefixSumApp.java:"), out);
    assertTrue(out.contains("sumPrefix(null, 5) threw java.lang.NullPointerException: "), out);
    assertTrue(out.contains("sumRange(values, -1, 10) threw"
        + " java.lang.ArrayIndexOutOfBoundsException: Index -1 out of bounds for length 4099"),
        out);
    assertTrue(out.contains("sumAll(null) threw java.lang.NullPointerException: "), out);
    assertTrue(out.contains(WHILE_NULL + "threw java.lang.NullPointerException: "), out);
    assertTrue(out.contains("sumFrom(null, values) threw java.lang.NullPointerException: "), out);
    assertTrue(out.contains("sumFrom(null, empty) returned null"), out);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void everyCallReturnsOrThrowsExactlyAsWithoutTheAgent(Jdk jdk) {
    JvmResult with = WITH_AGENT.get(jdk);
    assertEquals(0, with.exitCode(), with::describe);
    assertEquals(linesBut(WithoutAgent.PREFIX_SUM_APP.get(jdk), WHILE_NULL),
        linesBut(with, WHILE_NULL), with::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void nullArrayInAWhileLoopThrowsFromTheLoopTestsLine(Jdk jdk) {
    JvmResult with = WITH_AGENT.get(jdk);
    assertEquals(onlyLine(WithoutAgent.PREFIX_SUM_APP.get(jdk), WHILE_NULL),
        onlyLine(with, WHILE_NULL), with::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void failingCallsWereMadeToAcceleratedMethodsAndFailedTheirGuards(Jdk jdk) {
    JvmResult run = WITH_AGENT.get(jdk);
    HotloopReport report = run.report();
    for (String sum : SUMS) {
      ReportedLoop loop = report.loopOf(PrefixSumApp.class.getName() + "." + sum + "(");
      assertEquals("accelerated", loop.state(), () -> sum + "\n" + run.describe());
      assertTrue(loop.counts().kernelRuns() > 0, () -> sum + "\n" + run.describe());
    }
    // n past the end twice and a null array with n > 0.
    ReportedLoop prefix = report.loopOf(PrefixSumApp.class.getName() + ".sumPrefix(");
    assertTrue(prefix.counts().guardFailures() >= 3, report::text);
    // A range that starts before the array.
    ReportedLoop range = report.loopOf(PrefixSumApp.class.getName() + ".sumRange(");
    assertTrue(range.counts().guardFailures() >= 1, report::text);
    // A null boxed start with a non-empty array.
    ReportedLoop from = report.loopOf(PrefixSumApp.class.getName() + ".sumFrom(");
    assertTrue(from.counts().guardFailures() >= 1, report::text);
  }

  private static List<String> linesBut(JvmResult run, String prefix) {
    return run.stdoutLines().stream().filter(l -> !l.startsWith(prefix)).toList();
  }

  private static String onlyLine(JvmResult run, String prefix) {
    List<String> lines = run.stdoutLines().stream().filter(l -> l.startsWith(prefix)).toList();
    assertEquals(1, lines.size(), run::describe);
    return lines.get(0);
  }
}
