package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.hotloop.it.apps.loaded.LoaderApp;
import dev.hotloop.it.jvm.AppClasspath;
import dev.hotloop.it.jvm.HotRun;
import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmCommand;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.OncePerJdk;
import dev.hotloop.it.jvm.RunFolder;
import dev.hotloop.it.report.ReportedLoop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loops are accelerated whatever loader defined their class, on every JDK: {@link LoaderApp}
 * calls the same sum in a class of the system loader, of a child {@code URLClassLoader}, of a
 * parallel-capable loader of its own, from a jar nested in a jar, and defined at run time
 * through a {@code Lookup}. Each is accelerated, runs its kernel, and sums right, under
 * {@code -Xverify:all}.
 */
class ClassLoadersTest {

  private static final String PACKAGE = LoaderApp.class.getPackageName() + ".";
  private static final List<String> SUMS = List.of(
      LoaderApp.class.getName() + ".sumInSystemLoader(",
      PACKAGE + "SumInUrlLoader.sum(", PACKAGE + "SumInParallelLoader.sum(",
      PACKAGE + "SumInNestedJar.sum(", PACKAGE + "SumDefinedAtRunTime.sum(");

  private static final OncePerJdk<JvmResult> RUN = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(ClassLoadersTest.class, "loaders", jdk);
    JvmCommand app = JvmCommand.mainClass(jdk, LoaderApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withJvmOptions("-Xverify:all")
        .withAgent(HotRun.HOT_AT_ONCE);
    return new HotRun(SUMS).run(app, folder);
  });

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void eachClassHadTheLoaderItWasMeantToHave(Jdk jdk) {
    JvmResult run = RUN.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    assertEquals(List.of("system: LoaderApp defined by app", "url: SumInUrlLoader defined by urls",
        "parallel: SumInParallelLoader defined by parallel",
        "nested jar: SumInNestedJar defined by parallel",
        "run time: SumDefinedAtRunTime defined by app", "mismatches 0"),
        run.stdoutLines(), run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theSumOfEveryLoaderIsAcceleratedAndRunsItsKernel(Jdk jdk) {
    JvmResult run = RUN.get(jdk);
    for (String sum : SUMS) {
      ReportedLoop loop = run.report().loopOf(sum);
      assertEquals("accelerated", loop.state(), () -> sum + "\n" + run.describe());
      assertTrue(loop.counts().kernelRuns() > 0, () -> sum + "\n" + run.describe());
    }
  }
}
