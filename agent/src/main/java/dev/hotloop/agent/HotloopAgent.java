package dev.hotloop.agent;

import java.lang.instrument.Instrumentation;

import dev.hotloop.agent.boot.RuntimeInstaller;

/**
 * The agent's entry points: {@code premain} for {@code -javaagent:hotloop-agent.jar[=options]}
 * and {@code agentmain} for attaching to a running JVM. This class links against nothing of the
 * runtime: the JVM verifies it before {@code premain} runs, and the runtime classes can only be
 * resolved once {@link RuntimeInstaller} has put them on the bootstrap class path.
 */
public final class HotloopAgent {

  private HotloopAgent() {
  }

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    if (AgentCommand.isCommand(args)) {
      // A request to the agent already running here (hotloop report), not a start.
      AgentCommand.parse(args).run();
      return;
    }
    start(args, inst, true);
  }

  private static void start(String args, Instrumentation inst, boolean attached) {
    long started = System.nanoTime();
    String runtimeFrom;
    try {
      runtimeFrom = RuntimeInstaller.install(inst);
    } catch (Throwable t) {
      System.err.println("[hotloop] ERROR hotloop could not start and is disabled: " + t);
      return;
    }
    AgentStartup.start(args, inst, attached, runtimeFrom, started);
  }
}
