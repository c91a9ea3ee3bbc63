package dev.hotloop.agent.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hotloop detach <pid>}: the agent running in a JVM switches every method it changed
 * back to the application's bytes and stops transforming classes.
 */
@Command(name = "detach", mixinStandardHelpOptions = true,
    description = {
        "Switches every method hotloop changed in a JVM back to its original code.",
        "Every profiled or accelerated loop becomes 'deoptimized' (switched back by hotloop"
            + " detach), its method returns to the bytes the application wrote, and classes"
            + " loaded from then on are left as they are. The agent's classes stay loaded (a"
            + " JVM cannot unload an agent) and its report stays; hotloop attach starts over."})
final class DetachCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<pid>", description = "The process id of the JVM.")
  long pid;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws URISyntaxException, IOException {
    AgentRequest.Answer answer = AgentRequest.send(pid, "detach", spec.commandLine().getErr());
    if (answer.text() != null) {
      spec.commandLine().getOut().print(answer.text());
      spec.commandLine().getOut().flush();
    }
    return answer.exitCode();
  }
}
