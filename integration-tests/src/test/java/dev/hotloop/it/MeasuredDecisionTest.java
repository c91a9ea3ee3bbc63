package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotloop.it.apps.SumApp;
import dev.hotloop.it.jvm.AppClasspath;
import dev.hotloop.it.jvm.HotRun;
import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmCommand;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.OncePerJdk;
import dev.hotloop.it.jvm.RunFolder;
import dev.hotloop.it.report.HotloopReport;
import dev.hotloop.it.report.ReportedLoop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With the default {@code vector=auto}, the agent times each vector kernel against the loop's own
 * code, lifted out of its method (or the plan's scalar form of it), at warm-up and uses it only
 * where it wins. Which loops win depends on the
 * machine and its load, so this proves the contract rather than a list: every loop the agent
 * can vectorize ends either accelerated with a vector kernel, both timings beside it, kept with
 * both timings in the report, or (the default {@code slower=3} compares kernels with their loops in the app too)
 * deoptimized with the figures that measured it slower; and the app prints exactly what it
 * prints without the agent.
 */
class MeasuredDecisionTest {

  private static final OncePerJdk<JvmResult> MEASURED = new OncePerJdk<>(jdk -> {
    JvmCommand app = JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withAgent("calls=50,iterations=10000,vector=auto");
    return HotRun.of(SumApp.class, SumApp.SUMS)
        .run(app, RunFolder.create(MeasuredDecisionTest.class, "measured", jdk));
  });

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void everyVectorKernelIsUsedOnlyWhereItMeasuredFaster(Jdk jdk) {
    JvmResult run = MEASURED.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    HotloopReport report = run.report();
    for (String sum : SumApp.SUMS) {
      ReportedLoop loop = report.loopOf(SumApp.class.getName() + "." + sum + "(");
      String state = loop.state();
      // The yardstick: the loop's own code, lifted out of its method, where it reads locals
      // only and its accumulator is a primitive; the plan's scalar form for a boxed one and for
      // a loop that counts down.
      String yardstick = sum.endsWith("Boxed") || sum.equals("sumDown") ? "scalar code"
          : "the loop's own code";
      if (state.equals("kept")) {
        assertTrue(String.join(" ", loop.details()).matches(
            ".*measured at warm-up on \\d+ elements: [0-9.]+ ns per element as vector code,"
                + " [0-9.]+ as " + yardstick + ".*"),
            () -> sum + "\n" + report.text());
      } else if (state.equals("deoptimized")) {
        assertTrue(loop.description().startsWith("measured slower than the original loop in"
            + " this application: the kernel took "), () -> sum + "\n" + report.text());
      } else {
        assertEquals("accelerated", state, () -> sum + "\n" + report.text());
        if (loop.description().startsWith("vector")) {
          // Beside the kernel, what made the agent choose it.
          assertTrue(loop.description().matches(".*; warmed in \\d+ ms; measured at warm-up"
              + " on \\d+ elements: [0-9.]+ ns per element as vector code, [0-9.]+ as "
              + yardstick), () -> sum + "\n" + report.text());
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void appPrintsExactlyWhatItPrintsWithoutTheAgent(Jdk jdk) {
    JvmResult with = MEASURED.get(jdk);
    JvmResult without = WithoutAgent.SUM_APP.get(jdk);
    assertEquals(without.stdout(), with.stdout(), with::describe);
  }
}
