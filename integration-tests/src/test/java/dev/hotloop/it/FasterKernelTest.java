package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import dev.hotloop.it.apps.SumApp;
import dev.hotloop.it.jvm.AppClasspath;
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
 * The end of the comparison of a kernel that measures far faster than the loop it replaced, on
 * every JDK: {@link SumApp#sumLongsBoxed}, whose original loop boxes every partial sum. Once
 * the agent has seen enough, it sends no more runs to the original loop and installs the class
 * again, so that C2 compiles the method anew without that path; the loop stays accelerated, the
 * report says it was compared no further, and the app prints what it prints without the agent.
 */
class FasterKernelTest {

  private static final String SUM_LONGS_BOXED = SumApp.class.getName() + ".sumLongsBoxed(";
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  private static final OncePerJdk<JvmResult> RUN = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(FasterKernelTest.class, "boxed", jdk);
    folder.write("sum-longs-boxed.conf", "dev.hotloop.it.apps.SumApp::sumLongsBoxed\n");
    JvmCommand app = JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withAgent("config=sum-longs-boxed.conf,calls=50,iterations=10000,log=debug")
        .withArgs(String.valueOf(STEP_TIMEOUT.toMillis()));
    try (JvmProcess running = app.start(folder)) {
      running.awaitStderr(line -> line.startsWith("[hotloop] DEBUG installed "
          + SumApp.class.getName() + " again after its comparison ended"), STEP_TIMEOUT);
      running.send("stop");
      return running.finish(STEP_TIMEOUT);
    }
  });

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void aFarFasterKernelIsComparedNoFurtherAndStays(Jdk jdk) {
    JvmResult run = RUN.get(jdk);
    ReportedLoop loop = run.report().loopOf(SUM_LONGS_BOXED);
    assertEquals("accelerated", loop.state(), run::describe);
    assertTrue(String.join("\n", loop.details()).contains("; compared no further"),
        run::describe);
    assertTrue(loop.counts().kernelRuns() > 0, run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theAppPrintsWhatItPrintsWithoutTheAgent(Jdk jdk) {
    JvmResult run = RUN.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals(WithoutAgent.SUM_APP.get(jdk).stdout(), run.stdout(), run::describe);
  }
}
