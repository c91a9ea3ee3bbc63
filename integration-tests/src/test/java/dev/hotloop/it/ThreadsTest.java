package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import dev.hotloop.it.apps.ThreadsApp;
import dev.hotloop.it.jvm.AgentJar;
import dev.hotloop.it.jvm.AppClasspath;
import dev.hotloop.it.jvm.HotRun;
import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmCommand;
import dev.hotloop.it.jvm.JvmProcess;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.OncePerJdk;
import dev.hotloop.it.jvm.RunFolder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Many threads, and calls in the middle of a loop, while methods switch, on every JDK:
 * {@link ThreadsApp}'s four threads check every sum while the agent switches its three methods
 * to their kernels, then {@code hotloop deopt} switches one back, then {@code hotloop detach}
 * the other two. No sum is ever wrong, and the report ends with all three deoptimized.
 */
class ThreadsTest {

  private static final List<String> SUMS = List.of("sumInts", "sumLongs", "maxInts");
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(40);

  /** The app's run, and the deopt and detach commands'. */
  private record Run(JvmResult app, JvmResult deoptOne, JvmResult deoptRest) {

    String describe() {
      return "app:\n" + app.describe() + "\ndeopt one:\n" + deoptOne.describe()
          + "\ndeopt the rest:\n" + deoptRest.describe();
    }
  }

  private static final OncePerJdk<Run> RUN = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(ThreadsTest.class, "threads", jdk);
    JvmCommand app = JvmCommand.mainClass(jdk, ThreadsApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withAgent(HotRun.HOT_AT_ONCE)
        .withArgs(String.valueOf(HotRun.PATIENCE.toMillis()));
    if (jdk.warnsOnDynamicAgents()) {
      app = app.withJvmOptions("-XX:+EnableDynamicAgentLoading");
    }
    try (JvmProcess running = app.start(folder)) {
      for (String sum : SUMS) {
        running.awaitStderr(l -> HotRun.settles(l, ThreadsApp.class.getName() + "." + sum + "("),
            STEP_TIMEOUT);
      }
      String pid = String.valueOf(running.pid());
      JvmResult one = JvmCommand.jar(jdk, AgentJar.locate().path(), "deopt-one")
          .withArgs("deopt", pid, ThreadsApp.class.getName() + "::sumInts")
          .run(folder, STEP_TIMEOUT);
      JvmResult rest = JvmCommand.jar(jdk, AgentJar.locate().path(), "detach")
          .withArgs("detach", pid)
          .run(folder, STEP_TIMEOUT);
      running.send("stop");
      return new Run(running.finish(STEP_TIMEOUT), one, rest);
    }
  });

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void noSumIsEverWrongWhileMethodsSwitch(Jdk jdk) {
    Run run = RUN.get(jdk);
    assertEquals(0, run.app().exitCode(), run::describe);
    assertEquals(List.of("mismatches 0"), run.app().stdoutLines(), run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void eachSumWasAcceleratedThenDeoptimized(Jdk jdk) {
    Run run = RUN.get(jdk);
    assertEquals(0, run.deoptOne().exitCode(), run::describe);
    assertTrue(run.deoptOne().stdout().startsWith("deoptimized 1 loop\n"), run::describe);
    assertEquals(0, run.deoptRest().exitCode(), run::describe);
    assertTrue(run.deoptRest().stdout().startsWith("detached: 2 loops switched back\n"),
        run::describe);
    for (String sum : SUMS) {
      var loop = run.app().report().loopOf(ThreadsApp.class.getName() + "." + sum + "(");
      assertEquals("deoptimized", loop.state(), run::describe);
      assertEquals(sum.equals("sumInts") ? "deoptimized on demand (hotloop deopt "
          + ThreadsApp.class.getName() + "::sumInts)" : "switched back by hotloop detach",
          loop.description(), run::describe);
      assertTrue(loop.counts().kernelRuns() > 0, run::describe);
    }
  }
}
