package dev.hotloop.agent.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotloop report <pid>}: the live report of the agent running in a JVM, as an
 * {@link AgentRequest}; nothing else changes in the JVM.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {
        "Prints the live report of the hotloop agent running in a JVM.",
        "Each loop hotloop considered, with its state (cold, warming, accelerated, kept,"
            + " rejected, failed, deoptimized), its plan or kernel or the reason, and the"
            + " counts so far:"
            + " calls, loop runs, iterations, kernel runs and guard failures, and the time"
            + " spent in the kernel and in the original loop after failed guards (estimated"
            + " from the runs timed, about one in 64). The JVM must"
            + " run hotloop (from -javaagent or hotloop attach); on JDK 21 and later, each"
            + " report prints the JVM's warning about a dynamically loaded agent unless it was"
            + " started with -XX:+EnableDynamicAgentLoading."})
final class ReportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<pid>", description = "The process id of the JVM.")
  long pid;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws URISyntaxException, IOException {
    AgentRequest.Answer answer = AgentRequest.send(pid,
        "report,format=" + (json ? "json" : "text"), spec.commandLine().getErr());
    if (answer.text() != null) {
      spec.commandLine().getOut().print(answer.text());
      spec.commandLine().getOut().flush();
    }
    return answer.exitCode();
  }
}
