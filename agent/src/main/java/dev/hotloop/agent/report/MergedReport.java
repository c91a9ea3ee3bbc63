package dev.hotloop.agent.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The JSON reports of several JVMs that ran the agent, folded into one summary per loop: what
 * {@code hotloop report --merge DIR} prints for a job whose JVMs (Spark executors, test forks)
 * each wrote {@code report=DIR/hotloop-%h-%p.json}. A loop is the same loop in every JVM that
 * names the same class, method, descriptor and loop; its summary says in how many of the JVMs
 * that saw it each state was reached, sums the counts, and lists the JVMs that deoptimized it,
 * with why. Files that are not hotloop reports are listed with the reason, and left out.
 */
public final class MergedReport {

  /** One JVM whose report was merged. */
  public record Jvm(String file, long pid, String host, String jvm, String kernels) {

    String label() {
      return host + " pid " + pid;
    }
  }

  /** A file of the directory that was not merged, and why. */
  public record Unread(String file, String reason) {
  }

  /** A JVM that deoptimized a loop, and why. */
  public record Deopt(Jvm jvm, String reason) {
  }

  /** What identifies a loop across JVMs. */
  private record LoopKey(String className, String method, String descriptor, int loop) {
  }

  /** One loop as one JVM's report gives it. */
  private record Entry(LoopKey key, String file, int line, String state, String kernel,
      long calls, long loopRuns, long iterations, long kernelRuns, long guardFailures,
      String reason) {

    static Entry of(JsonObject o) {
      for (String required : List.of("class", "method", "descriptor", "loop")) {
        if (!o.has(required) || !o.get(required).isJsonPrimitive()) {
          throw new IllegalArgumentException("a loop without \"" + required + "\"");
        }
      }
      return new Entry(new LoopKey(o.get("class").getAsString(), o.get("method").getAsString(),
          o.get("descriptor").getAsString(), o.get("loop").getAsInt()),
          text(o, "file", null), o.has("line") ? o.get("line").getAsInt() : -1,
          text(o, "state", "unknown"), text(o, "kernel", null), count(o, "calls"),
          count(o, "loopRuns"), count(o, "iterations"), count(o, "kernelRuns"),
          count(o, "guardFailures"), text(o, "reason", "no reason given"));
    }
  }

  /** One loop over every JVM whose report lists it. */
  public record LoopSummary(String className, String method, String descriptor, int loop,
      String file, int line, int jvms, Map<String, Integer> states, Set<String> kernels,
      long calls, long loopRuns, long iterations, long kernelRuns, long guardFailures,
      List<Deopt> deopts) {

    /** How many of the JVMs that saw the loop had it in {@code state} (a report label). */
    public int in(String state) {
      return states.getOrDefault(state, 0);
    }
  }

  private final List<Jvm> jvms;
  private final List<LoopSummary> loops;
  private final List<Unread> unread;

  private MergedReport(List<Jvm> jvms, List<LoopSummary> loops, List<Unread> unread) {
    this.jvms = List.copyOf(jvms);
    this.loops = List.copyOf(loops);
    this.unread = List.copyOf(unread);
  }

  /** The JVMs merged, in the order of their files' names. */
  public List<Jvm> jvms() {
    return jvms;
  }

  /** The loops, in the order the first report to name each lists them. */
  public List<LoopSummary> loops() {
    return loops;
  }

  /** The {@code .json} files of the directory that were not hotloop reports. */
  public List<Unread> unread() {
    return unread;
  }

  /**
   * Merges every {@code *.json} file directly in {@code dir}, in the order of their names.
   *
   * @throws IOException when the directory cannot be listed
   */
  public static MergedReport read(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json"))
          .filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    Map<String, String> texts = new LinkedHashMap<>();
    List<Unread> unread = new ArrayList<>();
    for (Path f : files) {
      try {
        texts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
      } catch (IOException e) {
        unread.add(new Unread(f.getFileName().toString(), "could not be read: " + e));
      }
    }
    return merge(texts, unread);
  }

  /** Merges reports given as file name and JSON text. */
  static MergedReport merge(Map<String, String> reports, List<Unread> alreadyUnread) {
    List<Jvm> jvms = new ArrayList<>();
    List<Unread> unread = new ArrayList<>(alreadyUnread);
    Map<LoopKey, Fold> folds = new LinkedHashMap<>();
    for (Map.Entry<String, String> report : reports.entrySet()) {
      String file = report.getKey();
      JsonObject root;
      try {
        JsonElement parsed = JsonParser.parseString(report.getValue());
        if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("loops")
            || !parsed.getAsJsonObject().get("loops").isJsonArray()
            || !parsed.getAsJsonObject().has("pid")) {
          unread.add(new Unread(file, "not a hotloop report: expected a JSON object with"
              + " \"pid\" and \"loops\", as report=FILE.json writes"));
          continue;
        }
        root = parsed.getAsJsonObject();
      } catch (JsonParseException | IllegalStateException e) {
        unread.add(new Unread(file, "not JSON: " + firstLine(e.getMessage())));
        continue;
      }
      try {
        Jvm jvm = new Jvm(file, root.get("pid").getAsLong(), text(root, "host", "unknown"),
            text(root, "jvm", "?"), text(root, "kernels", "?"));
        List<Entry> entries = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("loops")) {
          entries.add(Entry.of(e.getAsJsonObject()));
        }
        // Only a report read whole counts: a malformed loop leaves out the whole file.
        for (Entry e : entries) {
          folds.computeIfAbsent(e.key(), k -> new Fold(e)).add(jvm, e);
        }
        jvms.add(jvm);
      } catch (IllegalArgumentException e) {
        unread.add(new Unread(file, "not a hotloop report: " + e.getMessage()));
      } catch (RuntimeException e) {
        // A value of the wrong kind: Gson's own exceptions name it.
        unread.add(new Unread(file, "not a hotloop report: " + e));
      }
    }
    List<LoopSummary> loops = folds.values().stream().map(Fold::summary)
        .collect(Collectors.toList());
    return new MergedReport(jvms, loops, unread);
  }

  /** The merged report as text, one block per loop. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    long accelerated = loops.stream().filter(l -> l.in("accelerated") > 0).count();
    sb.append(String.format(Locale.ROOT, "hotloop merged report: %d %s, %d %s, %d accelerated in"
        + " at least one JVM%n", jvms.size(), jvms.size() == 1 ? "JVM" : "JVMs", loops.size(),
        loops.size() == 1 ? "loop" : "loops", accelerated));
    for (Jvm j : jvms) {
      sb.append(String.format(Locale.ROOT, "  %s: %s, %s (%s)%n", j.file(), j.label(), j.jvm(),
          j.kernels()));
    }
    for (LoopSummary l : loops) {
      sb.append(String.format(Locale.ROOT, "  %s.%s%s (%s:%d)%n", l.className(), l.method(),
          l.descriptor(), l.file() == null ? "?" : l.file(), l.line()));
      sb.append("               ").append(statesLine(l)).append('\n');
      for (String k : l.kernels()) {
        sb.append("               kernel: ").append(k).append('\n');
      }
      sb.append(String.format(Locale.ROOT, "               calls %,d  loop runs %,d  iterations"
          + " %,d  kernel runs %,d  guard failures %,d%n", l.calls(), l.loopRuns(),
          l.iterations(), l.kernelRuns(), l.guardFailures()));
      for (Deopt d : l.deopts()) {
        sb.append("               deoptimized in ").append(d.jvm().label()).append(": ")
            .append(d.reason()).append('\n');
      }
    }
    if (!unread.isEmpty()) {
      sb.append(String.format(Locale.ROOT, "hotloop left out %d %s:%n", unread.size(),
          unread.size() == 1 ? "file" : "files"));
      for (Unread u : unread) {
        sb.append("  ").append(u.file()).append(": ").append(u.reason()).append('\n');
      }
    }
    return sb.toString();
  }

  /** The merged report as JSON: the JVMs, the loops with their states and sums, files left out. */
  public String json() {
    JsonObject root = new JsonObject();
    JsonArray jvmArray = new JsonArray();
    for (Jvm j : jvms) {
      JsonObject o = new JsonObject();
      o.addProperty("file", j.file());
      o.addProperty("pid", j.pid());
      o.addProperty("host", j.host());
      o.addProperty("jvm", j.jvm());
      o.addProperty("kernels", j.kernels());
      jvmArray.add(o);
    }
    root.add("jvms", jvmArray);
    JsonArray loopArray = new JsonArray();
    for (LoopSummary l : loops) {
      JsonObject o = new JsonObject();
      o.addProperty("class", l.className());
      o.addProperty("method", l.method());
      o.addProperty("descriptor", l.descriptor());
      o.addProperty("loop", l.loop());
      o.addProperty("file", l.file());
      o.addProperty("line", l.line());
      o.addProperty("jvms", l.jvms());
      JsonObject states = new JsonObject();
      l.states().forEach(states::addProperty);
      o.add("states", states);
      JsonArray kernels = new JsonArray();
      l.kernels().forEach(kernels::add);
      o.add("kernels", kernels);
      o.addProperty("calls", l.calls());
      o.addProperty("loopRuns", l.loopRuns());
      o.addProperty("iterations", l.iterations());
      o.addProperty("kernelRuns", l.kernelRuns());
      o.addProperty("guardFailures", l.guardFailures());
      JsonArray deopts = new JsonArray();
      for (Deopt d : l.deopts()) {
        JsonObject dj = new JsonObject();
        dj.addProperty("host", d.jvm().host());
        dj.addProperty("pid", d.jvm().pid());
        dj.addProperty("reason", d.reason());
        deopts.add(dj);
      }
      o.add("deoptimized", deopts);
      loopArray.add(o);
    }
    root.add("loops", loopArray);
    JsonArray unreadArray = new JsonArray();
    for (Unread u : unread) {
      JsonObject o = new JsonObject();
      o.addProperty("file", u.file());
      o.addProperty("reason", u.reason());
      unreadArray.add(o);
    }
    root.add("leftOut", unreadArray);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root)
        + "\n";
  }

  /** "accelerated in 2 of 3 JVMs, kept in 1": the states, most frequent first. */
  private static String statesLine(LoopSummary l) {
    List<Map.Entry<String, Integer>> byCount = new ArrayList<>(l.states().entrySet());
    byCount.sort((a, b) -> b.getValue() - a.getValue());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < byCount.size(); i++) {
      Map.Entry<String, Integer> e = byCount.get(i);
      sb.append(i == 0 ? "" : ", ").append(e.getKey()).append(" in ").append(e.getValue());
      if (i == 0) {
        sb.append(" of ").append(l.jvms()).append(l.jvms() == 1 ? " JVM" : " JVMs");
      }
    }
    return sb.toString();
  }

  private static String text(JsonObject o, String name, String absent) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? absent : e.getAsString();
  }

  private static long count(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? 0 : e.getAsLong();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The running fold of one loop's entries. */
  private static final class Fold {
    private final LoopKey key;
    private final String file;
    private final int line;
    private int jvms;
    private final Map<String, Integer> states = new TreeMap<>();
    private final Set<String> kernels = new LinkedHashSet<>();
    private long calls;
    private long loopRuns;
    private long iterations;
    private long kernelRuns;
    private long guardFailures;
    private final List<Deopt> deopts = new ArrayList<>();

    Fold(Entry first) {
      this.key = first.key();
      this.file = first.file();
      this.line = first.line();
    }

    void add(Jvm jvm, Entry e) {
      jvms++;
      states.merge(e.state(), 1, Integer::sum);
      if (e.kernel() != null) {
        kernels.add(e.kernel());
      }
      calls += e.calls();
      loopRuns += e.loopRuns();
      iterations += e.iterations();
      kernelRuns += e.kernelRuns();
      guardFailures += e.guardFailures();
      if (e.state().equals("deoptimized")) {
        deopts.add(new Deopt(jvm, e.reason()));
      }
    }

    LoopSummary summary() {
      return new LoopSummary(key.className(), key.method(), key.descriptor(), key.loop(), file,
          line, jvms, Collections.unmodifiableMap(new TreeMap<>(states)),
          Collections.unmodifiableSet(new LinkedHashSet<>(kernels)), calls, loopRuns, iterations,
          kernelRuns, guardFailures, List.copyOf(deopts));
    }
  }
}
