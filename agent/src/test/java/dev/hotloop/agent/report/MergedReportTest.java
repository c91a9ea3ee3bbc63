package dev.hotloop.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports of several JVMs, as the agent writes them in JSON, folded into one. */
class MergedReportTest {

  private static String loop(String method, String state, String extra, long calls,
      long kernelRuns, long guardFailures) {
    return """
        {"class": "com.example.Stats", "method": "%s", "descriptor": "([D)D", "loop": 0,
         "file": "Stats.java", "line": 12, "state": "%s", %s
         "calls": %d, "loopRuns": %d, "iterations": %d, "kernelRuns": %d,
         "guardFailures": %d}
        """.formatted(method, state, extra, calls, calls, calls * 1000, kernelRuns,
        guardFailures);
  }

  private static String report(long pid, String host, String... loops) {
    return """
        {"pid": %d, "host": "%s", "jvm": "OpenJDK 64-Bit Server VM 17.0.15",
         "kernels": "Vector API kernels with 256-bit vectors",
         "loops": [%s], "skipped": []}
        """.formatted(pid, host, String.join(",", loops));
  }

  private static final String KERNEL = "\"kernel\": \"vector, DoubleVector x 4 lanes\",";

  @Test
  void aLoopIsSummedOverTheJvmsThatSawItWithTheStatesEachReached() {
    MergedReport merged = MergedReport.merge(new TreeMap<>(Map.of(
        "hotloop-a-1.json", report(1, "a", loop("sum", "accelerated", KERNEL, 100, 90, 2),
            loop("max", "cold", "", 3, 0, 0)),
        "hotloop-b-2.json", report(2, "b", loop("sum", "accelerated", KERNEL, 50, 50, 0)),
        "hotloop-c-3.json", report(3, "c", loop("sum", "deoptimized",
            "\"reason\": \"its guards failed in 900 of 1,000 runs\",", 40, 10, 900)))),
        List.of());
    assertEquals(3, merged.jvms().size());
    assertEquals(List.of(), merged.unread());
    MergedReport.LoopSummary sum = merged.loops().stream()
        .filter(l -> l.method().equals("sum")).findFirst().orElseThrow();
    assertEquals(3, sum.jvms());
    assertEquals(2, sum.in("accelerated"));
    assertEquals(1, sum.in("deoptimized"));
    assertEquals(190, sum.calls());
    assertEquals(190_000, sum.iterations());
    assertEquals(150, sum.kernelRuns());
    assertEquals(902, sum.guardFailures());
    assertEquals(1, sum.deopts().size());
    assertEquals("c", sum.deopts().get(0).jvm().host());
    MergedReport.LoopSummary max = merged.loops().stream()
        .filter(l -> l.method().equals("max")).findFirst().orElseThrow();
    assertEquals(1, max.jvms());
    assertEquals(1, max.in("cold"));

    String text = merged.render();
    assertTrue(text.startsWith("hotloop merged report: 3 JVMs, 2 loops, 1 accelerated in at"
        + " least one JVM\n"), text);
    assertTrue(text.contains("  com.example.Stats.sum([D)D (Stats.java:12)\n"
        + "               accelerated in 2 of 3 JVMs, deoptimized in 1\n"
        + "               kernel: vector, DoubleVector x 4 lanes\n"
        + "               calls 190  loop runs 190  iterations 190,000  kernel runs 150"
        + "  guard failures 902\n"
        + "               deoptimized in c pid 3: its guards failed in 900 of 1,000 runs\n"),
        text);
  }

  @Test
  void filesThatAreNotReportsAreListedAndLeftOut(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("hotloop-a-1.json"),
        report(1, "a", loop("sum", "accelerated", KERNEL, 10, 10, 0)));
    Files.writeString(dir.resolve("metrics.json"), "{\"cpu\": 0.5}");
    Files.writeString(dir.resolve("truncated.json"), "{\"pid\": 4, \"loops\": [");
    Files.writeString(dir.resolve("bad-loop.json"),
        report(5, "e", "{\"class\": \"com.example.Stats\"}"));
    Files.writeString(dir.resolve("notes.txt"), "not JSON, not looked at");
    MergedReport merged = MergedReport.read(dir);
    assertEquals(1, merged.jvms().size());
    assertEquals(List.of("bad-loop.json", "metrics.json", "truncated.json"),
        merged.unread().stream().map(MergedReport.Unread::file).toList());
    assertTrue(merged.unread().get(1).reason().startsWith("not a hotloop report: expected a"
        + " JSON object with \"pid\" and \"loops\""), merged.unread().get(1).reason());
    assertTrue(merged.unread().get(2).reason().startsWith("not JSON: "),
        merged.unread().get(2).reason());
    // The malformed report's other loops count nowhere.
    assertEquals(10, merged.loops().get(0).calls());
    assertEquals("not a hotloop report: a loop without \"method\"",
        merged.unread().get(0).reason());
    assertTrue(merged.render().contains("hotloop left out 3 files:\n  bad-loop.json: "),
        merged.render());
  }

  @Test
  void theJsonFormHasTheJvmsTheLoopsAndWhatWasLeftOut() {
    MergedReport merged = MergedReport.merge(Map.of(
        "x.json", report(7, "h", loop("sum", "kept", "\"reason\": \"no gain\",", 5, 0, 0))),
        List.of(new MergedReport.Unread("y.json", "could not be read")));
    JsonObject root = JsonParser.parseString(merged.json()).getAsJsonObject();
    assertEquals(7, root.getAsJsonArray("jvms").get(0).getAsJsonObject().get("pid").getAsLong());
    JsonObject sum = root.getAsJsonArray("loops").get(0).getAsJsonObject();
    assertEquals(1, sum.getAsJsonObject("states").get("kept").getAsInt());
    assertEquals(5, sum.get("calls").getAsLong());
    assertEquals("y.json", root.getAsJsonArray("leftOut").get(0).getAsJsonObject()
        .get("file").getAsString());
  }
}
