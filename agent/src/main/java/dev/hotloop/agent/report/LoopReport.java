package dev.hotloop.agent.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.hotloop.agent.registry.ClassRecord;
import dev.hotloop.agent.registry.LoopRecord;
import dev.hotloop.agent.registry.LoopRegistry;
import dev.hotloop.agent.registry.LoopState;
import dev.hotloop.agent.registry.MethodRecord;
import dev.hotloop.agent.registry.SkippedClass;
import dev.hotloop.runtime.Probes;

/**
 * The report of what the agent did with every loop it considered: accelerated (and with which
 * kernel), rejected (why, where), failed, or still cold, with the counts the probes gathered;
 * then the classes it left as given because their class files were broken, and why.
 * Plain text, written at exit and to the {@code report=} file.
 */
public final class LoopReport {

  private final LoopRegistry registry;
  private final String backend;

  public LoopReport(LoopRegistry registry, String backend) {
    this.registry = registry;
    this.backend = backend;
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
        .append(" accelerated (").append(backend).append(")\n");
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

  private static String block(ClassRecord c, MethodRecord m, LoopRecord l) {
    String where = (c.sourceFile() == null ? "?" : c.sourceFile())
        + (l.site().line() >= 0 ? ":" + l.site().line() : "");
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "  %-12s %s (%s)%n", l.state().label(),
        m.displayName(), where));
    switch (l.state()) {
      case REJECTED -> sb.append("               ").append(l.rejection()).append('\n');
      case FAILED -> sb.append("               ").append(l.detail()).append('\n');
      case KEPT -> sb.append("               ").append(l.plan().describe()).append('\n')
          .append("               kept as it is: ").append(l.detail()).append('\n');
      case ACCELERATED -> sb.append("               ").append(l.detail())
          .append("; warmed in ").append(l.warmupMillis()).append(" ms\n");
      default -> sb.append("               ").append(l.plan().describe()).append('\n');
    }
    if (l.id() >= 0) {
      Probes.LoopCounts counts = Probes.loopCounts(l.id());
      sb.append(String.format(Locale.ROOT,
          "               calls %,d  loop runs %,d  iterations %,d  kernel runs %,d"
              + "  guard failures %,d%n",
          Probes.calls(m.id()), counts.entries(), counts.trips(), counts.kernelRuns(),
          counts.shadowRuns()));
      if (l.state() == LoopState.COLD) {
        sb.append(String.format(Locale.ROOT,
            "               turns hot at %,d calls or %,d iterations%n",
            m.settings().thresholds().calls(), m.settings().thresholds().iterations()));
      }
    }
    return sb.toString();
  }
}
