package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

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
 * Proves {@code report=<file>} on every JDK: the exit report goes to that file (a path relative
 * to the working directory), complete with the accelerated loop and its counts, and not to
 * standard error, where the agent says where it went instead.
 */
class ReportFileTest {

  private static final String REPORT_FILE = "hotloop-report.txt";

  private static final OncePerJdk<JvmResult> WITH_REPORT_FILE = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(ReportFileTest.class, "report-file", jdk);
    folder.write("sums.conf", "dev.hotloop.it.apps.SumApp::sumLongs\n");
    JvmCommand app = JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withAgent("config=sums.conf,report=" + REPORT_FILE + "," + HotRun.HOT_AT_ONCE);
    return HotRun.of(SumApp.class, List.of("sumLongs")).run(app, folder);
  });

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void reportIsWrittenToTheFile(Jdk jdk) {
    JvmResult run = WITH_REPORT_FILE.get(jdk);
    assertEquals(0, run.exitCode(), run::describe);
    assertTrue(Files.isRegularFile(run.folder().resolve(REPORT_FILE)), run::describe);
    String text = run.folder().read(REPORT_FILE);
    HotloopReport report = HotloopReport.find(text).orElseThrow(
        () -> new AssertionError("no report in " + REPORT_FILE + ":\n" + text));
    assertTrue(text.startsWith("hotloop report: "), text);
    ReportedLoop loop = report.loopOf(SumApp.class.getName() + ".sumLongs(");
    assertEquals("accelerated", loop.state(), text);
    assertTrue(loop.counts().kernelRuns() > 0, text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void reportIsNotPrintedOnStandardError(Jdk jdk) {
    JvmResult run = WITH_REPORT_FILE.get(jdk);
    assertTrue(HotloopReport.find(run.stderr()).isEmpty(), run::describe);
    assertTrue(run.agentLines().contains("[hotloop] INFO  report written to " + REPORT_FILE),
        run::describe);
  }
}
