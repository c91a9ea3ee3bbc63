package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deoptimization by the agent itself, on every JDK: {@link GuardFailingApp}'s sum is
 * accelerated, then three of its four calls fail the guards; the agent switches the method back
 * to its original code, for good, and the report says why. The app's sums and exceptions stay
 * those without the agent. With {@code deopt=100} the same loop stays accelerated. The run is
 * recorded by JDK Flight Recorder, whose recording holds the agent's events for the loop's
 * acceleration and deoptimization and for the app's rejected loop.
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
        .withJvmOptions("-XX:StartFlightRecording=filename=" + recording(folder.path()))
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

  private static Path recording(Path folder) {
    return folder.resolve("recording.jfr");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theRecordingHoldsTheLoopsEvents(Jdk jdk) throws IOException {
    JvmResult run = DEFAULT.get(jdk);
    Map<String, List<RecordedEvent>> byName = new TreeMap<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(recording(run.folder().path()))) {
      if (e.getEventType().getName().startsWith("dev.hotloop.")) {
        byName.computeIfAbsent(e.getEventType().getName(), n -> new ArrayList<>()).add(e);
      }
    }
    RecordedEvent accelerated = only(byName, "dev.hotloop.LoopAccelerated", run);
    assertEquals(GuardFailingApp.class.getName(), accelerated.getString("className"));
    assertEquals("sumPrefix", accelerated.getString("method"));
    assertTrue(accelerated.getInt("line") > 0, run::describe);
    assertTrue(accelerated.getString("detail").startsWith("vector, "), run::describe);
    RecordedEvent deoptimized = only(byName, "dev.hotloop.LoopDeoptimized", run);
    assertEquals("sumPrefix", deoptimized.getString("method"));
    assertTrue(deoptimized.getString("detail").startsWith("its guards failed in "),
        run::describe);
    RecordedEvent rejected = only(byName, "dev.hotloop.LoopRejected", run);
    assertEquals("main", rejected.getString("method"));
    assertEquals("hotloop", accelerated.getEventType().getCategoryNames().get(0));
  }

  private static RecordedEvent only(Map<String, List<RecordedEvent>> byName, String name,
      JvmResult run) {
    List<RecordedEvent> events = byName.getOrDefault(name, List.of());
    assertEquals(1, events.size(), () -> name + " in " + byName + "\n" + run.describe());
    return events.get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theSumsAndExceptionsStayThoseOfTheOriginal(Jdk jdk) {
    JvmResult run = DEFAULT.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    // After the lines in which Flight Recorder says it started.
    assertTrue(run.stdout().matches("(?s)(.*\n)?threw Index 4099 out of bounds for length 4099"
        + " at line \\d+\nmismatches 0\n"), run::describe);
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
