package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.hotloop.it.apps.ParallelApp;
import dev.hotloop.it.jvm.AppClasspath;
import dev.hotloop.it.jvm.HotRun;
import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmCommand;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.OncePerJdk;
import dev.hotloop.it.jvm.RunFolder;
import dev.hotloop.it.report.HotloopReport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code parallel} option on every JDK: {@link ParallelApp}'s loops over a million elements
 * may run split across threads where their result cannot change (the {@code long} sum, the
 * {@code int} maximum, the map), and the report says which way their runs measured faster;
 * the strict {@code double} sum of squares stays on one thread, and the app prints what it
 * prints without the agent.
 */
class ParallelOptionTest {

  private static final List<String> METHODS = List.of("sumLongs", "maxInts", "scale");

  private static final OncePerJdk<JvmResult> PARALLEL = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(ParallelOptionTest.class, "parallel", jdk);
    folder.write("parallel.conf", "dev.hotloop.it.apps.ParallelApp parallel\n");
    JvmCommand app = JvmCommand.mainClass(jdk, ParallelApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withAgent("config=parallel.conf," + HotRun.HOT_AT_ONCE);
    return HotRun.of(ParallelApp.class, List.of("sumLongs", "maxInts", "sumSquares", "scale"))
        .run(app, folder);
  });

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void exactLoopsRunInParallelAndTheStrictSumDoesNot(Jdk jdk) {
    JvmResult run = PARALLEL.get(jdk);
    HotloopReport report = run.report();
    for (String method : METHODS) {
      var loop = report.loopOf(ParallelApp.class.getName() + "." + method + "(");
      assertEquals("accelerated", loop.state(), () -> method + "\n" + run.describe());
      assertTrue(loop.description().contains(", in parallel on large ranges;"),
          () -> method + "\n" + run.describe());
      // Which way won is the machine's business; that the choice was measured, the report's.
      assertTrue(loop.details().stream().anyMatch(d -> d.matches("threads: runs of 524,288 to"
          + " 1,048,575 elements (split across threads|on one thread) \\(.*")),
          () -> method + "\n" + run.describe());
    }
    var squares = report.loopOf(ParallelApp.class.getName() + ".sumSquares(");
    assertFalse(squares.description().contains("parallel"), run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theAppPrintsWhatItPrintsWithoutTheAgent(Jdk jdk) {
    JvmResult run = PARALLEL.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals(WithoutAgent.PARALLEL_APP.get(jdk).stdout(), run.stdout(), run::describe);
    assertTrue(run.stdout().startsWith("mismatches during the hot loop: 0\n"), run::describe);
  }
}
