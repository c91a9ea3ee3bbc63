package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hotloop.analyzer.DeclaredFields;
import dev.hotloop.analyzer.LoopAnalyzer;
import dev.hotloop.analyzer.plan.ArrayInput;
import dev.hotloop.analyzer.plan.Bound;
import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Identities;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.analyzer.plan.ScalarInput;
import dev.hotloop.codegen.fixtures.ConditionalLoops;
import dev.hotloop.codegen.fixtures.CountingLoops;
import dev.hotloop.codegen.fixtures.FieldLoops;
import dev.hotloop.codegen.fixtures.MapLoops;
import dev.hotloop.codegen.fixtures.ReductionLoops;
import dev.hotloop.codegen.fixtures.RowLoops;
import dev.hotloop.codegen.fixtures.StridedLoops;
import dev.hotloop.codegen.fixtures.SumLoops;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.codegen.kernel.KernelEmitter;
import dev.hotloop.codegen.kernel.KernelRequest;
import dev.hotloop.codegen.kernel.OriginalLoop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The loops lifted out of their methods ({@link OriginalLoop}), the warm-up's yardstick, against
 * the plan's scalar form in the loop's order ({@link KernelBackend.Baseline}): on the same
 * random and edge inputs, over the same range from the same accumulator, each leaves the same
 * arrays and returns the same bits (a loop of one reduction), or throws the same exception. The
 * lifted code runs in a class of its own, as in the boot loader, and passes ASM's verifier
 * before it is defined.
 */
class OriginalLoopDifferentialTest {

  private static final AtomicInteger KERNELS = new AtomicInteger();

  private record Lifted(String method, LoopPlan plan, OriginalLoop loop) {
  }

  private static List<Lifted> lift(Class<?> fixture) throws Exception {
    ClassNode node = new ClassNode();
    new ClassReader(AcceleratedClass.bytesOf(fixture)).accept(node, ClassReader.EXPAND_FRAMES);
    List<Lifted> lifted = new ArrayList<>();
    for (MethodNode m : node.methods) {
      for (LoopPlan plan : LoopAnalyzer.analyze(DeclaredFields.of(node), m).plans()) {
        lifted.add(new Lifted(m.name, plan, OriginalLoop.of(m, plan)));
      }
    }
    return lifted;
  }

  /** The run methods of the kernel {@code backend} makes of {@code plan}, pass by pass. */
  private static List<Method> passes(LoopPlan plan, KernelBackend backend) throws Exception {
    String name = "dev/hotloop/runtime/LiftTest" + KERNELS.incrementAndGet();
    Kernel kernel = KernelEmitter.emit(new KernelRequest(plan, name, backend, false));
    Class<?> c = AcceleratedClass.define(kernel.binaryName(), kernel.bytes());
    List<Method> passes = new ArrayList<>();
    for (int k = 0; k < kernel.runDescriptors().size(); k++) {
      for (Method m : c.getMethods()) {
        if (m.getName().equals(Kernel.runMethod(k))) {
          passes.add(m);
        }
      }
    }
    return passes;
  }

  @ParameterizedTest
  @ValueSource(classes = {SumLoops.class, ReductionLoops.class, ConditionalLoops.class,
      MapLoops.class, StridedLoops.class})
  void liftedLoopsDoWhatThePlansScalarFormDoes(Class<?> fixture) throws Exception {
    int compared = 0;
    for (Lifted l : lift(fixture)) {
      if (!l.loop().liftable()) {
        // These fixtures read locals only: what is not lifted counts down or to a constant.
        assertTrue(l.plan().descending() || l.plan().bound() instanceof Bound.Constant,
            l.method() + ": " + l.loop().whyNot());
        continue;
      }
      List<Method> lifted = passes(l.plan(), new KernelBackend.Original(l.loop()));
      assertEquals(1, lifted.size(), "a lifted loop is one pass");
      Method original = lifted.get(0);
      List<Method> baseline = passes(l.plan(), KernelBackend.Baseline.INSTANCE);
      SplittableRandom random = new SplittableRandom(l.method().hashCode());
      for (int length : new int[] {0, 1, 2, 7, 8, 15, 16, 17, 63, 64, 100, 1000}) {
        for (int trial = 0; trial < 4; trial++) {
          compare(l, original, baseline, length, trial, random);
          compared++;
        }
      }
    }
    assertTrue(compared > 0, "no loop of " + fixture.getSimpleName() + " was lifted");
  }

  /**
   * The lifted loop and every pass of the baseline, one after the other, on copies of the same
   * inputs: the same arrays after, the same result (the first pass's), the same throw.
   */
  private static void compare(Lifted l, Method original, List<Method> baseline, int length,
      int trial,
      SplittableRandom random) throws Exception {
    LoopPlan plan = l.plan();
    List<Object> args = new ArrayList<>();
    for (ArrayInput a : plan.arrays()) {
      args.add(randomArray(a.elementType(), length, trial, random));
    }
    for (ScalarInput s : plan.scalars()) {
      args.add(randomScalar(s.type(), trial, random));
    }
    // The range: a loop bounded by an array's length runs to it, whatever the run's end.
    int to = plan.bound() instanceof Bound.ArrayLength b ? length + b.offset()
        : Math.max(0, length - trial);
    int from = Math.min(trial, Math.max(0, to));
    args.add(from);
    args.add(to);
    if (!plan.reductions().isEmpty()) {
      var r = plan.reductions().get(0);
      Number identity = Identities.of(r.operator(), r.accumulator().type());
      args.add(trial == 3 ? randomScalar(r.accumulator().type(), 2, random)
          : boxed(identity, r.accumulator().type()));
    }
    Object[] forOriginal = copies(args);
    Object[] forBaseline = copies(args);
    Object expected;
    Throwable expectedThrow = null;
    try {
      expected = null;
      for (int k = 0; k < baseline.size(); k++) {
        Method pass = baseline.get(k);
        Object[] passArgs = Arrays.copyOf(forBaseline, pass.getParameterCount());
        if (k > 0 && k < plan.reductions().size()) {
          var r = plan.reductions().get(k);
          passArgs[passArgs.length - 1] = boxed(Identities.of(r.operator(),
              r.accumulator().type()), r.accumulator().type());
        }
        Object result = pass.invoke(null, passArgs);
        expected = k == 0 ? result : expected;
      }
    } catch (InvocationTargetException e) {
      expected = null;
      expectedThrow = e.getCause();
    }
    String what = l.method() + " length " + length + " trial " + trial + " from " + from
        + " to " + to;
    if (expectedThrow != null) {
      Class<? extends Throwable> type = expectedThrow.getClass();
      InvocationTargetException got = assertThrows(InvocationTargetException.class,
          () -> original.invoke(null, forOriginal), what);
      assertEquals(type, got.getCause().getClass(), what);
      return;
    }
    Object got = original.invoke(null, forOriginal);
    if (plan.reductions().size() == 1) {
      assertEquals(bits(expected), bits(got), what + ": " + expected + " against " + got);
    }
    for (int k = 0; k < plan.arrays().size(); k++) {
      assertTrue(Arrays.deepEquals(new Object[] {forBaseline[k]}, new Object[] {forOriginal[k]}),
          what + ": array " + k);
    }
  }

  @Test
  void loopsThatCannotBeLiftedSayWhy() throws Exception {
    for (Class<?> fixture : List.of(FieldLoops.class, RowLoops.class, CountingLoops.class)) {
      List<Lifted> lifted = lift(fixture);
      assertFalse(lifted.isEmpty(), fixture.getSimpleName());
      for (Lifted l : lifted) {
        if (!l.loop().liftable()) {
          assertNotNull(l.loop().whyNot());
          assertTrue(l.loop().whyNot().matches("it reads .* from a field or an array.*"
              + "|its bound is .*|it counts down"), l.method() + ": " + l.loop().whyNot());
        }
      }
      assertTrue(lifted.stream().anyMatch(l -> !l.loop().liftable()),
          fixture.getSimpleName() + " has loops over fields, rows, down or to a constant");
    }
  }

  @Test
  void aLiftedLoopOfAnotherPlanIsRefused() throws Exception {
    List<Lifted> sums = lift(SumLoops.class);
    Lifted first = sums.get(0);
    Lifted second = sums.get(1);
    assertThrows(IllegalArgumentException.class, () -> KernelEmitter.emit(new KernelRequest(
        second.plan(), "dev/hotloop/runtime/LiftTestWrong", new KernelBackend.Original(
            first.loop()), false)));
  }

  private static Object[] copies(List<Object> args) {
    Object[] copy = args.toArray();
    for (int k = 0; k < copy.length; k++) {
      Object a = copy[k];
      if (a != null && a.getClass().isArray()) {
        int n = Array.getLength(a);
        Object c = Array.newInstance(a.getClass().getComponentType(), n);
        System.arraycopy(a, 0, c, 0, n);
        copy[k] = c;
      }
    }
    return copy;
  }

  private static long bits(Object value) {
    if (value instanceof Double d) {
      return Double.doubleToRawLongBits(d);
    }
    if (value instanceof Float f) {
      return Float.floatToRawIntBits(f);
    }
    return ((Number) value).longValue();
  }

  private static Object boxed(Number n, ElementType type) {
    return switch (type) {
      case BYTE -> n.byteValue();
      case SHORT -> n.shortValue();
      case CHAR -> (char) n.intValue();
      case INT -> n.intValue();
      case LONG -> n.longValue();
      case FLOAT -> n.floatValue();
      case DOUBLE -> n.doubleValue();
    };
  }

  /** Random values, and on trial 1 the edges: NaN, -0.0, the extremes. */
  private static Object randomScalar(ElementType type, int trial, SplittableRandom random) {
    long edge = switch (random.nextInt(4)) {
      case 0 -> Long.MIN_VALUE;
      case 1 -> Long.MAX_VALUE;
      case 2 -> 0;
      default -> -1;
    };
    long v = trial == 1 ? edge : random.nextInt(-100, 100);
    return switch (type) {
      case BYTE -> (byte) v;
      case SHORT -> (short) v;
      case CHAR -> (char) v;
      case INT -> (int) v;
      case LONG -> v;
      case FLOAT -> trial == 1 ? (random.nextBoolean() ? Float.NaN : -0.0f) : (float) v / 3;
      case DOUBLE -> trial == 1 ? (random.nextBoolean() ? Double.NaN : -0.0) : (double) v / 3;
    };
  }

  private static Object randomArray(ElementType type, int length, int trial,
      SplittableRandom random) {
    Class<?> component = switch (Type.getType(type.type().getDescriptor()).getSort()) {
      case Type.BYTE -> byte.class;
      case Type.SHORT -> short.class;
      case Type.CHAR -> char.class;
      case Type.INT -> int.class;
      case Type.LONG -> long.class;
      case Type.FLOAT -> float.class;
      default -> double.class;
    };
    Object a = Array.newInstance(component, length);
    for (int i = 0; i < length; i++) {
      Array.set(a, i, randomScalar(type, trial == 1 && i % 3 == 0 ? 1 : 0, random));
    }
    return a;
  }
}
