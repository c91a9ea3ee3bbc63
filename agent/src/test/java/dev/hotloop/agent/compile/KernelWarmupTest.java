package dev.hotloop.agent.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.List;

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
  void runsOfAMillionAreTimedAtTheirLengthWhereTheHeapAllowsIt() {
    assertEquals(1 << 20, KernelWarmup.maxLength(6L << 30));
    assertEquals(1 << 19, KernelWarmup.maxLength(1L << 30));
    assertEquals(1 << 16, KernelWarmup.maxLength(64L << 20));
    assertEquals(1 << 16, KernelWarmup.maxLength(Long.MAX_VALUE >> 40));
    assertEquals(1 << 20, KernelWarmup.maxLength(Long.MAX_VALUE));
  }

  @Test
  void longRunsAreTimedInBatchesOfAFewMillionElements() {
    assertEquals(KernelWarmup.MIN_TIMED_CALLS, KernelWarmup.timedCalls(KernelWarmup.LONG_RUN));
    assertEquals(KernelWarmup.MIN_TIMED_CALLS, KernelWarmup.timedCalls(10_000));
    assertEquals(32, KernelWarmup.timedCalls(KernelWarmup.LONG_RUN * 2));
    assertEquals(4, KernelWarmup.timedCalls(1 << 20));
    assertEquals(4, KernelWarmup.timedCalls(1_000_000));
    assertEquals(1, KernelWarmup.timedCalls(Integer.MAX_VALUE));
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
    assertEquals(2, emptyWarmArrays(kernelClass), "the dot product's two arrays");
  }

  @Test
  void kernelsTimedInTurnsEachGetTheirTimeAndKeepNoArrays() throws Throwable {
    Kernel dot = KernelEmitter.emit(new KernelRequest(plan("intDotProduct"),
        "dev/hotloop/agent/compile/TurnsDot", KernelBackend.Scalar.INSTANCE, false));
    Kernel sum = KernelEmitter.emit(new KernelRequest(plan("longSum"),
        "dev/hotloop/agent/compile/TurnsSum", KernelBackend.Scalar.INSTANCE, false));
    Class<?> dotClass = define(dot);
    Class<?> sumClass = define(sum);
    KernelWarmup.warmTogether(List.of(dotClass, sumClass), List.of(dot, sum), 5_000);

    double[] nanos = KernelWarmup.timeInTurns(List.of(dotClass, sumClass), List.of(dot, sum),
        5_000, 2, 1);

    assertEquals(2, nanos.length);
    for (double n : nanos) {
      assertTrue(n > 0 && n < 1_000, "ns per element: " + n);
    }
    assertEquals(2, emptyWarmArrays(dotClass), "the dot product's two arrays");
    assertEquals(1, emptyWarmArrays(sumClass), "the sum's one array");
  }

  /** The warm-up arrays a kernel class has, each checked to hold no elements. */
  private static int emptyWarmArrays(Class<?> kernelClass) throws IllegalAccessException {
    int arrays = 0;
    for (Field f : kernelClass.getDeclaredFields()) {
      if (f.getName().matches("WARM[0-9]+_[0-9]+")) {
        f.setAccessible(true);
        assertEquals(0, Array.getLength(f.get(null)), f.getName() + " still holds elements");
        arrays++;
      }
    }
    return arrays;
  }

  /** A second loop, timed in turns with the first: a sum of a {@code long[]}. */
  static long longSum(long[] a) {
    long s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i];
    }
    return s;
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
