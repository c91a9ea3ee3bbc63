package dev.hotloop.agent.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.util.concurrent.Callable;

import dev.hotloop.config.ConfigParser;
import dev.hotloop.config.ConfigResult;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hotloop deopt <pid> <pattern>}: switches the methods a pattern selects back to the
 * bytes the application wrote, in the agent running in a JVM, for good.
 */
@Command(name = "deopt", mixinStandardHelpOptions = true,
    description = {
        "Switches methods back to their original code in a JVM where hotloop runs.",
        "Every profiled or accelerated loop of the methods <pattern> selects becomes"
            + " 'deoptimized' (the report says it was on demand) and its method returns to the"
            + " bytes the application wrote, by retransformation; hotloop never tries those"
            + " loops again. <pattern> is one method pattern of the config file's syntax"
            + " (docs/config.md), e.g. com.example.Stats::mean or 'com.example.**'."})
final class DeoptCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<pid>", description = "The process id of the JVM.")
  long pid;

  @Parameters(index = "1", paramLabel = "<pattern>",
      description = "A method pattern: class glob, optionally ::method glob and descriptor.")
  String pattern;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws URISyntaxException, IOException {
    ConfigResult parsed = ConfigParser.parse("<pattern>", pattern);
    if (parsed.hasProblems() || parsed.config().patterns().size() != 1
        || pattern.contains(",")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "expected one method"
          + " pattern, got '" + pattern + "'" + (parsed.hasProblems() ? ": "
          + parsed.problems().get(0) : ""));
    }
    AgentRequest.Answer answer = AgentRequest.send(pid, "deopt,pattern=" + pattern,
        spec.commandLine().getErr());
    if (answer.text() == null) {
      return answer.exitCode();
    }
    spec.commandLine().getOut().print(answer.text());
    spec.commandLine().getOut().flush();
    if (answer.text().startsWith("deoptimized 0 loops")) {
      spec.commandLine().getErr().println("hotloop: no profiled or accelerated loop in " + pid
          + " matches " + pattern);
      return 1;
    }
    return 0;
  }
}
