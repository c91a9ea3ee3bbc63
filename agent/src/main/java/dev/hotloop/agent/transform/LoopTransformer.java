package dev.hotloop.agent.transform;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.hotloop.agent.registry.ClassRecord;
import dev.hotloop.agent.registry.LoopRecord;
import dev.hotloop.agent.registry.LoopRegistry;
import dev.hotloop.agent.registry.LoopState;
import dev.hotloop.agent.registry.MethodRecord;
import dev.hotloop.agent.registry.SkippedClass;
import dev.hotloop.analyzer.DeclaredFields;
import dev.hotloop.analyzer.LoopAnalyzer;
import dev.hotloop.analyzer.plan.MethodAnalysis;
import dev.hotloop.codegen.body.ClassRewriter;
import dev.hotloop.codegen.body.LoopRewrite;
import dev.hotloop.codegen.body.MethodRewrite;
import dev.hotloop.codegen.body.RuntimeContract;
import dev.hotloop.codegen.kernel.OriginalLoop;
import dev.hotloop.config.HotloopConfig;
import dev.hotloop.config.MethodSettings;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.slf4j.Logger;

/**
 * The class file transformer. When a class is first defined it analyzes the methods the config
 * selects and adds profiling probes to those with a loop plan; on every retransformation it
 * builds the class again from its original bytes and the current state of each loop (profiled,
 * accelerated, or given up). Anything that goes wrong leaves the class, or the one method, as
 * the application wrote it, and is logged once.
 */
public final class LoopTransformer implements ClassFileTransformer {

  private volatile HotloopConfig config;
  private final LoopRegistry registry;
  private final Logger log;
  private final RuntimeVisibility runtime = new RuntimeVisibility();

  public LoopTransformer(HotloopConfig config, LoopRegistry registry, Logger log) {
    this.config = config;
    this.registry = registry;
    this.log = log;
  }
  /** From now on, selects methods with {@code config} (a second attach replaced it). */
  public void useConfig(HotloopConfig config) {
    this.config = config;
  }


  @Override
  public byte[] transform(Module module, ClassLoader loader, String className,
      Class<?> classBeingRedefined, ProtectionDomain protectionDomain, byte[] classfileBuffer) {
    if (className == null || loader == null) {
      // Hidden classes have no name; the boot loader holds the JDK (and our own runtime).
      return null;
    }
    try {
      String binaryName = className.replace('/', '.');
      if (!config.mayTouchClass(binaryName)) {
        return null;
      }
      long fingerprint = ClassRecord.fingerprint(classfileBuffer);
      ClassRecord record = registry.find(loader, className, fingerprint);
      if (record == null) {
        ClassReader reader = new ClassReader(classfileBuffer);
        String broken = ClassFileBounds.problem(reader, classfileBuffer);
        if (broken != null) {
          skip(className, broken);
          return null;
        }
        record = analyze(loader, className, fingerprint, reader);
        if (record == null) {
          return null;
        }
      }
      return rewrite(record, classfileBuffer);
    } catch (Throwable t) {
      skip(className, "could not read or rewrite the class file: " + t);
      log.debug("details", t);
      return null;
    }
  }

  private void skip(String className, String reason) {
    String binaryName = className.replace('/', '.');
    registry.skip(new SkippedClass(binaryName, reason));
    log.warn("left {} as it is: {}", binaryName, reason);
  }

  private ClassRecord analyze(ClassLoader loader, String className, long fingerprint,
      ClassReader reader) {
    Set<String> candidates = CandidateScan.methodsWithPrimitiveArrays(reader);
    if (candidates.isEmpty()) {
      return null;
    }
    String binaryName = className.replace('/', '.');
    ClassNode node = new ClassNode();
    reader.accept(node, ClassReader.EXPAND_FRAMES);
    DeclaredFields fields = DeclaredFields.of(node);
    List<LoopRegistry.AnalyzedMethod> analyzed = new ArrayList<>();
    for (MethodNode m : node.methods) {
      if (!candidates.contains(m.name + m.desc)) {
        continue;
      }
      Optional<MethodSettings> settings = config.select(binaryName, m.name, m.desc);
      if (settings.isEmpty()) {
        continue;
      }
      MethodAnalysis analysis = LoopAnalyzer.analyze(fields, m);
      if (!analysis.loops().isEmpty()) {
        analyzed.add(new LoopRegistry.AnalyzedMethod(analysis, settings.get()));
      }
    }
    if (analyzed.isEmpty()) {
      return null;
    }
    ClassRecord record = registry.register(loader, className, fingerprint, node.sourceFile,
        analyzed);
    for (MethodRecord m : record.methods()) {
      if (!m.isProfiled()) {
        continue;
      }
      MethodNode method = node.methods.stream()
          .filter(n -> n.name.equals(m.name()) && n.desc.equals(m.descriptor()))
          .findFirst().orElseThrow();
      for (LoopRecord l : m.loops()) {
        if (l.plan() != null) {
          // Copied now, while the method's instructions are at hand: the warm-up times the
          // vector kernel against the loop's own code.
          try {
            l.original(OriginalLoop.of(method, l.plan()));
          } catch (RuntimeException e) {
            // Only the yardstick is lost: the plan's scalar form stands in for the loop.
            log.debug("could not lift {} line {} out of its method: {}", m.displayName(),
                l.site().line(), e.toString());
          }
        }
      }
      String unverifiable = VerifierCheck.problem(className, method);
      if (unverifiable != null) {
        String reason = "the JVM's verifier will refuse the method, so it stays as written: "
            + unverifiable;
        log.warn("leaving {} as it is: {}", m.displayName(), reason);
        failPlanned(m, reason);
      }
    }
    if (record.methods().stream().anyMatch(MethodRecord::isProfiled) && !runtime.sees(loader)) {
      String reason = "its class loader (" + loader.getClass().getName() + ") does not see"
          + " hotloop's runtime classes on the boot class path, so rewritten code could not"
          + " call them";
      log.warn("leaving {} as it is: {}", binaryName, reason);
      record.methods().forEach(m -> failPlanned(m, reason));
    }
    for (MethodRecord m : record.methods()) {
      for (LoopRecord l : m.loops()) {
        if (l.state() == LoopState.REJECTED) {
          log.debug("not accelerating {} line {}: {}", m.displayName(), l.site().line(),
              l.rejection());
        } else if (l.state() == LoopState.KEPT) {
          log.debug("keeping {} line {}: {}", m.displayName(), l.site().line(), l.detail());
        } else if (l.state() == LoopState.COLD) {
          log.debug("profiling {} line {}: {}", m.displayName(), l.site().line(),
              l.plan().describe());
        }
      }
    }
    return record;
  }

  /** Gives up on every loop of {@code m} that has a plan, before anything is rewritten. */
  private static void failPlanned(MethodRecord m, String reason) {
    for (LoopRecord l : m.loops()) {
      if (l.state() == LoopState.COLD) {
        l.fail(reason);
      }
    }
  }

  private byte[] rewrite(ClassRecord record, byte[] original) {
    Map<MethodRecord, MethodRewrite> rewrites = new HashMap<>();
    for (MethodRecord m : record.methods()) {
      MethodRewrite r = rewriteOf(m);
      if (r != null) {
        rewrites.put(m, r);
      }
    }
    if (rewrites.isEmpty()) {
      return null;
    }
    try {
      return ClassRewriter.rewrite(original, List.copyOf(rewrites.values()));
    } catch (RuntimeException whole) {
      // Find the methods that cannot be rewritten, give up on their loops, keep the others.
      List<MethodRewrite> survivors = new ArrayList<>();
      for (Map.Entry<MethodRecord, MethodRewrite> e : rewrites.entrySet()) {
        try {
          ClassRewriter.rewrite(original, List.of(e.getValue()));
          survivors.add(e.getValue());
        } catch (RuntimeException one) {
          String reason = whyNotRewritten(one);
          log.warn("leaving {} as it is: {}", e.getKey().displayName(), reason);
          for (LoopRecord l : e.getKey().loops()) {
            if (l.plan() != null) {
              l.fail(reason);
            }
          }
        }
      }
      return survivors.isEmpty() ? null : ClassRewriter.rewrite(original, survivors);
    }
  }

  /** The reason for the report: the JVM's size limits by name, anything else as thrown. */
  static String whyNotRewritten(RuntimeException e) {
    if (e instanceof MethodTooLargeException m) {
      return "method too large after rewriting: its code would be " + m.getCodeSize()
          + " bytes, over the JVM's limit of 65535";
    }
    if (e instanceof ClassTooLargeException c) {
      return "class too large after rewriting: its constant pool would have "
          + c.getConstantPoolCount() + " entries, over the JVM's limit of 65535";
    }
    return "could not rewrite the method: " + e.getMessage();
  }

  private static MethodRewrite rewriteOf(MethodRecord m) {
    if (!m.isProfiled()) {
      return null;
    }
    Map<Integer, LoopRewrite> loops = new HashMap<>();
    for (LoopRecord l : m.loops()) {
      switch (l.state()) {
        case COLD, COMPILING -> loops.put(l.site().ordinal(), new LoopRewrite.Profile(l.id()));
        case ACCELERATED -> loops.put(l.site().ordinal(),
            new LoopRewrite.Accelerate(l.id(), l.kernel(),
                RuntimeContract.TIMED_RUN_ITERATIONS));
        default -> {
          // Rejected and failed loops stay exactly as written.
        }
      }
    }
    return loops.isEmpty() ? null : new MethodRewrite(m.name(), m.descriptor(), m.id(), loops);
  }
}
