package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.hotloop.it.apps.SumApp;
import dev.hotloop.it.jvm.AppClasspath;
import dev.hotloop.it.jvm.HotRun;
import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmCommand;
import dev.hotloop.it.jvm.JvmProcess;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.OncePerJdk;
import dev.hotloop.it.jvm.RunFolder;
import dev.hotloop.it.report.HotloopReport;
import dev.hotloop.it.report.ReportedLoop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves, on every JDK and under {@code -Xverify:all}, that the agent's own failures cost the
 * application nothing but the acceleration. With {@code -Dhotloop.faults=compile-thread} the
 * compile thread throws as it starts on each hot method of {@link SumApp}; with
 * {@code kernel-link} every kernel fails to link when the compile thread initializes it. Either
 * way every loop ends {@code failed} with the reason in the report, each method runs its
 * original bytes again, and the app prints exactly what it prints without the agent. With
 * {@code fatal}, the compile thread fails outside any one method's work once a loop is
 * accelerated: the agent stops for good, every method goes back to its original bytes (the
 * report says {@code deoptimized}, and why), and the app again prints what it prints without
 * the agent.
 */
class CompileFaultTest {

  private static final OncePerJdk<JvmResult> COMPILE_THREAD = new OncePerJdk<>(jdk ->
      run(jdk, "compile-thread"));

  private static final OncePerJdk<JvmResult> KERNEL_LINK = new OncePerJdk<>(jdk ->
      run(jdk, "kernel-link"));

  private static final OncePerJdk<JvmResult> FATAL = new OncePerJdk<>(CompileFaultTest::fatal);

  private static final String FATAL_REASON = "switched back after an internal error in hotloop:"
      + " java.lang.IllegalStateException: injected by hotloop.faults=fatal";

  private static JvmResult fatal(Jdk jdk) {
    RunFolder folder = RunFolder.create(CompileFaultTest.class, "fatal", jdk);
    folder.write("sums.conf", "dev.hotloop.it.apps.SumApp\n");
    JvmCommand app = JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withJvmOptions("-Xverify:all", "-Dhotloop.faults=fatal")
        .withAgent("config=sums.conf,log=debug," + HotRun.HOT_AT_ONCE)
        .withArgs(String.valueOf(HotRun.PATIENCE.toMillis()));
    try (JvmProcess running = app.start(folder)) {
      running.awaitStderr(l -> l.endsWith(" loops switched back after the internal error"),
          HotRun.PATIENCE);
      running.send("stop");
      return running.finish(HotRun.PATIENCE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void afterAFatalErrorEveryMethodGoesBackAndTheAgentStops(Jdk jdk) {
    JvmResult run = FATAL.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals(WithoutAgent.SUM_APP.get(jdk).stdout(), run.stdout(), run::describe);
    assertTrue(run.agentLines().contains("[hotloop] ERROR hotloop hit an internal error it"
        + " cannot recover from: java.lang.IllegalStateException: injected by hotloop.faults=fatal;"
        + " every method it changed goes back to the code the application wrote, and it does"
        + " nothing more in this JVM"), run::describe);
    HotloopReport report = run.report();
    assertEquals(0, report.acceleratedCount(), report::text);
    assertTrue(report.loops().stream().anyMatch(l -> l.state().equals("deoptimized")),
        report::text);
    List<String> wrong = new ArrayList<>();
    for (String sum : SumApp.SUMS) {
      ReportedLoop loop = report.loopOf(SumApp.class.getName() + "." + sum + "(");
      // Loops that were not accelerated yet were profiled, or kept: none may be left running
      // a kernel or profiled.
      if (loop.state().equals("deoptimized") ? !loop.description().equals(FATAL_REASON)
          : !loop.state().equals("kept")) {
        wrong.add(sum + " " + loop.state() + ": " + loop.description());
      }
    }
    assertEquals(List.of(), wrong, report::text);
  }

  private static JvmResult run(Jdk jdk, String fault) {
    RunFolder folder = RunFolder.create(CompileFaultTest.class, fault, jdk);
    folder.write("sums.conf", "dev.hotloop.it.apps.SumApp\n");
    JvmCommand app = JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withJvmOptions("-Xverify:all", "-Dhotloop.faults=" + fault)
        .withAgent("config=sums.conf,log=debug," + HotRun.HOT_AT_ONCE);
    return HotRun.of(SumApp.class, SumApp.SUMS).run(app, folder);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void whenTheCompileThreadThrowsEveryLoopFailsWithTheReason(Jdk jdk) {
    assertEveryLoopFailed(COMPILE_THREAD.get(jdk),
        "internal error: java.lang.InternalError: injected by hotloop.faults=compile-thread");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void whenKernelsFailToLinkEveryLoopFailsWithTheReason(Jdk jdk) {
    assertEveryLoopFailed(KERNEL_LINK.get(jdk), "kernel failed to link:"
        + " java.lang.NoClassDefFoundError: dev/hotloop/runtime/MissingKernelDependency");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theAppPrintsExactlyWhatItPrintsWithoutTheAgent(Jdk jdk) {
    for (JvmResult run : List.of(COMPILE_THREAD.get(jdk), KERNEL_LINK.get(jdk))) {
      assertEquals(0, run.exitCode(), run::describe);
      assertEquals(WithoutAgent.SUM_APP.get(jdk).stdout(), run.stdout(), run::describe);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void everyMethodRunsItsOriginalBytesAgain(Jdk jdk) {
    for (JvmResult run : List.of(COMPILE_THREAD.get(jdk), KERNEL_LINK.get(jdk))) {
      for (String sum : SumApp.SUMS) {
        String method = SumApp.class.getName() + "." + sum + "(";
        assertTrue(run.agentLines().stream().anyMatch(l -> l.startsWith("[hotloop] DEBUG "
            + method) && l.endsWith(" runs as written again: none of its loops is profiled or"
            + " accelerated")), () -> sum + "\n" + run.describe());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theAgentSaysOnceThatFaultsAreInjected(Jdk jdk) {
    JvmResult run = KERNEL_LINK.get(jdk);
    assertEquals(List.of("[hotloop] WARN  injecting faults for testing hotloop itself"
        + " (hotloop.faults=kernel-link)"), run.agentLines().stream()
        .filter(l -> l.contains("injecting faults")).toList(), run::describe);
  }

  private static void assertEveryLoopFailed(JvmResult run, String reason) {
    assertEquals(0, run.exitCode(), run::describe);
    HotloopReport report = run.report();
    List<String> wrong = new ArrayList<>();
    for (String sum : SumApp.SUMS) {
      ReportedLoop loop = report.loopOf(SumApp.class.getName() + "." + sum + "(");
      if (!loop.state().equals("failed") || !loop.description().equals(reason)
          || loop.counts().kernelRuns() != 0) {
        wrong.add(sum);
      }
    }
    assertEquals(List.of(), wrong, report::text);
    assertEquals(0, report.acceleratedCount(), report::text);
  }
}
