package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.hotloop.it.jvm.AgentJar;
import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmCommand;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.RunFolder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code hotloop explain} on a jar from Maven Central that nobody here wrote (Apache Commons
 * Statistics' descriptive statistics), with the real agent jar on every JDK: each loop of the
 * jar with its verdict and source line, in JSON, agreeing with what the agent does when the
 * library's own test suite runs ({@code docs/real-libraries.md}: the int sums get vector
 * kernels, the strict double moments are kept).
 */
class ExplainJarTest {

  private static Path statisticsJar() throws Exception {
    Path lib = Path.of(System.getProperty("hotloop.it.real-libraries.dir"), "commons-statistics",
        "lib");
    try (var files = Files.list(lib)) {
      return files.filter(p -> p.getFileName().toString()
          .matches("commons-statistics-descriptive-[0-9.]+\\.jar")).findFirst().orElseThrow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void explainsEveryLoopOfAThirdPartyJarWithItsVerdictAndLine(Jdk jdk) throws Exception {
    RunFolder folder = RunFolder.create(ExplainJarTest.class, "commons-statistics", jdk);
    JvmResult run = JvmCommand.jar(jdk, AgentJar.locate().path(), "explain")
        .withVectorModule()
        .withArgs("explain", "--json", statisticsJar().toString())
        .run(folder, Duration.ofSeconds(60));
    assertEquals(0, run.exitCode(), run::describe);
    JsonObject root = JsonParser.parseString(run.stdout()).getAsJsonObject();
    assertTrue(root.get("classes").getAsInt() > 50, run::describe);
    List<String> accelerated = new ArrayList<>();
    for (JsonElement e : root.getAsJsonArray("loops")) {
      JsonObject loop = e.getAsJsonObject();
      assertTrue(loop.get("line").getAsInt() > 0, loop::toString);
      assertTrue(loop.get("file").getAsString().endsWith(".java"), loop::toString);
      assertTrue(!loop.get("detail").getAsString().isBlank(), loop::toString);
      String name = loop.get("class").getAsString() + "." + loop.get("method").getAsString();
      switch (loop.get("verdict").getAsString()) {
        case "would accelerate" -> {
          accelerated.add(name);
          assertTrue(loop.get("detail").getAsString().contains("kernel: vector"),
              loop::toString);
        }
        case "kept", "rejected" -> { }
        default -> throw new AssertionError("unknown verdict in " + loop);
      }
    }
    assertTrue(accelerated.contains("org.apache.commons.statistics.descriptive.IntSum.of"),
        run::describe);
    assertTrue(accelerated.contains("org.apache.commons.statistics.descriptive.IntMean.of"),
        run::describe);
    JsonObject summary = root.getAsJsonObject("summary");
    assertEquals(root.getAsJsonArray("loops").size(), summary.get("would accelerate").getAsInt()
        + summary.get("kept").getAsInt() + summary.get("rejected").getAsInt(), run::describe);
    assertTrue(summary.get("kept").getAsInt() > 0 && summary.get("rejected").getAsInt() > 0,
        run::describe);
  }
}
