package dev.hotloop.agent.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * A request to the hotloop agent running in another JVM, as {@code report}, {@code deopt} and
 * {@code detach} send it: the agent jar is loaded into that JVM once more with
 * {@code command=...,out=FILE} as its options; the running agent writes its answer to the file
 * before the load returns. Where no agent runs, nothing is written and nothing starts.
 */
final class AgentRequest {

  /** The agent's answer, or null with the exit code the command ends with. */
  record Answer(String text, int exitCode) {
  }

  private AgentRequest() {
  }

  /**
   * Sends {@code command} (its name and options, such as {@code report,format=json}) to the
   * agent in {@code pid}; problems are told on {@code err} and give an answer without text.
   */
  static Answer send(long pid, String command, PrintWriter err)
      throws IOException, URISyntaxException {
    if (ProcessHandle.of(pid).isEmpty()) {
      err.println("hotloop: no process " + pid + " on this machine");
      return new Answer(null, HotloopCommand.NOT_FOUND);
    }
    Path dir = Files.createTempDirectory("hotloop-request");
    Path out = dir.resolve("answer.txt");
    try {
      File jar = new File(AgentRequest.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      try {
        ByteBuddyAgent.attach(jar, Long.toString(pid), "command=" + command + ",out="
            + out.toAbsolutePath());
      } catch (RuntimeException e) {
        err.println("hotloop: could not reach " + pid + ": "
            + (e.getCause() != null ? e.getCause() : e));
        return new Answer(null, 1);
      }
      if (!Files.exists(out)) {
        err.println("hotloop: hotloop is not running in " + pid + "; start it with hotloop"
            + " attach " + pid + " or -javaagent");
        return new Answer(null, 1);
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (text.startsWith("error: ")) {
        err.print("hotloop: " + text.substring("error: ".length()));
        err.flush();
        return new Answer(null, 1);
      }
      return new Answer(text, 0);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(dir);
    }
  }
}
