package dev.hotloop.agent.cli;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import net.bytebuddy.agent.ByteBuddyAgent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotloop report <pid>}: the live report of the agent running in a JVM, fetched by
 * loading the agent jar into it once more with a command the running agent answers (it writes
 * the report to a file this command reads); nothing else changes in the JVM.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {
        "Prints the live report of the hotloop agent running in a JVM.",
        "Each loop hotloop considered, with its state (cold, warming, accelerated, kept,"
            + " rejected, failed), its plan or kernel or the reason, and the counts so far:"
            + " calls, loop runs, iterations, kernel runs and guard failures. The JVM must"
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
    if (ProcessHandle.of(pid).isEmpty()) {
      spec.commandLine().getErr().println("hotloop: no process " + pid + " on this machine");
      return HotloopCommand.NOT_FOUND;
    }
    Path dir = Files.createTempDirectory("hotloop-report");
    Path out = dir.resolve(json ? "report.json" : "report.txt");
    try {
      File jar = new File(ReportCommand.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      try {
        ByteBuddyAgent.attach(jar, Long.toString(pid), "command=report,format="
            + (json ? "json" : "text") + ",out=" + out.toAbsolutePath());
      } catch (RuntimeException e) {
        spec.commandLine().getErr().println("hotloop: could not reach " + pid + ": "
            + (e.getCause() != null ? e.getCause() : e));
        return 1;
      }
      if (!Files.exists(out)) {
        spec.commandLine().getErr().println("hotloop: hotloop is not running in " + pid
            + "; start it with hotloop attach " + pid + " or -javaagent");
        return 1;
      }
      spec.commandLine().getOut().print(Files.readString(out, StandardCharsets.UTF_8));
      spec.commandLine().getOut().flush();
      return 0;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(dir);
    }
  }
}
