package dev.hotloop.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The {@code hotloop} command line: help, exit codes and what explain prints. */
class HotloopCommandTest {

  /** A run of the command: exit code, standard output and standard error. */
  private record Run(int exitCode, String out, String err) {
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = HotloopCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String testClasses() {
    return Path.of("target", "test-classes").toAbsolutePath().toString();
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args : new String[][] {{"--help"}, {"attach", "--help"},
        {"explain", "--help"}, {"report", "--help"}, {"deopt", "--help"}, {"detach", "--help"},
        {"help", "explain"}}) {
      Run r = run(args);
      assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.out().startsWith("Usage: hotloop"), r.out());
    }
  }

  @Test
  void noCommandOrAWrongOneIsAUsageError() {
    assertEquals(2, run().exitCode());
    assertEquals(2, run("explian", "x.jar").exitCode());
    assertEquals(2, run("attach").exitCode());
    assertEquals(2, run("attach", "not-a-pid").exitCode());
    assertEquals(2, run("deopt", "1").exitCode());
    Run badPattern = run("deopt", "1", "com..Stats");
    assertEquals(2, badPattern.exitCode());
    assertTrue(badPattern.err().contains("expected one method pattern"), badPattern.err());
    assertEquals(2, run("explain", testClasses(), "--vector-bits", "300").exitCode());
  }

  @Test
  void namingWhatDoesNotExistSaysSo() {
    Run noProcess = run("attach", "2147483646");
    assertEquals(3, noProcess.exitCode(), noProcess.err());
    assertTrue(noProcess.err().contains("no process 2147483646"), noProcess.err());
    Run noReport = run("report", "2147483646");
    assertEquals(3, noReport.exitCode(), noReport.err());
    assertTrue(noReport.err().contains("no process 2147483646"), noReport.err());
    Run noJar = run("explain", "no-such.jar");
    assertEquals(3, noJar.exitCode());
    assertTrue(noJar.err().contains("no such jar or directory: no-such.jar"), noJar.err());
    Run noConfig = run("explain", testClasses(), "--config", "no-such.conf");
    assertEquals(3, noConfig.exitCode());
    assertTrue(noConfig.err().contains("cannot read config file no-such.conf"), noConfig.err());
  }

  @Test
  void explainPrintsEachLoopWithItsVerdictAndPlace(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("hotloop.conf"),
        "example.shapes.ExplainedLoops\nnot a pattern (\n");
    Run text = run("explain", testClasses(), "--config", config.toString(), "--vector-bits",
        "256");
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("would accelerate example.shapes.ExplainedLoops.sum([I)J"
        + " loop#0 (ExplainedLoops.java:"), text.out());
    assertTrue(text.out().contains("1 would accelerate, 1 kept, 1 rejected"), text.out());
    // The bad line is reported with its file and line, and the rest of the config applies.
    assertTrue(text.err().contains("hotloop.conf:2"), text.err());

    Run json = run("explain", testClasses(), "--config", config.toString(), "--json");
    assertEquals(0, json.exitCode(), json.err());
    JsonObject root = JsonParser.parseString(json.out()).getAsJsonObject();
    assertEquals(3, root.getAsJsonArray("loops").size(), json.out());
    JsonObject summary = root.getAsJsonObject("summary");
    assertEquals(1, summary.get("would accelerate").getAsInt());
    assertEquals(1, summary.get("rejected").getAsInt());
    JsonObject first = root.getAsJsonArray("loops").get(0).getAsJsonObject();
    assertEquals("ExplainedLoops.java", first.get("file").getAsString());
    assertTrue(first.get("line").getAsInt() > 0, first.toString());
  }

  @Test
  void reportMergeFoldsTheReportsOfADirectory(@TempDir Path dir) throws Exception {
    String report = """
        {"pid": %d, "host": "node", "jvm": "OpenJDK", "kernels": "Vector API kernels",
         "loops": [{"class": "com.example.Stats", "method": "sum", "descriptor": "([J)J",
                    "loop": 0, "file": "Stats.java", "line": 9, "state": "%s",
                    "calls": 10, "loopRuns": 10, "iterations": 1000, "kernelRuns": 9,
                    "guardFailures": 0}],
         "skipped": []}
        """;
    Files.writeString(dir.resolve("hotloop-node-1.json"), report.formatted(1, "accelerated"));
    Files.writeString(dir.resolve("hotloop-node-2.json"), report.formatted(2, "kept"));
    Run text = run("report", "--merge", dir.toString());
    assertEquals(0, text.exitCode(), text.err());
    assertTrue(text.out().contains("accelerated in 1 of 2 JVMs, kept in 1"), text.out());
    Run json = run("report", "--merge", dir.toString(), "--json");
    assertEquals(0, json.exitCode(), json.err());
    JsonObject root = JsonParser.parseString(json.out()).getAsJsonObject();
    assertEquals(2, root.getAsJsonArray("jvms").size());
  }

  @Test
  void reportMergeNamesWhatItCannotMerge(@TempDir Path dir) throws Exception {
    Run missing = run("report", "--merge", dir.resolve("nowhere").toString());
    assertEquals(3, missing.exitCode());
    assertTrue(missing.err().contains("no such directory"), missing.err());
    Files.writeString(dir.resolve("other.json"), "[1, 2]");
    Run none = run("report", "--merge", dir.toString());
    assertEquals(3, none.exitCode());
    assertTrue(none.err().contains("no hotloop report in " + dir), none.err());
    assertTrue(none.err().contains("other.json: not a hotloop report"), none.err());
    assertEquals(2, run("report").exitCode());
    assertEquals(2, run("report", "1", "--merge", dir.toString()).exitCode());
  }
}
