package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.tools.attach.VirtualMachine;

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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hotloop report <pid>} and {@code hotloop deopt <pid> <pattern>} on a live app, on every
 * JDK: an {@link AttachTarget} runs with the agent from {@code -javaagent}; once its sum is
 * accelerated, the command prints the live report in text and in JSON (the loop accelerated,
 * its kernel runs counted), as does the MBean {@code dev.hotloop:type=Report} over JMX; then
 * deopt switches the sum back to its original code for good, and
 * the app runs on with the same sums; a pattern that selects nothing changes nothing. A JVM
 * without the agent gets no report and is told so, and is left without one.
 */
class LiveAgentCommandsTest {

  private static final String CHECKSUM = AttachTarget.class.getName() + ".checksum(";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

  /** The reports fetched from the app with the agent, and the attempt on one without. */
  private record Reports(JvmResult text, JvmResult json, MBeanView mbean,
      JvmResult deoptNothing, JvmResult deopt, JvmResult afterDeopt, JvmResult withoutAgent,
      JvmResult target, JvmResult plainTarget) {

    String describe() {
      return "text:\n" + text.describe() + "\njson:\n" + json.describe() + "\ndeopt nothing:\n"
          + deoptNothing.describe() + "\ndeopt:\n" + deopt.describe() + "\nafter deopt:\n"
          + afterDeopt.describe() + "\nwithout agent:\n" + withoutAgent.describe()
          + "\ntarget:\n" + target.describe();
    }
  }

  private static final OncePerJdk<Reports> REPORTS = new OncePerJdk<>(LiveAgentCommandsTest::fetch);

  /** {@code hotloop args...}; its output files in the run folder are named after {@code run}. */
  private static JvmCommand hotloop(Jdk jdk, String run, String... args) {
    return JvmCommand.jar(jdk, AgentJar.locate().path(), run).withArgs(args);
  }

  private static Reports fetch(Jdk jdk) {
    RunFolder folder = RunFolder.create(LiveAgentCommandsTest.class, "live", jdk);
    JvmCommand app = JvmCommand.mainClass(jdk, AttachTarget.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withArgs(String.valueOf(HotRun.PATIENCE.toMillis()));
    if (jdk.warnsOnDynamicAgents()) {
      app = app.withJvmOptions("-XX:+EnableDynamicAgentLoading");
    }
    JvmResult text;
    JvmResult json;
    MBeanView mbean;
    JvmResult deoptNothing;
    JvmResult deopt;
    JvmResult afterDeopt;
    JvmResult target;
    try (JvmProcess running = app.withAgent(HotRun.HOT_AT_ONCE).start(folder)) {
      long pid = pidOf(running);
      running.awaitStderr(l -> HotRun.settles(l, CHECKSUM), STEP_TIMEOUT);
      text = hotloop(jdk, "report-text", "report", String.valueOf(pid))
          .run(folder, STEP_TIMEOUT);
      json = hotloop(jdk, "report-json", "report", "--json", String.valueOf(pid))
          .run(folder, STEP_TIMEOUT);
      mbean = MBeanView.read(pid);
      deoptNothing = hotloop(jdk, "deopt-nothing", "deopt", String.valueOf(pid),
          "com.example.NoSuchClass").run(folder, STEP_TIMEOUT);
      deopt = hotloop(jdk, "deopt", "deopt", String.valueOf(pid),
          AttachTarget.class.getName() + "::checksum").run(folder, STEP_TIMEOUT);
      afterDeopt = hotloop(jdk, "report-after-deopt", "report", String.valueOf(pid))
          .run(folder, STEP_TIMEOUT);
      running.send("stop");
      target = running.finish(STEP_TIMEOUT);
    }
    RunFolder plainFolder = RunFolder.create(LiveAgentCommandsTest.class, "without-agent", jdk);
    JvmResult withoutAgent;
    JvmResult plainTarget;
    try (JvmProcess plain = app.start(plainFolder)) {
      long pid = pidOf(plain);
      withoutAgent = hotloop(jdk, "report", "report", String.valueOf(pid))
          .run(plainFolder, STEP_TIMEOUT);
      plain.send("stop");
      plainTarget = plain.finish(STEP_TIMEOUT);
    }
    return new Reports(text, json, mbean, deoptNothing, deopt, afterDeopt, withoutAgent,
        target, plainTarget);
  }

  private static long pidOf(JvmProcess running) {
    String pidLine = running.awaitStdout(l -> l.startsWith("pid "), STEP_TIMEOUT);
    assertNotNull(pidLine, () -> running.finish(Duration.ZERO).describe());
    return Long.parseLong(pidLine.substring("pid ".length()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void textReportShowsTheLoopAcceleratedWhileTheAppRuns(Jdk jdk) {
    Reports r = REPORTS.get(jdk);
    assertEquals(0, r.text().exitCode(), r::describe);
    assertTrue(r.text().stdout().startsWith("hotloop report: "), r::describe);
    assertTrue(r.text().stdout().lines().anyMatch(l -> l.strip().startsWith("accelerated")
        && l.contains(CHECKSUM)), r::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void jsonReportNamesTheJvmAndCountsKernelRuns(Jdk jdk) {
    Reports r = REPORTS.get(jdk);
    assertEquals(0, r.json().exitCode(), r::describe);
    JsonObject root = JsonParser.parseString(r.json().stdout()).getAsJsonObject();
    assertTrue(root.get("pid").getAsLong() > 0, r::describe);
    assertTrue(!root.get("host").getAsString().isBlank(), r::describe);
    JsonObject checksum = null;
    for (JsonElement e : root.getAsJsonArray("loops")) {
      JsonObject loop = e.getAsJsonObject();
      if (loop.get("method").getAsString().equals("checksum")) {
        checksum = loop;
      }
    }
    assertNotNull(checksum, r::describe);
    assertEquals("accelerated", checksum.get("state").getAsString(), r::describe);
    assertTrue(checksum.get("kernel").getAsString().startsWith("vector, "), r::describe);
    assertTrue(checksum.get("kernelRuns").getAsLong() > 0, r::describe);
    assertTrue(checksum.get("line").getAsInt() > 0, r::describe);
  }

  /** What the MBean {@code dev.hotloop:type=Report} of a JVM said, read over JMX. */
  private record MBeanView(int loops, int accelerated, String text, String json) {

    static MBeanView read(long pid) {
      try {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try (JMXConnector jmx = JMXConnectorFactory.connect(
            new JMXServiceURL(vm.startLocalManagementAgent()))) {
          MBeanServerConnection server = jmx.getMBeanServerConnection();
          ObjectName name = new ObjectName("dev.hotloop:type=Report");
          return new MBeanView((Integer) server.getAttribute(name, "Loops"),
              (Integer) server.getAttribute(name, "AcceleratedLoops"),
              (String) server.getAttribute(name, "Text"),
              (String) server.getAttribute(name, "Json"));
        } finally {
          vm.detach();
        }
      } catch (Exception e) {
        throw new AssertionError("could not read the MBean of " + pid, e);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theLiveReportIsAnMBeanToo(Jdk jdk) {
    MBeanView mbean = REPORTS.get(jdk).mbean();
    assertEquals(2, mbean.loops(), mbean::text);
    assertEquals(1, mbean.accelerated(), mbean::text);
    assertTrue(mbean.text().startsWith("hotloop report: 2 loops"), mbean::text);
    assertEquals("accelerated", JsonParser.parseString(mbean.json()).getAsJsonObject()
        .getAsJsonArray("loops").get(0).getAsJsonObject().get("state").getAsString(),
        mbean::json);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void deoptSwitchesTheSumBackForGoodAndTheReportSaysWhy(Jdk jdk) {
    Reports r = REPORTS.get(jdk);
    assertEquals(0, r.deopt().exitCode(), r::describe);
    assertTrue(r.deopt().stdout().startsWith("deoptimized 1 loop\n"), r::describe);
    assertTrue(r.deopt().stdout().contains("AttachTarget.java:"), r::describe);
    List<String> block = r.afterDeopt().stdout().lines()
        .dropWhile(l -> !l.contains(CHECKSUM)).limit(2).toList();
    assertTrue(block.get(0).strip().startsWith("deoptimized"), r::describe);
    assertTrue(block.get(1).contains("deoptimized on demand (hotloop deopt "), r::describe);
    // Never tried again: still deoptimized when the app ends.
    assertEquals("deoptimized", r.target().report().loopOf(CHECKSUM).state(), r::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void deoptOfAPatternThatSelectsNothingChangesNothing(Jdk jdk) {
    Reports r = REPORTS.get(jdk);
    assertEquals(1, r.deoptNothing().exitCode(), r::describe);
    assertTrue(r.deoptNothing().stderr().contains("no profiled or accelerated loop"),
        r::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theAppRunsOnWithTheSameSums(Jdk jdk) {
    Reports r = REPORTS.get(jdk);
    assertEquals(0, r.target().exitCode(), r::describe);
    assertTrue(r.target().stdout().matches("(?s)pid \\d+\nchecksum -?\\d+, mismatches 0\n"),
        r::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void aJvmWithoutTheAgentGetsNoReportAndNoAgent(Jdk jdk) {
    Reports r = REPORTS.get(jdk);
    assertEquals(1, r.withoutAgent().exitCode(), r::describe);
    assertTrue(r.withoutAgent().stderr().contains("hotloop is not running in"), r::describe);
    assertEquals(0, r.plainTarget().exitCode(), r::describe);
    // The command did not start an agent there: it printed nothing of its own.
    assertTrue(r.plainTarget().agentLines().isEmpty(), r.plainTarget()::describe);
  }
}
