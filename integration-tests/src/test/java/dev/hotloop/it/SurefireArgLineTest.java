package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.hotloop.it.jvm.AgentJar;
import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmProcess;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.OncePerJdk;
import dev.hotloop.it.jvm.RunFolder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent in a project's unit tests, through Maven Surefire's {@code argLine}, on every JDK:
 * the example project {@code examples/surefire-argline}, copied to a run folder, is built and
 * tested by Maven (the one running this build, offline, on the JDK under test) with
 * {@code -Dhotloop.agent.jar=<the agent jar>}; its tests pass, and the report its test JVM
 * wrote at exit shows the project's loop accelerated.
 */
class SurefireArgLineTest {

  private static final Path EXAMPLE = Path.of(System.getProperty("hotloop.it.surefire-example"));
  private static final Path MAVEN_HOME = Path.of(System.getProperty("hotloop.it.maven-home"));

  private static final OncePerJdk<JvmResult> BUILD = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(SurefireArgLineTest.class, "surefire-argline", jdk);
    Path project = copy(EXAMPLE, folder.resolve("project"));
    List<String> mvn = List.of(MAVEN_HOME.resolve("bin").resolve("mvn").toString(), "-B", "-o",
        "-f", project.resolve("pom.xml").toString(), "verify",
        "-Dhotloop.agent.jar=" + AgentJar.locate().path());
    try (JvmProcess build = JvmProcess.start(mvn, Map.of("JAVA_HOME", jdk.home().toString()),
        folder, "mvn")) {
      return build.finish(Duration.ofMinutes(3));
    }
  });

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theProjectsTestsPassWithTheAgentInTheirJvm(Jdk jdk) {
    JvmResult build = BUILD.get(jdk);
    assertEquals(0, build.exitCode(), build::describe);
    assertTrue(build.stdout().contains("Tests run: 2, Failures: 0, Errors: 0"), build::describe);
    // Surefire passes on what the test JVM wrote to its standard error: the agent's log.
    assertTrue(build.stderr().contains("[hotloop] INFO  accelerated com.example.stats.Histogram"),
        build::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theTestJvmsReportShowsTheLoopAccelerated(Jdk jdk) throws IOException {
    JvmResult build = BUILD.get(jdk);
    Path file = build.folder().resolve("project/target/hotloop-report.json");
    assertTrue(Files.isRegularFile(file), build::describe);
    JsonObject report = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    JsonObject total = null;
    for (JsonElement e : report.getAsJsonArray("loops")) {
      JsonObject loop = e.getAsJsonObject();
      if (loop.get("method").getAsString().equals("total")) {
        total = loop;
      }
    }
    assertTrue(total != null, report::toString);
    assertEquals("com.example.stats.Histogram", total.get("class").getAsString());
    assertEquals("accelerated", total.get("state").getAsString(), report::toString);
    assertTrue(total.get("kernelRuns").getAsLong() > 0, report::toString);
  }

  /** Copies the project's sources and config, not any {@code target} a local build left. */
  private static Path copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path relative = from.relativize(f);
        if (relative.startsWith("target")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }
}
