package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Predicate;

import dev.hotloop.it.apps.GuardFailingApp;
import dev.hotloop.it.jvm.AppClasspath;
import dev.hotloop.it.jvm.HotRun;
import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmCommand;
import dev.hotloop.it.jvm.JvmProcess;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.OncePerJdk;
import dev.hotloop.it.jvm.RunFolder;
import dev.hotloop.it.report.ReportedLoop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deoptimization by the agent itself, on every JDK: {@link GuardFailingApp}'s sum is
 * accelerated, then three of its four calls fail the guards; the agent switches the method back
 * to its original code, for good, and the report says why. The app's sums and exceptions stay
 * those without the agent. With {@code deopt=100} the same loop stays accelerated.
 */
class GuardFailureDeoptTest {

  private static final String SUM = GuardFailingApp.class.getName() + ".sumPrefix(";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(40);

  private static Predicate<String> agentSays(String words) {
    return line -> line.startsWith("[hotloop] " + words) && line.contains(SUM);
  }

  private static JvmResult run(Jdk jdk, String scenario, String options, String awaited) {
    RunFolder folder = RunFolder.create(GuardFailureDeoptTest.class, scenario, jdk);
    JvmCommand app = JvmCommand.mainClass(jdk, GuardFailingApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        // Thrown this often, C2 would otherwise throw one preallocated exception without a
        // message or a stack trace, with or without the agent.
        .withJvmOptions("-XX:-OmitStackTraceInFastThrow")
        .withAgent(options)
        .withArgs(String.valueOf(HotRun.PATIENCE.toMillis()));
    try (JvmProcess running = app.start(folder)) {
      running.awaitStderr(agentSays("INFO  accelerated "), STEP_TIMEOUT);
      if (awaited != null) {
        running.awaitStderr(agentSays(awaited), STEP_TIMEOUT);
      }
      running.send("stop");
      return running.finish(STEP_TIMEOUT);
    }
  }

  private static final OncePerJdk<JvmResult> DEFAULT = new OncePerJdk<>(jdk ->
      run(jdk, "default", HotRun.HOT_AT_ONCE, "INFO  deoptimized "));

  private static final OncePerJdk<JvmResult> NEVER = new OncePerJdk<>(jdk ->
      run(jdk, "deopt-100", HotRun.HOT_AT_ONCE + ",deopt=100", null));

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void aLoopWhoseGuardsMostlyFailIsDeoptimizedForGood(Jdk jdk) {
    JvmResult run = DEFAULT.get(jdk);
    ReportedLoop loop = run.report().loopOf(SUM);
    assertEquals("deoptimized", loop.state(), run::describe);
    assertTrue(loop.description().startsWith("its guards failed in "), run::describe);
    assertTrue(loop.description().contains("more than deopt=50%"), run::describe);
    assertTrue(loop.counts().kernelRuns() > 0 && loop.counts().guardFailures() > 0, run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theSumsAndExceptionsStayThoseOfTheOriginal(Jdk jdk) {
    JvmResult run = DEFAULT.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.stdout().matches("threw Index 4099 out of bounds for length 4099 at line \\d+"
        + "\nmismatches 0\n"), run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void withDeopt100TheLoopStaysAccelerated(Jdk jdk) {
    JvmResult run = NEVER.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.stdout().endsWith("\nmismatches 0\n"), run::describe);
    assertEquals("accelerated", run.report().loopOf(SUM).state(), run::describe);
  }
}
