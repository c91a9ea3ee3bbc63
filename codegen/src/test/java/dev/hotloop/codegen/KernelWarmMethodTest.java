package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

import dev.hotloop.analyzer.DeclaredFields;
import dev.hotloop.analyzer.LoopAnalyzer;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.codegen.fixtures.MapLoops;
import dev.hotloop.codegen.fixtures.ReductionLoops;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.codegen.kernel.KernelEmitter;
import dev.hotloop.codegen.kernel.KernelRequest;
import dev.hotloop.runtime.LoopCounters;
import dev.hotloop.runtime.Probes;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The {@code warmK} methods the agent times a kernel with, at warm-up: they pay, once per run,
 * the guards and the count the rewritten loop runs in front of the kernel, where a baseline,
 * which stands for the original loop, pays nothing; no warm-up counts into a loop's own
 * counters; and every run of a reduction starts from the identity, as a loop's runs do, rather
 * than from the last run's result, which would chain the runs one after the other; and the
 * arrays it runs on are filled once per length, not in every call, which they would dominate.
 */
class KernelWarmMethodTest {

  private static final int ROUNDS = 100;
  private static final int LENGTH = 10;

  @Test
  void theFirstPassOfAKernelCountsEveryRunAndTheOthersDoNot() throws Exception {
    for (KernelBackend backend : new KernelBackend[] {new KernelBackend.Vector(256),
        KernelBackend.Scalar.INSTANCE}) {
      int loopId = Probes.registerLoop(Probes.registerMethod(Long.MAX_VALUE, Long.MAX_VALUE));
      Class<?> kernel = define(plan(ReductionLoops.class, "sumAndSumOfSquares"), backend, loopId);
      Probes.LoopCounts before = Probes.loopCounts(loopId);

      warm(kernel, 0).invoke(null, ROUNDS, LENGTH, true);
      Probes.LoopCounts charged = new Probes.LoopCounts(ROUNDS, (long) ROUNDS * LENGTH, ROUNDS,
          0);
      assertEquals(charged, warmCounters(kernel), backend.toString());

      warm(kernel, 1).invoke(null, ROUNDS, LENGTH, true);
      assertEquals(charged, warmCounters(kernel), "a second pass is no second run");
      assertEquals(before, Probes.loopCounts(loopId), "the loop's own counts");
    }
  }

  @Test
  void aStoresOnlyKernelCountsItsRuns() throws Exception {
    Class<?> kernel = define(plan(MapLoops.class, "minAndMaxTernaries"),
        new KernelBackend.Vector(256), -1);
    warm(kernel, 0).invoke(null, ROUNDS, LENGTH, true);
    assertEquals(ROUNDS, warmCounters(kernel).entries());
  }

  @Test
  void theBaselineStandsForTheOriginalLoopAndPaysNothing() throws Exception {
    Class<?> baseline = define(plan(ReductionLoops.class, "sumAndSumOfSquares"),
        KernelBackend.Baseline.INSTANCE, -1);
    for (int pass = 0; pass < 2; pass++) {
      warm(baseline, pass).invoke(null, ROUNDS, LENGTH, true);
    }
    assertEquals(new Probes.LoopCounts(0, 0, 0, 0), warmCounters(baseline));
  }

  @Test
  void everyRunOfAReductionStartsFromTheIdentityAndOnlyItsBitsAreKept() throws Exception {
    for (KernelBackend backend : new KernelBackend[] {new KernelBackend.Vector(256),
        KernelBackend.Scalar.INSTANCE, KernelBackend.Baseline.INSTANCE}) {
      Class<?> kernel = define(plan(ReductionLoops.class, "sumAndMaxDoubles"), backend, -1);
      Method warm = warm(kernel, 0);
      // Runs under 64 elements all cover the whole array: the same run, the same result.
      double once = (double) warm.invoke(null, 1, LENGTH, true);
      assertEquals(0L, Double.doubleToRawLongBits((double) warm.invoke(null, 2, LENGTH, true)),
          backend.toString());
      assertEquals(Double.doubleToRawLongBits(once),
          Double.doubleToRawLongBits((double) warm.invoke(null, 3, LENGTH, true)),
          backend.toString());
    }
  }

  @Test
  void theArraysAreFilledOncePerLengthAndLetGoAtLengthZero() throws Exception {
    Class<?> kernel = define(plan(MapLoops.class, "minAndMaxTernaries"),
        new KernelBackend.Vector(256), -1);
    Method fill = kernel.getMethod(Kernel.warmArraysMethod(0), int.class);
    Method warm = warm(kernel, 0);
    fill.invoke(null, LENGTH);
    Object filled = warmArray(kernel);
    warm.invoke(null, ROUNDS, LENGTH, true);
    warm.invoke(null, ROUNDS, LENGTH, true);
    assertSame(filled, warmArray(kernel), "the same arrays, not filled again per call");
    warm.invoke(null, ROUNDS, 3 * LENGTH, true);
    assertEquals(3 * LENGTH, Array.getLength(warmArray(kernel)), "a new length, new arrays");
    fill.invoke(null, 0);
    assertEquals(0, Array.getLength(warmArray(kernel)));
    assertEquals(ROUNDS, (int) warm.invoke(null, ROUNDS, LENGTH, false),
        "filled again when needed");
    assertEquals(LENGTH, Array.getLength(warmArray(kernel)));
  }

  private static Method warm(Class<?> kernel, int pass) throws NoSuchMethodException {
    return kernel.getMethod(Kernel.warmMethod(pass), int.class, int.class, boolean.class);
  }

  private static Object warmArray(Class<?> kernel) throws ReflectiveOperationException {
    Field f = kernel.getDeclaredField("WARM0_0");
    f.setAccessible(true);
    return f.get(null);
  }

  private static LoopPlan plan(Class<?> fixture, String method) throws Exception {
    ClassNode node = new ClassNode();
    new ClassReader(AcceleratedClass.bytesOf(fixture)).accept(node, ClassReader.EXPAND_FRAMES);
    for (MethodNode m : node.methods) {
      if (m.name.equals(method)) {
        return LoopAnalyzer.analyze(DeclaredFields.of(node), m).plans().get(0);
      }
    }
    throw new AssertionError("no method " + method + " in " + fixture);
  }

  private static int kernels;

  private static Class<?> define(LoopPlan plan, KernelBackend backend, int loopId)
      throws Exception {
    String name = "dev/hotloop/runtime/WarmChargeKernel" + ++kernels;
    Kernel kernel = KernelEmitter.emit(new KernelRequest(plan, name, backend, false, false,
        loopId));
    return AcceleratedClass.define(kernel.binaryName(), kernel.bytes());
  }

  private static Probes.LoopCounts warmCounters(Class<?> kernel)
      throws ReflectiveOperationException {
    Field f = kernel.getDeclaredField("WARM_COUNTERS");
    f.setAccessible(true);
    return ((LoopCounters) f.get(null)).counts();
  }
}
