package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.hotloop.it.apps.SumApp;
import dev.hotloop.it.jvm.AgentJar;
import dev.hotloop.it.jvm.AppClasspath;
import dev.hotloop.it.jvm.HotRun;
import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmCommand;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.OncePerJdk;
import dev.hotloop.it.jvm.RunFolder;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One report for the JVMs of a job, on every JDK: two JVMs of {@link SumApp} started with the
 * same agent options, as the executors of a Spark job are, each write their JSON report into one
 * folder, named for their host and pid ({@code report=<dir>/hotloop-%h-%p.json} in one,
 * {@code report=<dir>} in the other); {@code hotloop report --merge <dir>}, run from the agent
 * jar, folds them into one summary per loop: the sum accelerated in 2 of 2 JVMs, its counts the
 * two JVMs' summed.
 */
class MergedReportsTest {

  private static final String SUM_LONGS = SumApp.class.getName() + ".sumLongs(";

  /** The two apps' results, the merge's text and its JSON. */
  private record Merge(JvmResult first, JvmResult second, Path reports, JvmResult text,
      JvmResult json) {

    String describe() {
      return "first app:\n" + first.describe() + "\nsecond app:\n" + second.describe()
          + "\nmerge:\n" + text.describe() + "\nmerge --json:\n" + json.describe();
    }
  }

  private static final OncePerJdk<Merge> MERGE = new OncePerJdk<>(MergedReportsTest::merge);

  private static JvmResult app(Jdk jdk, String scenario, String report) {
    RunFolder folder = RunFolder.create(MergedReportsTest.class, scenario, jdk);
    folder.write("sums.conf", "dev.hotloop.it.apps.SumApp::sumLongs\n");
    JvmCommand app = JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN)
        .withVectorModule()
        .withAgent("config=sums.conf,report=" + report + "," + HotRun.HOT_AT_ONCE);
    return HotRun.of(SumApp.class, List.of("sumLongs")).run(app, folder);
  }

  private static Merge merge(Jdk jdk) {
    RunFolder merging = RunFolder.create(MergedReportsTest.class, "merge", jdk);
    Path reports = merging.resolve("reports").toAbsolutePath();
    // The first JVM creates the folder (its name has the placeholders); the second finds it.
    JvmResult first = app(jdk, "first", reports + "/hotloop-%h-%p.json");
    JvmResult second = app(jdk, "second", reports.toString());
    Path jar = AgentJar.locate().path();
    JvmResult text = JvmCommand.jar(jdk, jar, "merge-text")
        .withArgs("report", "--merge", reports.toString()).run(merging, Duration.ofSeconds(60));
    JvmResult json = JvmCommand.jar(jdk, jar, "merge-json")
        .withArgs("report", "--merge", reports.toString(), "--json")
        .run(merging, Duration.ofSeconds(60));
    return new Merge(first, second, reports, text, json);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void eachJvmWritesItsOwnReportNamedForItsHostAndPid(Jdk jdk) {
    Merge m = MERGE.get(jdk);
    assertEquals(0, m.first().exitCode(), m::describe);
    assertEquals(0, m.second().exitCode(), m::describe);
    List<String> names;
    try (Stream<Path> files = Files.list(m.reports())) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(2, names.size(), names::toString);
    for (String name : names) {
      assertTrue(name.matches("hotloop-[A-Za-z0-9._-]+-[0-9]+\\.json"), name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theMergeSaysTheSumWasAcceleratedInBothJvmsWithTheirCountsSummed(Jdk jdk) {
    Merge m = MERGE.get(jdk);
    assertEquals(0, m.text().exitCode(), m::describe);
    String out = m.text().stdout();
    assertTrue(out.startsWith("hotloop merged report: 2 JVMs, "), m::describe);
    List<String> lines = m.text().stdoutLines();
    int at = blockOf(lines, SUM_LONGS);
    assertTrue(at >= 0, m::describe);
    assertEquals("accelerated in 2 of 2 JVMs", lines.get(at + 1).strip(), m::describe);

    assertEquals(0, m.json().exitCode(), m::describe);
    JsonObject root = JsonParser.parseString(m.json().stdout()).getAsJsonObject();
    assertEquals(2, root.getAsJsonArray("jvms").size(), m::describe);
    JsonObject merged = sumLongs(root);
    assertEquals(2, merged.getAsJsonObject("states").get("accelerated").getAsInt(),
        m::describe);
    long eachJvm = 0;
    try (Stream<Path> files = Files.list(m.reports())) {
      for (Path f : files.toList()) {
        long runs = sumLongs(JsonParser.parseString(Files.readString(f)).getAsJsonObject())
            .get("kernelRuns").getAsLong();
        assertTrue(runs > 0, m::describe);
        eachJvm += runs;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(eachJvm, merged.get("kernelRuns").getAsLong(), m::describe);
  }

  /** The entry of {@code SumApp.sumLongs}'s loop in a report, merged or not. */
  private static JsonObject sumLongs(JsonObject report) {
    for (var e : report.getAsJsonArray("loops")) {
      JsonObject loop = e.getAsJsonObject();
      if (loop.get("method").getAsString().equals("sumLongs")) {
        return loop;
      }
    }
    throw new AssertionError("no sumLongs loop in " + report);
  }

  /** The index of the first line of {@code method}'s block in the merged text, or -1. */
  private static int blockOf(List<String> lines, String method) {
    String prefix = "  " + method.substring(0, method.length() - 1) + "([J)J (SumApp.java:";
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
