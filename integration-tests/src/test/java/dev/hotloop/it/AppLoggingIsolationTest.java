package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.hotloop.it.apps.LoggingApp;
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
 * Proves that the agent's logging and the application's never mix, on every JDK, with
 * {@link LoggingApp} (SLF4J and Logback of its own, its own {@code logback.xml}) run without a
 * config, so that the agent may touch the application's Logback classes too. The app logs
 * exactly as without the agent, its Logback finds only its own provider and configuration
 * (nothing from the agent jar, which the JVM puts on the application class path), none of the
 * agent's lines go through the app's Logback, and the agent did its work meanwhile.
 */
class AppLoggingIsolationTest {

  private static final OncePerJdk<JvmResult> WITH_AGENT = new OncePerJdk<>(jdk -> {
    JvmCommand app = JvmCommand.mainClass(jdk, LoggingApp.class, AppClasspath.WITH_LOGGING)
        .withVectorModule()
        .withAgent(HotRun.HOT_AT_ONCE);
    return HotRun.of(LoggingApp.class, List.of("totalLatency"))
        .run(app, RunFolder.create(AppLoggingIsolationTest.class, "with-agent", jdk));
  });

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void appLogsExactlyAsItDoesWithoutTheAgent(Jdk jdk) {
    JvmResult with = WITH_AGENT.get(jdk);
    JvmResult without = WithoutAgent.LOGGING_APP.get(jdk);
    assertEquals(0, without.exitCode(), without::describe);
    assertTrue(without.stdout().contains("app INFO  LoggingApp [r-42] total latency "),
        without::describe);
    assertEquals(0, with.exitCode(), with::describe);
    assertEquals(without.stdout(), with.stdout(), with::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void appLoggingIsSetUpFromTheAppsOwnFilesOnly(Jdk jdk) {
    JvmResult run = WITH_AGENT.get(jdk);
    List<String> setup = run.stdoutLines().stream().filter(l -> !l.startsWith("app ")).toList();
    assertEquals(List.of("slf4j provider: ch.qos.logback.classic.spi.LogbackServiceProvider"),
        setup.stream().filter(l -> l.startsWith("slf4j provider: ")).toList(), run::describe);
    assertEquals(1, setup.stream().filter(l -> l.startsWith("resource ")).count(),
        run::describe);
    assertTrue(setup.contains("logback status INFO: No custom configurators were discovered as"
        + " a service."), run::describe);
    assertTrue(setup.stream().anyMatch(l -> l.startsWith("logback status INFO: Found resource"
        + " [logback.xml] at [file:") && l.endsWith("/logging-app/logback.xml]")),
        run::describe);
    assertTrue(setup.stream().noneMatch(l -> l.startsWith("logback status WARN")
        || l.startsWith("logback status ERROR")), run::describe);
    assertTrue(setup.stream().noneMatch(l -> l.contains("hotloop-agent")), run::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void agentLinesNeverGoThroughTheAppsLogback(Jdk jdk) {
    JvmResult run = WITH_AGENT.get(jdk);
    assertTrue(run.stdoutLines().stream().noneMatch(l -> l.contains("hotloop")), run::describe);
    assertTrue(run.stderrLines().stream().noneMatch(l -> l.startsWith("app ")), run::describe);
    assertFalse(run.agentLines().isEmpty(), run::describe);
    for (String line : run.agentLines()) {
      assertTrue(line.matches("\\[hotloop] (ERROR|WARN |INFO |DEBUG) \\S.*"), line);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void agentAcceleratesTheAppsLoopWhileItLogs(Jdk jdk) {
    JvmResult run = WITH_AGENT.get(jdk);
    ReportedLoop loop = run.report().loopOf(LoggingApp.class.getName() + ".totalLatency(");
    assertEquals("accelerated", loop.state(), run::describe);
    assertTrue(loop.counts().kernelRuns() > 0, run::describe);
  }
}
