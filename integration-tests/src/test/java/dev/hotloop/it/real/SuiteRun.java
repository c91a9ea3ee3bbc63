package dev.hotloop.it.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmCommand;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.RunFolder;
import dev.hotloop.it.report.HotloopReport;

/**
 * One run of a real library's own test suite in a child JVM, by the JUnit Platform Console
 * Launcher, with or without the agent: the JVM's result, how every test case ended, and the
 * agent's report when it was attached.
 *
 * <p>The run's folder is its working directory, with {@code src/test/resources} leading to the
 * library's unpacked tests, as in the library's own build: some tests open their resources by
 * that path. Both runs resolve the Vector API module, so that they differ in the agent alone.
 */
public record SuiteRun(JvmResult result, TestOutcomes outcomes, Optional<HotloopReport> report) {

  /**
   * The agent's options: a method turns hot after 20 calls or 2,000 iterations, so that loops
   * are accelerated early in a suite whose tests each call the library a few times, and vector
   * kernels are used without being timed against scalar code first, so that which loops run
   * kernels does not depend on how busy the machine is, and more of them run; nor compared with
   * their loops once running ({@code slower=off}), for the same reason.
   */
  public static final String AGENT_OPTIONS = "calls=20,iterations=2000,vector=always,slower=off,"
      + "report=" + SuiteRun.REPORT_FILE;

  /** The agent's report, in the run's folder. */
  public static final String REPORT_FILE = "hotloop-report.txt";

  private static final String LAUNCHER = "org.junit.platform.console.ConsoleLauncher";
  private static final String REPORTS = "junit-reports";
  /** A suite takes 20 to 60 seconds here; this only keeps a hung one from hanging the build. */
  private static final Duration TIMEOUT = Duration.ofMinutes(6);

  /** Runs {@code library}'s suite on {@code jdk} without the agent, in {@code folder}. */
  public static SuiteRun withoutAgent(RealLibrary library, Jdk jdk, RunFolder folder) {
    return run(library, command(library, jdk), folder, false);
  }

  /** Runs {@code library}'s suite on {@code jdk} with the agent, in {@code folder}. */
  public static SuiteRun withAgent(RealLibrary library, Jdk jdk, RunFolder folder) {
    return run(library, command(library, jdk).withAgent(AGENT_OPTIONS), folder, true);
  }

  private static JvmCommand command(RealLibrary library, Jdk jdk) {
    List<Path> classpath = new ArrayList<>(RealLibrary.launcherClasspath());
    classpath.addAll(library.classpath());
    List<String> args = new ArrayList<>(List.of("execute", "--disable-banner",
        "--details=summary", "--fail-if-no-tests",
        "--scan-classpath", library.testClasses().toString(), "--reports-dir", REPORTS));
    for (String excluded : library.excludedTestClasses()) {
      args.add("--exclude-classname");
      args.add(excluded);
    }
    return JvmCommand.mainClass(jdk, LAUNCHER, classpath, library.folderName())
        .withVectorModule()
        .withArgs(args.toArray(String[]::new));
  }

  private static SuiteRun run(RealLibrary library, JvmCommand command, RunFolder folder,
      boolean agent) {
    linkResources(folder, library);
    JvmResult result = command.run(folder, TIMEOUT);
    if (result.timedOut()) {
      throw new AssertionError("the suite ran out of time\n" + describe(result));
    }
    TestOutcomes outcomes = TestOutcomes.read(folder.resolve(REPORTS));
    Optional<HotloopReport> report = Optional.empty();
    if (agent) {
      Path file = folder.resolve(REPORT_FILE);
      if (!Files.isRegularFile(file)) {
        throw new AssertionError("the agent wrote no " + REPORT_FILE + "\n" + describe(result));
      }
      report = HotloopReport.find(folder.read(REPORT_FILE));
    }
    return new SuiteRun(result, outcomes, report);
  }

  /** The run's folder gets {@code src/test/resources}, leading to the unpacked tests. */
  private static void linkResources(RunFolder folder, RealLibrary library) {
    Path link = folder.resolve("src/test/resources");
    try {
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, library.testClasses());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The run's command, folder and exit, and the end of its output: a suite prints a line per
   * failing test, and the whole of it is in the run's folder.
   */
  public static String describe(JvmResult result) {
    return "command: " + String.join(" ", result.command())
        + "\nfolder:  " + result.folder().path()
        + "\nexit:    " + result.exitCode() + " after " + result.elapsed().toMillis() + " ms"
        + "\n--- end of stdout ---\n" + tail(result.stdout())
        + "\n--- end of stderr ---\n" + tail(result.stderr());
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
