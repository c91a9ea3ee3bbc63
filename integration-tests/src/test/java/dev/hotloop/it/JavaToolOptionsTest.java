package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.hotloop.it.apps.SumApp;
import dev.hotloop.it.jvm.AgentJar;
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
 * The agent given by the environment, as a container gives every JVM in it its options
 * ({@code ENV JAVA_TOOL_OPTIONS=...} in an image, {@code env:} in a pod spec), on every JDK:
 * {@code JAVA_TOOL_OPTIONS} holds {@code -javaagent:...} and {@code --add-modules} and nothing
 * is on the command line; the JVM says it picked them up, the sum is accelerated, the report
 * goes to the file named there, and the app prints what it prints without the agent.
 */
class JavaToolOptionsTest {

  private static final String REPORT = "hotloop-report.txt";

  private static final OncePerJdk<JvmResult> RUN = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(JavaToolOptionsTest.class, "java-tool-options", jdk);
    folder.write("sums.conf", "dev.hotloop.it.apps.SumApp::sumLongs\n");
    String options = "-javaagent:" + AgentJar.locate().path() + "=config=sums.conf,report="
        + REPORT + "," + HotRun.HOT_AT_ONCE + " --add-modules=" + JvmCommand.VECTOR_MODULE;
    JvmCommand app = JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
        .withEnvironment("JAVA_TOOL_OPTIONS", options);
    return HotRun.of(SumApp.class, List.of("sumLongs")).run(app, folder);
  });

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theAgentFromTheEnvironmentAcceleratesTheSum(Jdk jdk) {
    JvmResult run = RUN.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(run.stderr().startsWith("Picked up JAVA_TOOL_OPTIONS: -javaagent:"),
        run::describe);
    String text = run.folder().read(REPORT);
    HotloopReport report = HotloopReport.find(text).orElseThrow(
        () -> new AssertionError("no report in " + REPORT + "\n" + run.describe()));
    assertEquals("accelerated", report.loopOf(SumApp.class.getName() + ".sumLongs(").state(),
        text);
    assertTrue(report.text().contains("Vector API kernels"), text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theAppPrintsWhatItPrintsWithoutTheAgent(Jdk jdk) {
    JvmResult run = RUN.get(jdk);
    assertEquals(WithoutAgent.SUM_APP.get(jdk).stdout(), run.stdout(), run::describe);
  }
}
