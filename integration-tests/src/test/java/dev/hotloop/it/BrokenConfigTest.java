package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import dev.hotloop.it.apps.SumApp;
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
 * Proves that a broken config never breaks the application, on every JDK. A config with bad
 * lines gets one warning per problem, naming the file, line and column as the user gave them,
 * and its valid lines still apply. A config path that cannot be read disables the agent: the
 * app runs untouched, prints what it prints without the agent and exits normally.
 */
class BrokenConfigTest {

  /** Line 3 has a slash at column 4; line 4 a zero threshold, whose '0' is at column 46. */
  private static final String BROKEN_CONFIG = """
      # only line 2 is valid
      dev.hotloop.it.apps.SumApp::sumLongs([J)J
      dev/hotloop/it/apps/SumApp::sumInts
      dev.hotloop.it.apps.SumApp::sumDoubles calls=0
      """;

  private static final OncePerJdk<JvmResult> BAD_LINES = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(BrokenConfigTest.class, "bad-lines", jdk);
    folder.write("broken.conf", BROKEN_CONFIG);
    JvmCommand app = JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withAgent("config=broken.conf," + HotRun.HOT_AT_ONCE);
    return HotRun.of(SumApp.class, List.of("sumLongs")).run(app, folder);
  });

  /**
   * Long enough that, were the agent running, the sums would turn hot and switch (that takes
   * well under a second at these thresholds).
   */
  private static final String UNREADABLE_RUN_MILLIS = "2000";

  private static final OncePerJdk<JvmResult> UNREADABLE = new OncePerJdk<>(jdk ->
      JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
          .withVectorModule()
          .withAgent("config=missing.conf," + HotRun.HOT_AT_ONCE)
          .withArgs(UNREADABLE_RUN_MILLIS)
          .run(RunFolder.create(BrokenConfigTest.class, "unreadable", jdk),
              Duration.ofSeconds(60)));

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void eachBadLineIsReportedWithFileLineAndColumn(Jdk jdk) {
    JvmResult run = BAD_LINES.get(jdk);
    List<String> warnings = run.agentLines().stream()
        .filter(l -> l.startsWith("[hotloop] WARN  config: ")).toList();
    assertEquals(List.of(
        "[hotloop] WARN  config: broken.conf:3:4: unexpected character '/' in class glob"
            + " 'dev/hotloop/it/apps/SumApp'; expected a dotted class name, e.g."
            + " com.example.Stats (line ignored)",
        "[hotloop] WARN  config: broken.conf:4:46: expected a positive integer for calls,"
            + " got '0' (line ignored)"),
        warnings, run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void validLinesStillApply(Jdk jdk) {
    JvmResult run = BAD_LINES.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    HotloopReport report = run.report();
    ReportedLoop sumLongs = report.loopOf(SumApp.class.getName() + ".sumLongs(");
    assertEquals("accelerated", sumLongs.state(), run::describe);
    assertTrue(sumLongs.counts().kernelRuns() > 0, run::describe);
    // The methods of the ignored lines are not selected at all.
    assertEquals(1, report.loops().size(), report::text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void appWithBadConfigLinesPrintsWhatItPrintsWithoutTheAgent(Jdk jdk) {
    JvmResult run = BAD_LINES.get(jdk);
    assertEquals(WithoutAgent.SUM_APP.get(jdk).stdout(), run.stdout(), run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void unreadableConfigDisablesTheAgentAndTheAppRunsUntouched(Jdk jdk) {
    JvmResult run = UNREADABLE.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals(WithoutAgent.SUM_APP.get(jdk).stdout(), run.stdout(), run::describe);
    assertTrue(HotloopReport.find(run.stderr()).isEmpty(), run::describe);
    assertTrue(run.agentLines().stream().noneMatch(l -> l.contains(" accelerated ")),
        run::describe);
    assertTrue(run.agentLines().stream().anyMatch(l ->
        l.startsWith("[hotloop] ERROR cannot read config file missing.conf")
            && l.endsWith("hotloop is disabled")), run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void unreadableConfigIsOneErrorLineThatSaysWhy(Jdk jdk) {
    JvmResult run = UNREADABLE.get(jdk);
    List<String> lines = run.agentLines();
    assertEquals(1, lines.size(), run::describe);
    String error = lines.get(0);
    assertTrue(error.matches("\\[hotloop] ERROR cannot read config file missing\\.conf \\(.+\\);"
        + " hotloop is disabled"), run::describe);
    assertFalse(error.contains("{}"), run::describe);
    assertTrue(run.stderrLines().stream().noneMatch(l -> l.startsWith("\tat ")),
        run::describe);
  }
}
