package dev.hotloop.agent.report;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.hotloop.agent.registry.ClassRecord;
import dev.hotloop.agent.registry.LoopRecord;
import dev.hotloop.agent.registry.LoopRegistry;
import dev.hotloop.agent.registry.LoopState;
import dev.hotloop.agent.registry.MethodRecord;
import dev.hotloop.agent.registry.SkippedClass;
import dev.hotloop.codegen.body.RuntimeContract;
import dev.hotloop.runtime.Parallel;
import dev.hotloop.runtime.Probes;

/**
 * The report of what the agent did with every loop it considered: accelerated (and with which
 * kernel), rejected (why, where), failed, or still cold, with the counts the probes gathered;
 * then the classes it left as given because their class files were broken, and why.
 * Plain text or JSON, written at exit (to the {@code report=} file: JSON where its name ends in
 * {@code .json}) and on demand ({@code hotloop report <pid>}).
 */
public final class LoopReport implements ReportMXBean {

  private final LoopRegistry registry;
  private final Supplier<String> backend;

  /** A report on {@code registry}'s loops, whose kernels {@code backend} describes. */
  public LoopReport(LoopRegistry registry, Supplier<String> backend) {
    this.registry = registry;
    this.backend = backend;
  }

  @Override
  public String getText() {
    return render();
  }

  @Override
  public String getJson() {
    return json();
  }

  @Override
  public int getLoops() {
    return count(null);
  }

  @Override
  public int getAcceleratedLoops() {
    return count(LoopState.ACCELERATED);
  }

  @Override
  public int getDeoptimizedLoops() {
    return count(LoopState.DEOPTIMIZED);
  }

  /** The loops in {@code state}, or all where it is null. */
  private int count(LoopState state) {
    int n = 0;
    for (ClassRecord c : registry.classes()) {
      for (MethodRecord m : c.methods()) {
        for (LoopRecord l : m.loops()) {
          n += state == null || l.state() == state ? 1 : 0;
        }
      }
    }
    return n;
  }

  /** The report as text, one block per loop. */
  public String render() {
    List<String> blocks = new ArrayList<>();
    int accelerated = 0;
    int total = 0;
    for (ClassRecord c : registry.classes()) {
      for (MethodRecord m : c.methods()) {
        for (LoopRecord l : m.loops()) {
          total++;
          if (l.state() == LoopState.ACCELERATED) {
            accelerated++;
          }
          blocks.add(block(c, m, l));
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("hotloop report: ").append(total).append(total == 1 ? " loop" : " loops")
        .append(" over primitive arrays considered, ").append(accelerated)
        .append(" accelerated (").append(backend.get()).append(")\n");
    for (String b : blocks) {
      sb.append(b);
    }
    List<SkippedClass> skipped = registry.skipped();
    if (!skipped.isEmpty()) {
      sb.append("hotloop left ").append(skipped.size())
          .append(skipped.size() == 1 ? " class" : " classes")
          .append(" as given, without looking for loops:\n");
      for (SkippedClass c : skipped) {
        sb.append("  ").append(c.binaryName()).append(": ").append(c.reason()).append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * The report as JSON: this JVM (pid, host), the kernels' kind, each loop with its state, its
   * detail (plan, kernel, reason) and counts, and the classes left as given.
   */
  public String json() {
    JsonObject root = new JsonObject();
    root.addProperty("pid", ProcessHandle.current().pid());
    root.addProperty("host", hostName());
    // Not the runtime MXBean: starting the platform's management in an application's JVM
    // may set up java.util.logging before the application does.
    root.addProperty("jvm", System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version"));
    root.addProperty("kernels", backend.get());
    JsonArray loops = new JsonArray();
    for (ClassRecord c : registry.classes()) {
      for (MethodRecord m : c.methods()) {
        for (LoopRecord l : m.loops()) {
          loops.add(json(c, m, l));
        }
      }
    }
    root.add("loops", loops);
    JsonArray skipped = new JsonArray();
    for (SkippedClass c : registry.skipped()) {
      JsonObject o = new JsonObject();
      o.addProperty("class", c.binaryName());
      o.addProperty("reason", c.reason());
      skipped.add(o);
    }
    root.add("skipped", skipped);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
  }

  private static JsonObject json(ClassRecord c, MethodRecord m, LoopRecord l) {
    JsonObject o = new JsonObject();
    o.addProperty("class", c.binaryName());
    o.addProperty("method", m.name());
    o.addProperty("descriptor", m.descriptor());
    o.addProperty("loop", l.site().ordinal());
    o.addProperty("file", c.sourceFile());
    o.addProperty("line", l.site().line());
    o.addProperty("state", l.state().label());
    if (l.plan() != null) {
      o.addProperty("plan", l.plan().describe());
    }
    switch (l.state()) {
      case REJECTED -> o.addProperty("reason", l.rejection());
      case FAILED, KEPT, DEOPTIMIZED -> o.addProperty("reason", l.detail());
      case ACCELERATED -> {
        o.addProperty("kernel", l.detail());
        o.addProperty("warmupMillis", l.warmupMillis());
        if (l.warmupTiming() != null) {
          o.addProperty("warmupTiming", l.warmupTiming());
        }
      }
      default -> { }
    }
    if (l.id() >= 0) {
      Probes.LoopCounts counts = Probes.loopCounts(l.id());
      o.addProperty("calls", Probes.calls(m.id()));
      o.addProperty("loopRuns", counts.entries());
      o.addProperty("iterations", counts.trips());
      o.addProperty("kernelRuns", counts.kernelRuns());
      o.addProperty("guardFailures", counts.shadowRuns());
      Probes.LoopTimings t = Probes.loopTimings(l.id());
      if (t.kernelRuns() + t.shadowRuns() + t.originalRuns() > 0) {
        JsonObject time = new JsonObject();
        time.addProperty("kernelRunsTimed", t.kernelRuns());
        addFinite(time, "kernelNanosPerElement", t.kernelNanosPerElement());
        addFinite(time, "kernelMillis", estimatedMillis(t.kernelNanos(), t.kernelRuns(),
            counts.kernelRuns()));
        time.addProperty("shadowRunsTimed", t.shadowRuns());
        addFinite(time, "shadowMillis", estimatedMillis(t.shadowNanos(), t.shadowRuns(),
            counts.shadowRuns()));
        time.addProperty("originalRunsTimed", t.originalRuns());
        addFinite(time, "originalNanosPerElement", t.originalNanosPerElement());
        if (l.comparison() != null) {
          time.addProperty("comparison", l.comparison());
        }
        o.add("time", time);
      }
      String threads = l.state() == LoopState.ACCELERATED ? Parallel.describe(l.id()) : null;
      if (threads != null) {
        o.addProperty("threads", threads);
      }
    }
    return o;
  }

  private static void addFinite(JsonObject o, String name, double value) {
    if (Double.isFinite(value)) {
      o.addProperty(name, Math.round(value * 1000) / 1000.0);
    }
  }

  /**
   * The time all {@code runs} took, estimated from the {@code timed} of them that took
   * {@code nanos}; NaN with none timed.
   */
  private static double estimatedMillis(long nanos, long timed, long runs) {
    return timed == 0 ? Double.NaN : (double) nanos / timed * runs / 1e6;
  }

  /**
   * The time-spent line of a loop's text block, or null before any run was timed: the kernel's
   * and the shadow copy's estimated totals, and how the kernel compares with the original. An
   * accelerated loop whose runs were all too short to time says so.
   */
  private static String timeLine(LoopRecord l, Probes.LoopCounts counts) {
    Probes.LoopTimings t = Probes.loopTimings(l.id());
    if (t.kernelRuns() + t.shadowRuns() == 0) {
      if (l.state() == LoopState.ACCELERATED && counts.kernelRuns() > 0 && t.originalRuns() == 0
          && counts.entries() > 0) {
        return String.format(Locale.ROOT, "time: not measured: runs of fewer than %,d"
            + " iterations (these average %,.0f) are counted, not timed, as reading the clock"
            + " would cost about as much as the run; nor compared with the original loop",
            RuntimeContract.TIMED_RUN_ITERATIONS, (double) counts.trips() / counts.entries());
      }
      return null;
    }
    StringBuilder sb = new StringBuilder("time");
    if (t.kernelRuns() > 0) {
      sb.append(String.format(Locale.ROOT, ": kernel ~%.1f ms (%.3f ns per element, %,d runs"
          + " timed)", estimatedMillis(t.kernelNanos(), t.kernelRuns(), counts.kernelRuns()),
          t.kernelNanosPerElement(), t.kernelRuns()));
    }
    if (t.shadowRuns() > 0) {
      sb.append(String.format(Locale.ROOT, "%s original loop after failed guards ~%.1f ms"
          + " (%,d runs timed)", t.kernelRuns() > 0 ? ";" : ":",
          estimatedMillis(t.shadowNanos(), t.shadowRuns(), counts.shadowRuns()),
          t.shadowRuns()));
    }
    if (l.comparison() != null && (l.detail() == null || !l.detail().contains(l.comparison()))) {
      sb.append("; ").append(l.comparison());
    }
    return sb.toString();
  }

  /** This machine's host name, as the reports give it, or {@code unknown}. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }

  private static String block(ClassRecord c, MethodRecord m, LoopRecord l) {
    String where = (c.sourceFile() == null ? "?" : c.sourceFile())
        + (l.site().line() >= 0 ? ":" + l.site().line() : "");
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "  %-12s %s (%s)%n", l.state().label(),
        m.displayName(), where));
    switch (l.state()) {
      case REJECTED -> sb.append("               ").append(l.rejection()).append('\n');
      case FAILED, DEOPTIMIZED -> sb.append("               ").append(l.detail()).append('\n');
      case KEPT -> sb.append("               ").append(l.plan().describe()).append('\n')
          .append("               kept as it is: ").append(l.detail()).append('\n');
      case ACCELERATED -> sb.append("               ").append(l.detail())
          .append("; warmed in ").append(l.warmupMillis()).append(" ms")
          .append(l.warmupTiming() == null ? "" : "; " + l.warmupTiming()).append('\n');
      default -> sb.append("               ").append(l.plan().describe()).append('\n');
    }
    if (l.id() >= 0) {
      Probes.LoopCounts counts = Probes.loopCounts(l.id());
      sb.append(String.format(Locale.ROOT,
          "               calls %,d  loop runs %,d  iterations %,d  kernel runs %,d"
              + "  guard failures %,d%n",
          Probes.calls(m.id()), counts.entries(), counts.trips(), counts.kernelRuns(),
          counts.shadowRuns()));
      String time = timeLine(l, counts);
      if (time != null) {
        sb.append("               ").append(time).append('\n');
      }
      String threads = l.state() == LoopState.ACCELERATED ? Parallel.describe(l.id()) : null;
      if (threads != null) {
        sb.append("               threads: ").append(threads).append('\n');
      }
      if (l.state() == LoopState.COLD) {
        sb.append(String.format(Locale.ROOT,
            "               turns hot at %,d calls or %,d iterations%n",
            m.settings().thresholds().calls(), m.settings().thresholds().iterations()));
      }
    }
    return sb.toString();
  }
}
