package dev.hotloop.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hotloop.config.ConfigParser;
import dev.hotloop.config.ConfigResult;
import dev.hotloop.config.HotloopConfig;

/**
 * A request the {@code hotloop} command sends to the agent already running in a JVM by loading
 * the agent jar into it once more, with {@code command=...} as the options:
 * {@code command=report,format=text|json,out=FILE} writes the live report to {@code FILE};
 * {@code command=deopt,pattern=PATTERN,out=FILE} switches the methods the pattern selects back
 * to their original bytes for good and writes one line per loop it deoptimized;
 * {@code command=detach,out=FILE} switches every method back and stops transforming. Where no agent
 * runs, nothing is written (the command says so) and nothing is started.
 */
record AgentCommand(String name, boolean json, String pattern, Path out) {

  /** How long a deoptimization may wait for the compile thread to finish what it does. */
  private static final long DEOPT_SECONDS = 30;

  private static final String PREFIX = "command=";

  /** Whether agent options are a command rather than options to start with. */
  static boolean isCommand(String args) {
    return args != null && args.startsWith(PREFIX);
  }

  /**
   * Parses {@code command=NAME,format=FORMAT,out=FILE}; {@code out} comes last, so that a path
   * may hold commas.
   */
  static AgentCommand parse(String args) {
    String rest = args.substring(PREFIX.length());
    int outAt = rest.indexOf(",out=");
    if (outAt < 0) {
      throw new IllegalArgumentException("no out= in hotloop command '" + args + "'");
    }
    Path out = Path.of(rest.substring(outAt + ",out=".length()));
    String[] head = rest.substring(0, outAt).split(",");
    boolean json = false;
    String pattern = null;
    for (int i = 1; i < head.length; i++) {
      json |= head[i].equals("format=json");
      if (head[i].startsWith("pattern=")) {
        pattern = head[i].substring("pattern=".length());
      }
    }
    return new AgentCommand(head[0], json, pattern, out);
  }

  private String deopt(AgentStartup.RunningAgent agent) throws InterruptedException {
    ConfigResult parsed = ConfigParser.parse("hotloop deopt", pattern == null ? "" : pattern);
    if (pattern == null || parsed.hasProblems() || parsed.config().patterns().size() != 1) {
      return "error: expected one method pattern, got '" + pattern + "'"
          + (parsed.hasProblems() ? ": " + parsed.problems().get(0) : "") + "\n";
    }
    HotloopConfig selects = parsed.config();
    List<String> done;
    try {
      done = agent.compiler().deoptimize(m -> selects.select(m.owner().binaryName(), m.name(),
          m.descriptor()).isPresent(), "deoptimized on demand (hotloop deopt " + pattern + ")")
          .get(DEOPT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return "error: " + e + "\n";
    }
    StringBuilder sb = new StringBuilder("deoptimized " + done.size()
        + (done.size() == 1 ? " loop" : " loops") + "\n");
    done.forEach(line -> sb.append("  ").append(line).append('\n'));
    return sb.toString();
  }

  private static String switchedBack(List<String> done) {
    StringBuilder sb = new StringBuilder("detached: " + done.size()
        + (done.size() == 1 ? " loop" : " loops") + " switched back\n");
    done.forEach(line -> sb.append("  ").append(line).append('\n'));
    return sb.toString();
  }

  /** Carries the command out, never throwing into the JVM it was sent to. */
  void run() {
    try {
      if (System.getProperty(AgentStartup.RUNNING_PROPERTY) == null) {
        // No agent here: and its classes must not load, since the runtime they link to is not
        // on the boot class path (the property name is a constant, copied in by javac).
        return;
      }
      AgentStartup.RunningAgent agent = AgentStartup.running();
      if (agent == null) {
        return;
      }
      String text = switch (name) {
        case "report" -> json ? agent.report().json() : agent.report().render();
        case "deopt" -> deopt(agent);
        case "detach" -> switchedBack(AgentStartup.detach(agent));
        default -> "error: unknown command '" + name + "'\n";
      };
      Path partial = out.resolveSibling(out.getFileName() + ".partial");
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      // Whole or not at all: the command reads the file as soon as the attach returns.
      Files.move(partial, out);
    } catch (Exception | LinkageError e) {
      System.err.println("[hotloop] WARN could not carry out '" + name + "': " + e);
    }
  }
}
