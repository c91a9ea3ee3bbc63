package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import dev.hotloop.it.apps.SumApp;
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
 * Deoptimization of a kernel that measures slower than the loop it replaced, on every JDK. With
 * {@code -Dhotloop.faults=slow-kernel} every run of {@link SumApp#sumLongs}'s kernel first
 * parks for 50 microseconds, some ten times what the original loop takes; the agent, timing
 * both on runs of the app, switches the method back for good, and the report gives the
 * figures. With {@code slower=off} the same kernel stays. The app prints what it prints without
 * the agent either way.
 */
class SlowKernelDeoptTest {

  private static final String SUM_LONGS = SumApp.class.getName() + ".sumLongs(";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  private static JvmResult run(Jdk jdk, String scenario, String options, String awaited) {
    RunFolder folder = RunFolder.create(SlowKernelDeoptTest.class, scenario, jdk);
    folder.write("sum-longs.conf", "dev.hotloop.it.apps.SumApp::sumLongs\n");
    JvmCommand app = JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withJvmOptions("-Dhotloop.faults=slow-kernel")
        // HotRun.HOT_AT_ONCE but for slower, left at its default (3%) or turned off here.
        .withAgent("config=sum-longs.conf,calls=50,iterations=10000,vector=always" + options)
        .withArgs(String.valueOf(STEP_TIMEOUT.toMillis()));
    try (JvmProcess running = app.start(folder)) {
      running.awaitStderr(line -> line.startsWith("[hotloop] " + awaited)
          && line.contains(SUM_LONGS), STEP_TIMEOUT);
      running.send("stop");
      return running.finish(STEP_TIMEOUT);
    }
  }

  private static final OncePerJdk<JvmResult> DEFAULT = new OncePerJdk<>(jdk ->
      run(jdk, "default", "", "INFO  deoptimized "));

  private static final OncePerJdk<JvmResult> OFF = new OncePerJdk<>(jdk ->
      run(jdk, "slower-off", ",slower=off", "INFO  accelerated "));

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void aKernelSlowerThanItsLoopIsDeoptimizedWithTheFigures(Jdk jdk) {
    JvmResult run = DEFAULT.get(jdk);
    ReportedLoop loop = run.report().loopOf(SUM_LONGS);
    assertEquals("deoptimized", loop.state(), run::describe);
    assertTrue(loop.description().startsWith("measured slower than the original loop in this"
        + " application: the kernel took "), run::describe);
    assertTrue(loop.description().endsWith("x the original loop's time per element (median of 5"
        + " windows of at least 16 timed runs of each), more than slower=3%"), run::describe);
    assertTrue(loop.details().stream().anyMatch(d -> d.startsWith("time: kernel ~")),
        run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void withSlowerOffTheKernelStays(Jdk jdk) {
    JvmResult run = OFF.get(jdk);
    assertEquals("accelerated", run.report().loopOf(SUM_LONGS).state(), run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theAppPrintsWhatItPrintsWithoutTheAgent(Jdk jdk) {
    for (JvmResult run : new JvmResult[] {DEFAULT.get(jdk), OFF.get(jdk)}) {
      assertEquals(0, run.exitCode(), run::describe);
      assertEquals(WithoutAgent.SUM_APP.get(jdk).stdout(), run.stdout(), run::describe);
    }
  }
}
