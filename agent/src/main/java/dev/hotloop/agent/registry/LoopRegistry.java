package dev.hotloop.agent.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.hotloop.analyzer.plan.LoopVerdict;
import dev.hotloop.analyzer.plan.MethodAnalysis;
import dev.hotloop.codegen.kernel.KernelEmitter;
import dev.hotloop.config.MethodSettings;
import dev.hotloop.runtime.Probes;

/**
 * Every class, method and loop the agent has analyzed, keyed by defining loader, class name and
 * the class file's fingerprint, and the ids that tie them to the runtime counters; and the
 * classes it left alone because their class files were broken. Loaders are held weakly.
 *
 * <p>The fingerprint matters because one loader may be given a name twice: when the JVM refuses
 * the first class file (a format error ASM does not see) and the loader then defines other
 * bytes under the same name, the plans made from the first bytes must never be applied to the
 * second.
 */
public final class LoopRegistry {

  /** A method's analysis with the settings the config gives it. */
  public record AnalyzedMethod(MethodAnalysis analysis, MethodSettings settings) {
  }

  private final Map<ClassLoader, Map<String, List<ClassRecord>>> byLoader = new WeakHashMap<>();
  private final List<ClassRecord> classes = new CopyOnWriteArrayList<>();
  private final List<SkippedClass> skipped = new CopyOnWriteArrayList<>();
  private final Map<Integer, MethodRecord> methodsById = new ConcurrentHashMap<>();
  private final LoopEvents events;

  /** A registry whose loops tell nobody of their verdicts. */
  public LoopRegistry() {
    this(LoopEvents.NONE);
  }

  /** A registry whose loops tell {@code events} of each verdict they reach. */
  public LoopRegistry(LoopEvents events) {
    this.events = events;
  }

  /** The record of the class file {@code fingerprint} analyzed before, or null. */
  public synchronized ClassRecord find(ClassLoader loader, String internalName,
      long fingerprint) {
    for (ClassRecord r : recorded(loader, internalName)) {
      if (r.fingerprint() == fingerprint) {
        return r;
      }
    }
    return null;
  }

  /** The last record of a class of that name in that loader, whatever its bytes, or null. */
  public synchronized ClassRecord find(ClassLoader loader, String internalName) {
    List<ClassRecord> records = recorded(loader, internalName);
    return records.isEmpty() ? null : records.get(records.size() - 1);
  }

  private List<ClassRecord> recorded(ClassLoader loader, String internalName) {
    Map<String, List<ClassRecord>> names = byLoader.get(loader);
    List<ClassRecord> records = names == null ? null : names.get(internalName);
    return records == null ? List.of() : records;
  }

  /**
   * Records a newly analyzed class file; ids for its planned loops are registered with the
   * runtime.
   */
  public synchronized ClassRecord register(ClassLoader loader, String internalName,
      long fingerprint, String sourceFile, List<AnalyzedMethod> methods) {
    ClassRecord existing = find(loader, internalName, fingerprint);
    if (existing != null) {
      return existing;
    }
    ClassRecord record = new ClassRecord(internalName, loader, fingerprint, sourceFile);
    for (AnalyzedMethod m : methods) {
      MethodAnalysis a = m.analysis();
      boolean fastmath = m.settings().fastmath();
      boolean gains = a.plans().stream()
          .anyMatch(p -> KernelEmitter.whyNoGain(p, fastmath) == null);
      int methodId = gains
          ? Probes.registerMethod(m.settings().thresholds().calls(),
              m.settings().thresholds().iterations())
          : -1;
      List<LoopRecord> loops = new ArrayList<>();
      for (LoopVerdict v : a.loops()) {
        if (v instanceof LoopVerdict.Accepted acc) {
          String noGain = KernelEmitter.whyNoGain(acc.plan(), fastmath);
          loops.add(noGain == null
              ? LoopRecord.planned(Probes.registerLoop(methodId), acc.plan(), events)
              : LoopRecord.kept(acc.plan(), noGain, events));
        } else {
          loops.add(LoopRecord.rejected(v.site(), ((LoopVerdict.Rejected) v).rejection().reason(),
              events));
        }
      }
      MethodRecord method = new MethodRecord(methodId, record, a.name(), a.descriptor(),
          m.settings(), loops);
      record.add(method);
      if (methodId >= 0) {
        methodsById.put(methodId, method);
      }
    }
    byLoader.computeIfAbsent(loader, l -> new HashMap<>())
        .computeIfAbsent(internalName, n -> new ArrayList<>()).add(record);
    classes.add(record);
    return record;
  }

  /**
   * Forgets which class files were analyzed, so that each is analyzed afresh the next time it
   * is transformed (under a new config); the records stay in the report.
   */
  public synchronized void forgetAnalyses() {
    byLoader.clear();
  }

  /** Records a class left as it was given, and why. */
  public void skip(SkippedClass skippedClass) {
    skipped.add(skippedClass);
  }

  /** The classes left as they were given, in order. */
  public List<SkippedClass> skipped() {
    return List.copyOf(skipped);
  }

  /** The method with runtime id {@code id}, or null. */
  public MethodRecord method(int id) {
    return methodsById.get(id);
  }

  /** Every class recorded, in the order they were analyzed. */
  public List<ClassRecord> classes() {
    return List.copyOf(classes);
  }
}
