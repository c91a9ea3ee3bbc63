package dev.hotloop.agent.cli;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import net.bytebuddy.agent.ByteBuddyAgent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotloop attach <pid>}: loads the agent into a running JVM through Byte Buddy's attach
 * support, with the options {@code -javaagent} would take.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
    description = {
        "Loads hotloop into a running JVM.",
        "From then on it profiles the JVM's"
            + " application classes (those already loaded are retransformed) and accelerates"
            + " the loops that get hot, as with -javaagent.",
        "Where hotloop already runs, the config given replaces the running one (what was"
            + " accelerated switches back, and loaded classes are analyzed afresh); no second"
            + " agent starts.",
        "On JDK 21 and later the JVM prints a warning about a dynamically loaded agent unless"
            + " it was started with -XX:+EnableDynamicAgentLoading. SIMD kernels need the"
            + " JVM to have been started with --add-modules jdk.incubator.vector."})
final class AttachCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<pid>", description = "The process id of the JVM.")
  long pid;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A config file of method patterns (docs/config.md); read by the target JVM.")
  Path config;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Where the target writes its report when it exits.")
  Path report;

  @Option(names = {"-o", "--options"}, paramLabel = "KEY=VALUE,...",
      description = "More agent options, as after -javaagent:hotloop-agent.jar= (calls=,"
          + " iterations=, log=, vector=).")
  String options;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws URISyntaxException {
    if (ProcessHandle.of(pid).isEmpty()) {
      spec.commandLine().getErr().println("hotloop: no process " + pid + " on this machine");
      return HotloopCommand.NOT_FOUND;
    }
    if (config != null && !Files.isReadable(config)) {
      spec.commandLine().getErr().println("hotloop: cannot read config file " + config);
      return HotloopCommand.NOT_FOUND;
    }
    List<String> agentOptions = new ArrayList<>();
    if (config != null) {
      // The target resolves paths against its own working directory: give it an absolute one.
      agentOptions.add("config=" + config.toAbsolutePath());
    }
    if (report != null) {
      agentOptions.add("report=" + report.toAbsolutePath());
    }
    if (options != null && !options.isBlank()) {
      agentOptions.add(options);
    }
    File jar = new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    try {
      ByteBuddyAgent.attach(jar, Long.toString(pid), String.join(",", agentOptions));
    } catch (RuntimeException e) {
      spec.commandLine().getErr().println("hotloop: could not attach to " + pid + ": "
          + (e.getCause() != null ? e.getCause() : e));
      spec.commandLine().getErr().println("  Is it a HotSpot JVM run by this user? A JVM started"
          + " with -XX:+DisableAttachMechanism refuses attach; a JVM attaches to itself only"
          + " with -Djdk.attach.allowAttachSelf=true.");
      return 1;
    }
    spec.commandLine().getOut().println("hotloop attached to " + pid
        + (agentOptions.isEmpty() ? "" : " with " + String.join(",", agentOptions)));
    return 0;
  }
}
