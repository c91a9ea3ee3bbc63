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
 * Every class, method and loop the agent has analyzed, keyed by defining loader and class name,
 * and the ids that tie them to the runtime counters. Loaders are held weakly.
 */
public final class LoopRegistry {

  /** A method's analysis with the settings the config gives it. */
  public record AnalyzedMethod(MethodAnalysis analysis, MethodSettings settings) {
  }

  private final Map<ClassLoader, Map<String, ClassRecord>> byLoader = new WeakHashMap<>();
  private final List<ClassRecord> classes = new CopyOnWriteArrayList<>();
  private final Map<Integer, MethodRecord> methodsById = new ConcurrentHashMap<>();

  /** The record of a class analyzed before, or null. */
  public synchronized ClassRecord find(ClassLoader loader, String internalName) {
    Map<String, ClassRecord> names = byLoader.get(loader);
    return names == null ? null : names.get(internalName);
  }

  /** Records a newly analyzed class; ids for its planned loops are registered with the runtime. */
  public synchronized ClassRecord register(ClassLoader loader, String internalName,
      String sourceFile, List<AnalyzedMethod> methods) {
    ClassRecord existing = find(loader, internalName);
    if (existing != null) {
      return existing;
    }
    ClassRecord record = new ClassRecord(internalName, loader, sourceFile);
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
              ? LoopRecord.planned(Probes.registerLoop(methodId), acc.plan())
              : LoopRecord.kept(acc.plan(), noGain));
        } else {
          loops.add(LoopRecord.rejected(v.site(), ((LoopVerdict.Rejected) v).rejection().reason()));
        }
      }
      MethodRecord method = new MethodRecord(methodId, record, a.name(), a.descriptor(),
          m.settings(), loops);
      record.add(method);
      if (methodId >= 0) {
        methodsById.put(methodId, method);
      }
    }
    byLoader.computeIfAbsent(loader, l -> new HashMap<>()).put(internalName, record);
    classes.add(record);
    return record;
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
