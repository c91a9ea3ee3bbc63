package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Proves that without a config file every application method is eligible, on every JDK: all
 * sums of {@link SumApp} are accelerated and their kernels run, the app's other loops are
 * considered and rejected with a reason, the JDK's own classes are never touched, and the app
 * prints exactly what it prints without the agent.
 */
class UnconfiguredAccelerationTest {

  private static final OncePerJdk<JvmResult> WITH_AGENT = new OncePerJdk<>(jdk -> {
    JvmCommand app = JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withAgent(HotRun.HOT_AT_ONCE);
    return HotRun.of(SumApp.class, SumApp.SUMS)
        .run(app, RunFolder.create(UnconfiguredAccelerationTest.class, "with-agent", jdk));
  });


  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void everySumIsAcceleratedAndItsKernelRuns(Jdk jdk) {
    JvmResult run = WITH_AGENT.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    HotloopReport report = run.report();
    for (String sum : SumApp.SUMS) {
      ReportedLoop loop = report.loopOf(SumApp.class.getName() + "." + sum + "(");
      assertEquals("accelerated", loop.state(), () -> sum + "\n" + run.describe());
      assertTrue(loop.counts().kernelRuns() > 0, () -> sum + "\n" + run.describe());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void otherLoopsOfTheAppAreRejectedWithAReason(Jdk jdk) {
    HotloopReport report = WITH_AGENT.get(jdk).report();
    List<ReportedLoop> main = report.loopsOf(SumApp.class.getName() + ".main(");
    assertFalse(main.isEmpty(), report::text);
    for (ReportedLoop loop : main) {
      assertEquals("rejected", loop.state(), report::text);
      assertFalse(loop.description().isBlank(), report::text);
      assertTrue(loop.location().matches("SumApp\\.java:\\d+"), report::text);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void jdkClassesAreNeverConsidered(Jdk jdk) {
    HotloopReport report = WITH_AGENT.get(jdk).report();
    for (ReportedLoop loop : report.loops()) {
      assertFalse(loop.method().matches("(java|javax|jdk|sun|com\\.sun)\\..*"), report::text);
      assertFalse(loop.method().startsWith("dev.hotloop.shaded."), report::text);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void appPrintsExactlyWhatItPrintsWithoutTheAgent(Jdk jdk) {
    JvmResult with = WITH_AGENT.get(jdk);
    JvmResult without = WithoutAgent.SUM_APP.get(jdk);
    assertEquals(0, without.exitCode(), without::describe);
    assertEquals(without.stdout(), with.stdout(), with::describe);
  }
}
