package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Proves the agent's main promise with a config file, on every JDK: each sum of
 * {@link SumApp} that the config names is switched to a kernel (Vector API for the integer
 * sums, scalar in strict order for the boxed {@code Double} sum, which has no {@code fastmath}),
 * the strict primitive {@code double} sum is kept as it is (no kernel could beat C2 there), the
 * kernels really run, the agent logs each switch with its source line, nothing the config does
 * not name is touched, and the app prints exactly what it prints without the agent.
 */
class ConfiguredAccelerationTest {

  private static final String CONFIG = """
      # SumApp's sums, one per line; the first two with their exact descriptor
      dev.hotloop.it.apps.SumApp::sumLongs([J)J
      dev.hotloop.it.apps.SumApp::sumInts([II)I
      dev.hotloop.it.apps.SumApp::sumIntsWidened
      dev.hotloop.it.apps.SumApp::sumBytes
      dev.hotloop.it.apps.SumApp::sumChars
      dev.hotloop.it.apps.SumApp::sumDoubles
      dev.hotloop.it.apps.SumApp::sumDoublesBoxed
      dev.hotloop.it.apps.SumApp::sumLongsBoxed
      # beyond sums: a map with a condition and a sum, &&, a narrowing map, a loop counting down
      dev.hotloop.it.apps.SumApp::clampAndSum
      dev.hotloop.it.apps.SumApp::countInRange
      dev.hotloop.it.apps.SumApp::scaleBytes
      dev.hotloop.it.apps.SumApp::sumDown
      """;
  private static final List<String> INTEGER_SUMS = List.of("sumLongs", "sumInts",
      "sumIntsWidened", "sumBytes", "sumChars", "sumLongsBoxed");

  private static final OncePerJdk<JvmResult> WITH_AGENT = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(ConfiguredAccelerationTest.class, "with-agent", jdk);
    folder.write("sums.conf", CONFIG);
    JvmCommand app = JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withAgent("config=sums.conf," + HotRun.HOT_AT_ONCE);
    return HotRun.of(SumApp.class, SumApp.SUMS).run(app, folder);
  });


  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void everyConfiguredSumIsAcceleratedAndItsKernelRuns(Jdk jdk) {
    JvmResult run = WITH_AGENT.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    HotloopReport report = run.report();
    for (String sum : SumApp.SUMS) {
      ReportedLoop loop = report.loopOf(SumApp.class.getName() + "." + sum + "(");
      assertEquals("accelerated", loop.state(), () -> sum + "\n" + run.describe());
      assertTrue(loop.counts().kernelRuns() > 0, () -> sum + "\n" + run.describe());
      assertEquals(0, loop.counts().guardFailures(), () -> sum + "\n" + run.describe());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void integerSumsRunAsVectorKernelsAndDoubleSumsKeepTheirOrder(Jdk jdk) {
    JvmResult run = WITH_AGENT.get(jdk);
    HotloopReport report = run.report();
    assertTrue(report.header().contains("(Vector API kernels with "), run::describe);
    for (String sum : INTEGER_SUMS) {
      String kernel = report.loopOf(SumApp.class.getName() + "." + sum + "(").description();
      assertTrue(kernel.startsWith("vector, "), () -> sum + ": " + kernel);
    }
    String boxed = report.loopOf(SumApp.class.getName() + ".sumDoublesBoxed(").description();
    assertTrue(boxed.startsWith("scalar, in order"), boxed);
    ReportedLoop strict = report.loopOf(SumApp.class.getName() + ".sumDoubles(");
    assertEquals("kept", strict.state(), report::text);
    assertTrue(String.join("\n", strict.details()).contains("fastmath"), report::text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void agentLogsEachSwitchWithItsSourceLine(Jdk jdk) {
    JvmResult run = WITH_AGENT.get(jdk);
    for (String sum : SumApp.SUMS) {
      String method = SumApp.class.getName() + "." + sum + "(";
      assertTrue(run.agentLines().stream().anyMatch(line ->
          line.matches("\\[hotloop] INFO  accelerated \\Q" + method + "\\E[^)]*\\)"
              + " \\(SumApp\\.java:\\d+\\): (vector|scalar), .*; warm in \\d+ ms")),
          () -> sum + "\n" + run.describe());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void methodsTheConfigDoesNotNameAreLeftAlone(Jdk jdk) {
    HotloopReport report = WITH_AGENT.get(jdk).report();
    assertEquals(SumApp.SUMS.size() + SumApp.KEPT.size(), report.loops().size(),
        report::text);
    assertTrue(report.loopsOf(SumApp.class.getName() + ".main(").isEmpty(), report::text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void appPrintsExactlyWhatItPrintsWithoutTheAgent(Jdk jdk) {
    JvmResult with = WITH_AGENT.get(jdk);
    JvmResult without = WithoutAgent.SUM_APP.get(jdk);
    assertEquals(0, without.exitCode(), without::describe);
    assertTrue(with.stdout().startsWith("mismatches during the hot loop: 0\n"), with::describe);
    assertEquals(without.stdout(), with.stdout(), with::describe);
  }
}
