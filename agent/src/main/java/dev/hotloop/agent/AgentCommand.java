package dev.hotloop.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.hotloop.agent.report.LoopReport;

/**
 * A request the {@code hotloop} command sends to the agent already running in a JVM by loading
 * the agent jar into it once more, with {@code command=...} as the options:
 * {@code command=report,format=text|json,out=FILE} writes the live report to {@code FILE}. Where
 * no agent runs, nothing is written (the command says so) and nothing is started.
 */
record AgentCommand(String name, boolean json, Path out) {

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
    for (int i = 1; i < head.length; i++) {
      json |= head[i].equals("format=json");
    }
    return new AgentCommand(head[0], json, out);
  }

  /** Carries the command out, never throwing into the JVM it was sent to. */
  void run() {
    try {
      if (System.getProperty(AgentStartup.RUNNING_PROPERTY) == null) {
        // No agent here: and its classes must not load, since the runtime they link to is not
        // on the boot class path (the property name is a constant, copied in by javac).
        return;
      }
      LoopReport report = AgentStartup.liveReport();
      if (report == null || !name.equals("report")) {
        return;
      }
      Path partial = out.resolveSibling(out.getFileName() + ".partial");
      Files.writeString(partial, json ? report.json() : report.render(), StandardCharsets.UTF_8);
      // Whole or not at all: the command reads the file as soon as the attach returns.
      Files.move(partial, out);
    } catch (IOException | RuntimeException | LinkageError e) {
      System.err.println("[hotloop] WARN could not carry out '" + name + "': " + e);
    }
  }
}
