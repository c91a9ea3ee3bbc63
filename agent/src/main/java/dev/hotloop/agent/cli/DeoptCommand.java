package dev.hotloop.agent.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.hotloop.config.ConfigParser;
import dev.hotloop.config.ConfigResult;

import net.bytebuddy.agent.ByteBuddyAgent;
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
    if (ProcessHandle.of(pid).isEmpty()) {
      spec.commandLine().getErr().println("hotloop: no process " + pid + " on this machine");
      return HotloopCommand.NOT_FOUND;
    }
    Path dir = Files.createTempDirectory("hotloop-deopt");
    Path out = dir.resolve("deopt.txt");
    try {
      File jar = new File(DeoptCommand.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      try {
        ByteBuddyAgent.attach(jar, Long.toString(pid), "command=deopt,pattern=" + pattern
            + ",out=" + out.toAbsolutePath());
      } catch (RuntimeException e) {
        spec.commandLine().getErr().println("hotloop: could not reach " + pid + ": "
            + (e.getCause() != null ? e.getCause() : e));
        return 1;
      }
      if (!Files.exists(out)) {
        spec.commandLine().getErr().println("hotloop: hotloop is not running in " + pid);
        return 1;
      }
      String answer = Files.readString(out, StandardCharsets.UTF_8);
      if (answer.startsWith("error: ")) {
        spec.commandLine().getErr().print("hotloop: " + answer.substring("error: ".length()));
        spec.commandLine().getErr().flush();
        return 1;
      }
      spec.commandLine().getOut().print(answer);
      spec.commandLine().getOut().flush();
      if (answer.startsWith("deoptimized 0 loops")) {
        spec.commandLine().getErr().println("hotloop: no profiled or accelerated loop in " + pid
            + " matches " + pattern);
        return 1;
      }
      return 0;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(dir);
    }
  }
}
