package dev.hotloop.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.hotloop.agent.report.MergedReport;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotloop report <pid>}: the live report of the agent running in a JVM, as an
 * {@link AgentRequest}; nothing else changes in the JVM. {@code hotloop report --merge DIR}:
 * the JSON reports that the JVMs of a job wrote to {@code DIR}, folded into one
 * ({@link MergedReport}).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {
        "Prints the live report of the hotloop agent running in a JVM, or, with --merge, one"
            + " report for the JVMs of a job from the JSON reports they wrote.",
        "Each loop hotloop considered, with its state (cold, warming, accelerated, kept,"
            + " rejected, failed, deoptimized), its plan or kernel or the reason, and the"
            + " counts so far:"
            + " calls, loop runs, iterations, kernel runs and guard failures, and the time"
            + " spent in the kernel and in the original loop after failed guards (estimated"
            + " from the runs timed: about one in 64 of those of 4,096 iterations or more),"
            + " and for a parallel loop which sizes of run it splits across threads."
            + " The JVM must"
            + " run hotloop (from -javaagent or hotloop attach); on JDK 21 and later, each"
            + " report prints the JVM's warning about a dynamically loaded agent unless it was"
            + " started with -XX:+EnableDynamicAgentLoading.",
        // Descriptions are format strings: %% for a %.
        "With --merge DIR: every *.json report in DIR (as report=DIR/hotloop-%%h-%%p.json, or"
            + " report=DIR for an existing DIR, has each JVM write one), one summary per loop:"
            + " in how many of the JVMs that saw it the loop was accelerated (or kept,"
            + " deoptimized, ...), its counts summed over them, and which JVMs deoptimized it"
            + " and why. Files that are not hotloop reports are listed, and left out."})
final class ReportCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "<pid>",
      description = "The process id of the JVM.")
  Long pid;

  @Option(names = "--merge", paramLabel = "DIR",
      description = "Merge the JSON reports in DIR instead of asking a running JVM.")
  Path merge;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws URISyntaxException, IOException {
    if ((pid == null) == (merge == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "expected either <pid> or --merge DIR");
    }
    if (merge != null) {
      return merged();
    }
    AgentRequest.Answer answer = AgentRequest.send(pid,
        "report,format=" + (json ? "json" : "text"), spec.commandLine().getErr());
    if (answer.text() != null) {
      spec.commandLine().getOut().print(answer.text());
      spec.commandLine().getOut().flush();
    }
    return answer.exitCode();
  }

  private int merged() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(merge)) {
      err.println("hotloop: no such directory: " + merge);
      err.flush();
      return HotloopCommand.NOT_FOUND;
    }
    MergedReport report = MergedReport.read(merge);
    if (report.jvms().isEmpty()) {
      err.println("hotloop: no hotloop report in " + merge + " (expected *.json files, as"
          + " report=" + merge + "/hotloop-%h-%p.json writes)");
      for (MergedReport.Unread u : report.unread()) {
        err.println("  " + u.file() + ": " + u.reason());
      }
      err.flush();
      return HotloopCommand.NOT_FOUND;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json ? report.json() : report.render());
    out.flush();
    return 0;
  }
}
