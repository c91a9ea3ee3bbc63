package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import dev.hotloop.it.apps.AttachTarget;
import dev.hotloop.it.jvm.AgentJar;
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
 * Proves dynamic attach on every JDK: {@code java -jar hotloop-agent.jar attach <pid> --options
 * <options>}
 * loads the agent into a running {@link AttachTarget}, which had no agent at launch, and the
 * loop the target keeps calling is switched to a kernel that runs and gives the same sums. A
 * target started with {@code -XX:+EnableDynamicAgentLoading} (JDK 21 and later) prints no
 * warning about it; one started without prints the JDK's warning on JDK 21 and later, and
 * nothing on JDK 17, and is accelerated all the same.
 */
class DynamicAttachTest {

  /** What the JDK prints in the target when an agent is loaded into it (JEP 451). */
  private static final String DYNAMIC_AGENT_WARNING =
      "WARNING: A Java agent has been loaded dynamically (";

  private static final String CHECKSUM = AttachTarget.class.getName() + ".checksum(";

  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

  /** The attacher's run and the target's. */
  private record Attach(long pid, JvmResult attacher, JvmResult target) {

    String describe() {
      return "attacher:\n" + attacher.describe() + "\ntarget:\n" + target.describe();
    }
  }

  private static final OncePerJdk<Attach> ALLOWED = new OncePerJdk<>(jdk ->
      attach(jdk, "allowed", true));

  private static final OncePerJdk<Attach> NOT_ALLOWED = new OncePerJdk<>(jdk ->
      attach(jdk, "not-allowed", false));

  private static Attach attach(Jdk jdk, String scenario, boolean allowDynamicAgents) {
    RunFolder folder = RunFolder.create(DynamicAttachTest.class, scenario, jdk);
    JvmCommand target = JvmCommand.mainClass(jdk, AttachTarget.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withArgs(String.valueOf(HotRun.PATIENCE.toMillis()));
    if (allowDynamicAgents && jdk.warnsOnDynamicAgents()) {
      // JDK 17 does not know the flag and would not start.
      target = target.withJvmOptions("-XX:+EnableDynamicAgentLoading");
    }
    try (JvmProcess running = target.start(folder)) {
      String pidLine = running.awaitStdout(l -> l.startsWith("pid "), STEP_TIMEOUT);
      assertNotNull(pidLine, () -> running.finish(Duration.ZERO).describe());
      long pid = Long.parseLong(pidLine.substring("pid ".length()));
      JvmResult attacher = JvmCommand.jar(jdk, AgentJar.locate().path(), "attach")
          .withArgs("attach", String.valueOf(pid), "--options", HotRun.HOT_AT_ONCE)
          .run(folder, STEP_TIMEOUT);
      running.awaitStderr(l -> HotRun.settles(l, CHECKSUM), STEP_TIMEOUT);
      running.send("stop");
      return new Attach(pid, attacher, running.finish(STEP_TIMEOUT));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void attacherLoadsTheAgentIntoTheRunningJvm(Jdk jdk) {
    Attach run = ALLOWED.get(jdk);
    assertEquals(0, run.attacher().exitCode(), run::describe);
    assertEquals("hotloop attached to " + run.pid() + " with " + HotRun.HOT_AT_ONCE,
        run.attacher().stdout().strip(), run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void runningLoopIsAcceleratedAndGivesTheSameSums(Jdk jdk) {
    Attach run = ALLOWED.get(jdk);
    assertEquals(0, run.target().exitCode(), run::describe);
    ReportedLoop loop = run.target().report().loopOf(CHECKSUM);
    assertEquals("accelerated", loop.state(), run::describe);
    assertTrue(loop.description().startsWith("vector, "), run::describe);
    assertTrue(loop.counts().kernelRuns() > 0, run::describe);
    assertTrue(run.target().stdout().matches("(?s)pid \\d+\nchecksum -?\\d+, mismatches 0\n"),
        run::describe);
  }

  /** The target's run, attached to twice: first with a config that selects its sum, then not. */
  private record Twice(JvmResult first, JvmResult second, JvmResult target) {

    String describe() {
      return "first:\n" + first.describe() + "\nsecond:\n" + second.describe() + "\ntarget:\n"
          + target.describe();
    }
  }

  private static final OncePerJdk<Twice> TWICE = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(DynamicAttachTest.class, "twice", jdk);
    folder.write("sum.conf", AttachTarget.class.getName() + "::checksum\n");
    folder.write("none.conf", "com.example.NothingHere\n");
    JvmCommand target = JvmCommand.mainClass(jdk, AttachTarget.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withArgs(String.valueOf(HotRun.PATIENCE.toMillis()));
    if (jdk.warnsOnDynamicAgents()) {
      target = target.withJvmOptions("-XX:+EnableDynamicAgentLoading");
    }
    try (JvmProcess running = target.start(folder)) {
      String pidLine = running.awaitStdout(l -> l.startsWith("pid "), STEP_TIMEOUT);
      assertNotNull(pidLine, () -> running.finish(Duration.ZERO).describe());
      String pid = pidLine.substring("pid ".length());
      JvmResult first = JvmCommand.jar(jdk, AgentJar.locate().path(), "attach-first")
          .withArgs("attach", pid, "--config", folder.resolve("sum.conf").toString(),
              "--options", HotRun.HOT_AT_ONCE)
          .run(folder, STEP_TIMEOUT);
      running.awaitStderr(l -> HotRun.settles(l, CHECKSUM), STEP_TIMEOUT);
      JvmResult second = JvmCommand.jar(jdk, AgentJar.locate().path(), "attach-second")
          .withArgs("attach", pid, "--config", folder.resolve("none.conf").toString())
          .run(folder, STEP_TIMEOUT);
      running.awaitStderr(l -> l.contains("a second attach replaced its config"), STEP_TIMEOUT);
      running.send("stop");
      return new Twice(first, second, running.finish(STEP_TIMEOUT));
    }
  });

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void aSecondAttachReplacesTheConfigInsteadOfStartingAgain(Jdk jdk) {
    Twice run = TWICE.get(jdk);
    assertEquals(0, run.first().exitCode(), run::describe);
    assertEquals(0, run.second().exitCode(), run::describe);
    assertEquals(0, run.target().exitCode(), run::describe);
    assertTrue(run.target().stdout().matches("(?s)pid \\d+\nchecksum -?\\d+, mismatches 0\n"),
        run::describe);
    // One agent: one report, in which the sum the new config leaves out went back for good.
    assertEquals(1, run.target().stderrLines().stream()
        .filter(l -> l.startsWith("hotloop report: ")).count(), run::describe);
    ReportedLoop loop = run.target().report().loopOf(CHECKSUM);
    assertEquals("deoptimized", loop.state(), run::describe);
    assertEquals("switched back when a second attach replaced the config", loop.description(),
        run::describe);
    assertTrue(loop.counts().kernelRuns() > 0, run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void attachingToNoProcessSaysSoWithExitCode3(Jdk jdk) {
    RunFolder folder = RunFolder.create(DynamicAttachTest.class, "no-process", jdk);
    // Pids never reach this high on Linux (pid_max is at most 2^22).
    JvmResult attacher = JvmCommand.jar(jdk, AgentJar.locate().path(), "attach")
        .withArgs("attach", "2147483646").run(folder, STEP_TIMEOUT);
    assertEquals(3, attacher.exitCode(), attacher::describe);
    assertTrue(attacher.stderr().contains("hotloop: no process 2147483646 on this machine"),
        attacher::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void targetThatAllowsDynamicAgentsPrintsNoWarning(Jdk jdk) {
    Attach run = ALLOWED.get(jdk);
    assertTrue(run.target().stderrLines().stream()
        .noneMatch(l -> l.startsWith(DYNAMIC_AGENT_WARNING)), run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void targetWithoutTheFlagWarnsFromJdk21OnAndIsAcceleratedAllTheSame(Jdk jdk) {
    Attach run = NOT_ALLOWED.get(jdk);
    String warning = DYNAMIC_AGENT_WARNING + AgentJar.locate().path() + ")";
    boolean warned = run.target().stderrLines().contains(warning);
    assertEquals(jdk.warnsOnDynamicAgents(), warned, run::describe);
    assertEquals(0, run.attacher().exitCode(), run::describe);
    assertEquals(0, run.target().exitCode(), run::describe);
    assertEquals("accelerated", run.target().report().loopOf(CHECKSUM).state(), run::describe);
  }
}
