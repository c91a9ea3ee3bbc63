package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import dev.hotloop.codegen.body.RuntimeContract;
import dev.hotloop.codegen.fixtures.RowLoops;
import dev.hotloop.codegen.fixtures.SumLoops;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.runtime.Probes;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The timing of accelerated loops: every road a rewritten loop can take (the kernel, timed or
 * not; the original loop sent there to compare; the original loop after a guard failed) gives
 * the original's result, and the timed ones are counted where they belong.
 */
class TimedRunsTest {

  @AfterEach
  void restoreSampling() {
    Probes.setSampling(3, true);
  }

  @Test
  void everyRunTimedSplitsBetweenTheKernelAndTheOriginalLoop() throws Exception {
    Probes.setSampling(1, true);
    AcceleratedClass accelerated = AcceleratedClass.of(SumLoops.class,
        KernelBackend.Scalar.INSTANCE, false, true);
    Method m = accelerated.rewritten.getMethod("sumIntsToN", int[].class, int.class);
    int loopId = accelerated.loopIdsByMethod.get("sumIntsToN").get(0);
    int[] a = new int[1000];
    for (int i = 0; i < a.length; i++) {
      a[i] = i * 7 - 300;
    }
    int expected = SumLoops.sumIntsToN(a, 999);
    Probes.LoopCounts countsBefore = Probes.loopCounts(loopId);
    Probes.LoopTimings before = Probes.loopTimings(loopId);
    for (int call = 0; call < 400; call++) {
      assertEquals(expected, m.invoke(null, a, 999));
    }
    Probes.LoopTimings t = Probes.loopTimings(loopId).since(before);
    Probes.LoopCounts counts = Probes.loopCounts(loopId);
    // Every run was timed: a quarter or so went to the original loop instead of the kernel.
    assertEquals(400, t.kernelRuns() + t.originalRuns());
    assertEquals(counts.kernelRuns() - countsBefore.kernelRuns(), t.kernelRuns());
    assertTrue(t.originalRuns() > 40 && t.originalRuns() < 200, t.toString());
    assertEquals(999L * t.kernelRuns(), t.kernelElements());
    assertEquals(999L * t.originalRuns(), t.originalElements());
    assertTrue(t.kernelNanos() > 0 && t.originalNanos() > 0, t.toString());
    assertEquals(0, t.shadowRuns());
  }

  @Test
  void runsShorterThanTheTimedLengthAreCountedButNeverTimedNorSentToTheOriginal()
      throws Exception {
    Probes.setSampling(1, true);
    AcceleratedClass accelerated = AcceleratedClass.of(SumLoops.class,
        KernelBackend.Scalar.INSTANCE, false, true);
    Method m = accelerated.rewritten.getMethod("sumIntsToN", int[].class, int.class);
    int loopId = accelerated.loopIdsByMethod.get("sumIntsToN").get(0);
    int[] a = {5, -7, 11, 13, -17, 19, 23, 29, 31};
    int n = AcceleratedClass.TIMED_FROM - 1;
    int expected = SumLoops.sumIntsToN(a, n);
    Probes.LoopCounts before = Probes.loopCounts(loopId);
    Probes.LoopTimings timingsBefore = Probes.loopTimings(loopId);
    for (int call = 0; call < 200; call++) {
      assertEquals(expected, m.invoke(null, a, n));
    }
    Probes.LoopCounts counts = Probes.loopCounts(loopId);
    assertEquals(200, counts.kernelRuns() - before.kernelRuns());
    assertEquals(200, counts.entries() - before.entries());
    assertEquals(200L * n, counts.trips() - before.trips());
    assertEquals(new Probes.LoopTimings(0, 0, 0, 0, 0, 0, 0, 0),
        Probes.loopTimings(loopId).since(timingsBefore));
    // One iteration more and every run is timed again.
    assertEquals(SumLoops.sumIntsToN(a, n + 1), m.invoke(null, a, n + 1));
    Probes.LoopTimings t = Probes.loopTimings(loopId).since(timingsBefore);
    assertEquals(1, t.kernelRuns() + t.originalRuns());
  }

  @Test
  void runsAfterAFailedGuardAreTimedAsTheShadowCopy() throws Exception {
    Probes.setSampling(1, false);
    AcceleratedClass accelerated = AcceleratedClass.of(SumLoops.class,
        KernelBackend.Scalar.INSTANCE, false, true);
    Method m = accelerated.rewritten.getMethod("sumIntsToN", int[].class, int.class);
    int loopId = accelerated.loopIdsByMethod.get("sumIntsToN").get(0);
    Probes.LoopTimings before = Probes.loopTimings(loopId);
    for (int call = 0; call < 20; call++) {
      // Past the end: the guard fails, and the original loop throws after summing three.
      InvocationTargetException e = assertThrows(InvocationTargetException.class,
          () -> m.invoke(null, new int[] {1, 2, 3}, 4));
      assertEquals(ArrayIndexOutOfBoundsException.class, e.getCause().getClass());
      // A null array, for a range that is empty: the original loop returns 0.
      assertEquals(0, m.invoke(null, null, 0));
    }
    Probes.LoopTimings t = Probes.loopTimings(loopId).since(before);
    // The runs that threw never reached the loop's exit; the empty ones did.
    assertEquals(20, t.shadowRuns());
    assertTrue(t.shadowNanos() > 0, t.toString());
    assertEquals(0, t.kernelRuns() + t.originalRuns());
  }

  @Test
  void noSamplingTimesNothing() throws Exception {
    Probes.setSampling(0, true);
    AcceleratedClass accelerated = AcceleratedClass.of(SumLoops.class,
        KernelBackend.Scalar.INSTANCE, false, true);
    Method m = accelerated.rewritten.getMethod("sumArray", long[].class);
    int loopId = accelerated.loopIdsByMethod.get("sumArray").get(0);
    for (int call = 0; call < 100; call++) {
      assertEquals(6L, m.invoke(null, new long[] {1, 2, 3}));
    }
    assertEquals(new Probes.LoopTimings(0, 0, 0, 0, 0, 0, 0, 0), Probes.loopTimings(loopId));
    assertEquals(100, Probes.loopCounts(loopId).kernelRuns());
  }

  /**
   * The probes that end a timed run are behind a test of its clock reading: an untimed run, a
   * row of a matrix say, never calls out after its kernel or its original loop. Where C2 had
   * used up its inlining budget on the kernel, such a call, made on every run, cost every row
   * its registers (see {@code PreheaderEmitter}).
   */
  @Test
  void onlyATimedRunCallsAProbeWhenItEnds() throws Exception {
    AcceleratedClass accelerated = AcceleratedClass.of(RowLoops.class,
        KernelBackend.Scalar.INSTANCE, false, true);
    ClassNode node = new ClassNode();
    new ClassReader(accelerated.rewrittenBytes).accept(node, 0);
    int ends = 0;
    for (MethodNode m : node.methods) {
      for (AbstractInsnNode n : m.instructions) {
        if (n instanceof MethodInsnNode call && call.owner.equals(RuntimeContract.PROBES)
            && (call.name.equals(RuntimeContract.KERNEL_END)
            || call.name.equals(RuntimeContract.LOOP_EXIT))) {
          ends++;
          // stamp == 0 ? skip : Probes.end(loopId, stamp)
          AbstractInsnNode test = realBefore(realBefore(realBefore(call)));
          assertTrue(test instanceof JumpInsnNode && test.getOpcode() == Opcodes.IFEQ,
              m.name + ": " + call.name + " is called on every run");
          assertEquals(Opcodes.LCMP, realBefore(test).getOpcode(), m.name);
        }
      }
    }
    assertTrue(ends >= 2, "no probe found that ends a run");
  }

  private static AbstractInsnNode realBefore(AbstractInsnNode n) {
    AbstractInsnNode p = n.getPrevious();
    while (p.getOpcode() < 0) {
      p = p.getPrevious();
    }
    return p;
  }
}
