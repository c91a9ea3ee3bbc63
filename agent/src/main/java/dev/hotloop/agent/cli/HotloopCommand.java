package dev.hotloop.agent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hotloop} command ({@code bin/hotloop}, or {@code java -jar hotloop-agent.jar}):
 * subcommands that attach the agent to a running JVM, fetch the live report of the agent
 * running in one, switch methods there back to their original code (some, or all with detach),
 * and explain, before
 * anything runs, what it would do with the loops of a jar. Exit codes: 0 done, 1 the work
 * failed (say, the JVM refused the attach), 2 the command line is wrong, 3 what it names does
 * not exist.
 */
@Command(name = "hotloop", mixinStandardHelpOptions = true,
    versionProvider = HotloopCommand.Version.class,
    description = "Accelerates hot loops over primitive arrays in running JVMs.",
    subcommands = {AttachCommand.class, ExplainCommand.class, ReportCommand.class,
        DeoptCommand.class, DetachCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done",
        "1:the work failed (the JVM refused the attach, a jar could not be read)",
        "2:the command line is wrong",
        "3:what it names does not exist (no such process, no such file)"})
public final class HotloopCommand implements Runnable {

  /** Exit code: what the command names does not exist. */
  static final int NOT_FOUND = 3;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with every subcommand, as {@link #main} runs it. */
  public static CommandLine commandLine() {
    return new CommandLine(new HotloopCommand());
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "expected a command: attach, deopt, detach, explain or report");
  }

  /** The version in the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = HotloopCommand.class.getPackage().getImplementationVersion();
      return new String[] {"hotloop " + (v == null ? "(development build)" : v)};
    }
  }
}
