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
 * Proves the fallback for a JVM started without {@code --add-modules jdk.incubator.vector}, on
 * every JDK: the agent says once, at start, which flag would give SIMD kernels, still
 * accelerates every sum of {@link SumApp} with scalar kernels that run, reports the backend as
 * scalar, and the app prints exactly what it prints without the agent.
 */
class ScalarFallbackTest {

  private static final String SCALAR_MESSAGE = "[hotloop] INFO  the Vector API module is not"
      + " available, so kernels run as scalar code; start the JVM with --add-modules"
      + " jdk.incubator.vector for SIMD kernels";

  private static final OncePerJdk<JvmResult> WITHOUT_MODULE = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(ScalarFallbackTest.class, "without-module", jdk);
    folder.write("sums.conf", "dev.hotloop.it.apps.SumApp\n");
    JvmCommand app = JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
        .withAgent("config=sums.conf," + HotRun.HOT_AT_ONCE);
    return HotRun.of(SumApp.class, SumApp.SUMS).run(app, folder);
  });

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void agentSaysOnceWhichFlagGivesSimdKernels(Jdk jdk) {
    JvmResult run = WITHOUT_MODULE.get(jdk);
    List<String> said = run.agentLines().stream().filter(SCALAR_MESSAGE::equals).toList();
    assertEquals(1, said.size(), run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void everyLoopWithoutBranchesRunsAScalarKernelTheOthersAreKept(Jdk jdk) {
    JvmResult run = WITHOUT_MODULE.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    HotloopReport report = run.report();
    assertTrue(report.header().endsWith(" accelerated (scalar kernels)"), report::text);
    assertEquals(SumApp.SUMS.size() - SumApp.CONDITIONAL.size(), report.acceleratedCount(),
        report::text);
    for (String sum : SumApp.CONDITIONAL) {
      ReportedLoop loop = report.loopOf(SumApp.class.getName() + "." + sum + "(");
      assertEquals("kept", loop.state(), () -> sum + "\n" + report.text());
    }
    for (String sum : SumApp.SUMS) {
      if (SumApp.CONDITIONAL.contains(sum)) {
        continue;
      }
      ReportedLoop loop = report.loopOf(SumApp.class.getName() + "." + sum + "(");
      assertEquals("accelerated", loop.state(), () -> sum + "\n" + run.describe());
      assertTrue(loop.description().startsWith("scalar, "), () -> sum + "\n" + report.text());
      assertTrue(loop.counts().kernelRuns() > 0, () -> sum + "\n" + run.describe());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void appPrintsExactlyWhatItPrintsWithoutTheAgent(Jdk jdk) {
    JvmResult run = WITHOUT_MODULE.get(jdk);
    assertEquals(WithoutAgent.SUM_APP.get(jdk).stdout(), run.stdout(), run::describe);
  }
}
