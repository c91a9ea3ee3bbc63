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
    if (ProcessHandle.of(pid).isEmpty()) {
      spec.commandLine().getErr().println("hotloop: no process " + pid + " on this machine");
      return HotloopCommand.NOT_FOUND;
    }
    Path dir = Files.createTempDirectory("hotloop-detach");
    Path out = dir.resolve("detach.txt");
    try {
      File jar = new File(DetachCommand.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      try {
        ByteBuddyAgent.attach(jar, Long.toString(pid), "command=detach,out="
            + out.toAbsolutePath());
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
      return 0;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(dir);
    }
  }
}
