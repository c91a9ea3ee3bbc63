package dev.hotloop.it.jvm;

import java.time.Duration;
import java.util.List;

import dev.hotloop.it.report.HotloopReport;

/**
 * What a finished child JVM left: its exit code (-1 when it had to be killed), whether it ran
 * out of time, and everything it printed.
 */
public record JvmResult(List<String> command, RunFolder folder, int exitCode, boolean timedOut,
    Duration elapsed, String stdout, String stderr) {

  /** The prefix of every line the agent logs. */
  public static final String AGENT_LINE_PREFIX = "[hotloop] ";

  public List<String> stdoutLines() {
    return stdout.lines().toList();
  }

  public List<String> stderrLines() {
    return stderr.lines().toList();
  }

  /** The lines the agent logged on standard error, in order. */
  public List<String> agentLines() {
    return stderrLines().stream().filter(l -> l.startsWith(AGENT_LINE_PREFIX)).toList();
  }

  /** The report the agent printed on standard error at exit; fails when there is none. */
  public HotloopReport report() {
    return HotloopReport.find(stderr).orElseThrow(
        () -> new AssertionError("no hotloop report on standard error\n" + describe()));
  }

  /** Everything about the run, for assertion messages. */
  public String describe() {
    return "command: " + String.join(" ", command)
        + "\nfolder:  " + folder.path()
        + "\nexit:    " + (timedOut ? "killed after " + elapsed.toMillis() + " ms"
            : exitCode + " after " + elapsed.toMillis() + " ms")
        + "\n--- stdout ---\n" + stdout
        + "\n--- stderr ---\n" + stderr
        + "\n--------------";
  }
}
