package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

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
 * {@code hotloop report <pid>} on a live app, on every JDK: an {@link AttachTarget} runs with
 * the agent from {@code -javaagent}; once its sum is accelerated, the command prints the live
 * report in text and in JSON (the loop accelerated, its kernel runs counted); a JVM without the
 * agent gets no report and is told so, and is left without one.
 */
class LiveReportTest {

  private static final String CHECKSUM = AttachTarget.class.getName() + ".checksum(";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

  /** The reports fetched from the app with the agent, and the attempt on one without. */
  private record Reports(JvmResult text, JvmResult json, JvmResult withoutAgent,
      JvmResult target, JvmResult plainTarget) {

    String describe() {
      return "text:\n" + text.describe() + "\njson:\n" + json.describe() + "\nwithout agent:\n"
          + withoutAgent.describe() + "\ntarget:\n" + target.describe();
    }
  }

  private static final OncePerJdk<Reports> REPORTS = new OncePerJdk<>(LiveReportTest::fetch);

  private static JvmCommand hotloop(Jdk jdk, String... args) {
    return JvmCommand.jar(jdk, AgentJar.locate().path(), "hotloop").withArgs(args);
  }

  private static Reports fetch(Jdk jdk) {
    RunFolder folder = RunFolder.create(LiveReportTest.class, "live", jdk);
    JvmCommand app = JvmCommand.mainClass(jdk, AttachTarget.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withArgs(String.valueOf(HotRun.PATIENCE.toMillis()));
    if (jdk.warnsOnDynamicAgents()) {
      app = app.withJvmOptions("-XX:+EnableDynamicAgentLoading");
    }
    JvmResult text;
    JvmResult json;
    JvmResult target;
    try (JvmProcess running = app.withAgent(HotRun.HOT_AT_ONCE).start(folder)) {
      long pid = pidOf(running);
      running.awaitStderr(l -> HotRun.settles(l, CHECKSUM), STEP_TIMEOUT);
      text = hotloop(jdk, "report", String.valueOf(pid)).run(folder, STEP_TIMEOUT);
      json = hotloop(jdk, "report", "--json", String.valueOf(pid)).run(folder, STEP_TIMEOUT);
      running.send("stop");
      target = running.finish(STEP_TIMEOUT);
    }
    RunFolder plainFolder = RunFolder.create(LiveReportTest.class, "without-agent", jdk);
    JvmResult withoutAgent;
    JvmResult plainTarget;
    try (JvmProcess plain = app.start(plainFolder)) {
      long pid = pidOf(plain);
      withoutAgent = hotloop(jdk, "report", String.valueOf(pid)).run(plainFolder, STEP_TIMEOUT);
      plain.send("stop");
      plainTarget = plain.finish(STEP_TIMEOUT);
    }
    return new Reports(text, json, withoutAgent, target, plainTarget);
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
