package dev.hotloop.agent.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Field;

import dev.hotloop.analyzer.DeclaredFields;
import dev.hotloop.analyzer.LoopAnalyzer;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.codegen.kernel.KernelEmitter;
import dev.hotloop.codegen.kernel.KernelRequest;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * How a kernel is warmed and timed: the length, from the loop's profiled average trip count;
 * and a warm-up of a real kernel class, which leaves the class holding no arrays.
 */
class KernelWarmupTest {

  @Test
  void shortRunsAreTimedAtTheirOwnLength() {
    assertEquals(10, KernelWarmup.lengthFor(10.4));
    assertEquals(3, KernelWarmup.lengthFor(2.6));
    assertEquals(1, KernelWarmup.lengthFor(0.2));
  }

  @Test
  void anUnknownAverageGetsTheDefaultAndLongRunsTheLongestArrays() {
    assertEquals(KernelWarmup.DEFAULT_LENGTH, KernelWarmup.lengthFor(-1));
    assertEquals(KernelWarmup.DEFAULT_LENGTH, KernelWarmup.lengthFor(Double.NaN));
    assertEquals(KernelWarmup.MAX_LENGTH, KernelWarmup.lengthFor(1e9));
  }

  @Test
  void theTestJvmHasTheEscapeAnalysisThatTellsCompiledWarmCodeApart() {
    // Surefire's JVM runs C2 with its defaults: the warm-up must wait for C2's code there.
    assertTrue(KernelWarmup.MARK_REMOVED);
  }

  @Test
  void aWarmedKernelIsTimedAndKeepsNoArrays() throws Throwable {
    Kernel kernel = KernelEmitter.emit(new KernelRequest(plan("intDotProduct"),
        "dev/hotloop/agent/compile/WarmedKernel", KernelBackend.Scalar.INSTANCE, false));
    Class<?> kernelClass = define(kernel);

    KernelWarmup.Result warm = KernelWarmup.warm(kernelClass, kernel, 100);

    assertTrue(warm.calls() >= KernelWarmup.MIN_CALLS, "calls: " + warm.calls());
    assertTrue(warm.nanosPerElement() > 0 && warm.nanosPerElement() < 1_000,
        "ns per element: " + warm.nanosPerElement());
    int arrays = 0;
    for (Field f : kernelClass.getDeclaredFields()) {
      if (f.getName().matches("WARM[0-9]+_[0-9]+")) {
        f.setAccessible(true);
        assertEquals(0, Array.getLength(f.get(null)), f.getName() + " still holds elements");
        arrays++;
      }
    }
    assertEquals(2, arrays, "the dot product's two arrays");
  }

  /** The loop under test: a dot product of two {@code int[]}s. */
  static int intDotProduct(int[] a, int[] b) {
    int s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static LoopPlan plan(String method) throws Exception {
    ClassNode node = new ClassNode();
    String resource = KernelWarmupTest.class.getName().replace('.', '/') + ".class";
    try (InputStream in = KernelWarmupTest.class.getClassLoader()
        .getResourceAsStream(resource)) {
      new ClassReader(in.readAllBytes()).accept(node, ClassReader.EXPAND_FRAMES);
    }
    for (MethodNode m : node.methods) {
      if (m.name.equals(method)) {
        return LoopAnalyzer.analyze(DeclaredFields.of(node), m).plans().get(0);
      }
    }
    throw new AssertionError("no method " + method);
  }

  private static Class<?> define(Kernel kernel) {
    byte[] bytes = kernel.bytes();
    return new ClassLoader(KernelWarmupTest.class.getClassLoader()) {
      Class<?> define() {
        return defineClass(kernel.binaryName(), bytes, 0, bytes.length);
      }
    }.define();
  }
}
