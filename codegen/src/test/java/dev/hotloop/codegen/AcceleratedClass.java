package dev.hotloop.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hotloop.analyzer.DeclaredFields;
import dev.hotloop.analyzer.LoopAnalyzer;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.analyzer.plan.MethodAnalysis;
import dev.hotloop.codegen.body.ClassRewriter;
import dev.hotloop.codegen.body.LoopRewrite;
import dev.hotloop.codegen.body.MethodRewrite;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.codegen.kernel.KernelEmitter;
import dev.hotloop.codegen.kernel.KernelRequest;
import dev.hotloop.runtime.Probes;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A fixture class with every loop that has a plan rewritten (to run a kernel, or only to be
 * profiled), defined in a class loader of its own beside its kernels, as the agent would.
 */
final class AcceleratedClass {

  private static final AtomicInteger KERNELS = new AtomicInteger();

  static {
    // One run in three timed, one in twelve sent to the original loop to compare: so every
    // road through a rewritten loop runs in the tests, not one in 64 as in an application.
    Probes.setSampling(3, true);
  }

  /**
   * Runs of at least this many iterations may be timed in the tests, not from
   * {@link dev.hotloop.codegen.body.RuntimeContract#TIMED_RUN_ITERATIONS} as in an application:
   * so that the fixtures' short arrays take both the untimed and the timed roads.
   */
  static final int TIMED_FROM = 8;

  final Class<?> rewritten;
  /** The class file of {@link #rewritten}. */
  final byte[] rewrittenBytes;
  final Map<String, List<Kernel>> kernelsByMethod;
  final Map<String, List<Integer>> loopIdsByMethod;

  private AcceleratedClass(Class<?> rewritten, byte[] rewrittenBytes,
      Map<String, List<Kernel>> kernels, Map<String, List<Integer>> loopIds) {
    this.rewritten = rewritten;
    this.rewrittenBytes = rewrittenBytes;
    this.kernelsByMethod = kernels;
    this.loopIdsByMethod = loopIds;
  }

  /**
   * Runs of loop {@code loopId} whose guards held: each ran the kernel, or was sent to the
   * original loop to compare the two.
   */
  static long guardsHeld(int loopId) {
    return Probes.loopCounts(loopId).kernelRuns() + Probes.loopTimings(loopId).originalRuns();
  }

  static byte[] bytesOf(Class<?> c) throws IOException {
    try (InputStream in = c.getClassLoader()
        .getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  /** Defines {@code bytes} as class {@code name} in a loader of its own. */
  static Class<?> define(String name, byte[] bytes) throws ClassNotFoundException {
    ClassLoader loader = new ClassLoader(AcceleratedClass.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String n) throws ClassNotFoundException {
        if (!n.equals(name)) {
          throw new ClassNotFoundException(n);
        }
        return defineClass(n, bytes, 0, bytes.length);
      }
    };
    return Class.forName(name, true, loader);
  }

  /** Rewrites every planned loop of {@code fixture}: kernels when {@code accelerate}. */
  static AcceleratedClass of(Class<?> fixture, KernelBackend backend, boolean fastmath,
      boolean accelerate) throws Exception {
    return of(fixture.getName(), bytesOf(fixture), backend, fastmath, accelerate);
  }

  /** As {@link #of(Class, KernelBackend, boolean, boolean)}, for a class given as bytes. */
  static AcceleratedClass of(String className, byte[] original, KernelBackend backend,
      boolean fastmath, boolean accelerate) throws Exception {
    return of(className, original, backend, fastmath, accelerate, false);
  }

  /**
   * Rewrites every planned loop of {@code fixture} to run a kernel whose passes split large
   * ranges across threads where they may ({@code parallel}).
   */
  static AcceleratedClass parallel(Class<?> fixture, KernelBackend backend, boolean fastmath)
      throws Exception {
    return of(fixture.getName(), bytesOf(fixture), backend, fastmath, true, true);
  }

  private static AcceleratedClass of(String className, byte[] original, KernelBackend backend,
      boolean fastmath, boolean accelerate, boolean parallel) throws Exception {
    ClassNode node = new ClassNode();
    new ClassReader(original).accept(node, ClassReader.EXPAND_FRAMES);
    Map<String, byte[]> classes = new HashMap<>();
    List<MethodRewrite> rewrites = new ArrayList<>();
    Map<String, List<Kernel>> kernels = new HashMap<>();
    Map<String, List<Integer>> loopIds = new HashMap<>();
    for (MethodNode m : node.methods) {
      MethodAnalysis analysis = LoopAnalyzer.analyze(DeclaredFields.of(node), m);
      if (!analysis.hasPlan()) {
        continue;
      }
      int methodId = Probes.registerMethod(Long.MAX_VALUE, Long.MAX_VALUE);
      Map<Integer, LoopRewrite> loops = new HashMap<>();
      for (LoopPlan plan : analysis.plans()) {
        int loopId = Probes.registerLoop(methodId);
        // Compared from the first run, where the agent waits for the method to be compiled.
        Probes.startComparing(loopId);
        loopIds.computeIfAbsent(m.name, k -> new ArrayList<>()).add(loopId);
        if (accelerate) {
          String name = "dev/hotloop/runtime/TestKernel" + KERNELS.incrementAndGet();
          Kernel kernel = KernelEmitter.emit(new KernelRequest(plan, name, backend, fastmath,
              parallel, loopId));
          classes.put(kernel.binaryName(), kernel.bytes());
          kernels.computeIfAbsent(m.name, k -> new ArrayList<>()).add(kernel);
          loops.put(plan.site().ordinal(), new LoopRewrite.Accelerate(loopId, kernel, TIMED_FROM));
        } else {
          loops.put(plan.site().ordinal(), new LoopRewrite.Profile(loopId));
        }
      }
      rewrites.add(new MethodRewrite(m.name, m.desc, methodId, loops));
    }
    byte[] rewrittenBytes = ClassRewriter.rewrite(original, rewrites);
    classes.put(className, rewrittenBytes);
    ClassLoader loader = new ClassLoader(AcceleratedClass.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          byte[] bytes = classes.get(name);
          if (bytes == null) {
            return super.loadClass(name, resolve);
          }
          Class<?> c = findLoadedClass(name);
          return c != null ? c : defineClass(name, bytes, 0, bytes.length);
        }
      }
    };
    return new AcceleratedClass(Class.forName(className, true, loader), rewrittenBytes, kernels,
        loopIds);
  }
}
