package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import dev.hotloop.codegen.fixtures.SumLoops;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.runtime.Probes;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every sum fixture and its accelerated form on the same edge inputs and compares return
 * values, array contents and exceptions: on the vector backend (when the module is resolved) and
 * the scalar one, with and without {@code fastmath}.
 */
class SumKernelDifferentialTest {

  static boolean vectorAvailable() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  static Stream<Arguments> configurations() {
    List<Arguments> out = new ArrayList<>();
    for (String backend : List.of("vector512", "vector256", "vector128", "scalar")) {
      for (boolean fastmath : List.of(false, true)) {
        out.add(Arguments.of(backend, fastmath));
      }
    }
    return out.stream();
  }

  static KernelBackend backend(String name) {
    if (name.startsWith("vector")) {
      Assumptions.assumeTrue(vectorAvailable(), "jdk.incubator.vector not resolved");
      return new KernelBackend.Vector(Integer.parseInt(name.substring(6)));
    }
    return KernelBackend.Scalar.INSTANCE;
  }

  @ParameterizedTest(name = "{0} fastmath={1}")
  @MethodSource("configurations")
  void acceleratedSumsMatchTheOriginal(String backendName, boolean fastmath) throws Exception {
    int compared = compareEveryPublicMethod(SumLoops.class, backend(backendName), fastmath,
        m -> fastmath && isFloatingPoint(m.getReturnType()),
        SumKernelDifferentialTest::argumentsFor);
    assertTrue(compared > 1000, "compared " + compared);
  }

  /**
   * Accelerates every planned loop of {@code fixture}, checks that each public method got a
   * kernel, and compares each with its original on {@code arguments}; returns the number of
   * calls compared. {@code tolerant} says where fastmath may change floating-point results.
   */
  static int compareEveryPublicMethod(Class<?> fixture, KernelBackend backend, boolean fastmath,
      java.util.function.Predicate<Method> tolerant,
      java.util.function.Function<Method, List<Object[]>> arguments) throws Exception {
    return compareEveryPublicMethod(fixture,
        AcceleratedClass.of(fixture, backend, fastmath, true), tolerant, arguments);
  }

  /**
   * As {@link #compareEveryPublicMethod(Class, KernelBackend, boolean,
   * java.util.function.Predicate, java.util.function.Function)}, for a fixture already
   * accelerated: one whose class file is not on the class path (made by another compiler).
   */
  static int compareEveryPublicMethod(Class<?> fixture, AcceleratedClass accelerated,
      java.util.function.Predicate<Method> tolerant,
      java.util.function.Function<Method, List<Object[]>> arguments) throws Exception {
    int compared = 0;
    for (Method original : fixture.getDeclaredMethods()) {
      if (!java.lang.reflect.Modifier.isPublic(original.getModifiers())) {
        continue;
      }
      assertTrue(accelerated.kernelsByMethod.containsKey(original.getName()),
          original.getName() + " should have been accelerated");
      Method rewritten = accelerated.rewritten.getMethod(original.getName(),
          original.getParameterTypes());
      for (Object[] args : arguments.apply(original)) {
        compare(original, rewritten, args, tolerant.test(original));
        compared++;
      }
    }
    return compared;
  }

  @Test
  void vectorKernelsAreVectorAndStrictFloatingPointStaysInOrder() throws Exception {
    Assumptions.assumeTrue(vectorAvailable());
    AcceleratedClass strict = AcceleratedClass.of(SumLoops.class,
        new KernelBackend.Vector(512), false, true);
    Kernel longSum = strict.kernelsByMethod.get("sumArray").get(0);
    assertTrue(longSum.vectorized(), longSum.description());
    Kernel doubleSum = strict.kernelsByMethod.get("sumDoubles").get(0);
    assertFalse(doubleSum.vectorized(), doubleSum.description());
    assertTrue(doubleSum.description().contains("in order"), doubleSum.description());
    AcceleratedClass fast = AcceleratedClass.of(SumLoops.class,
        new KernelBackend.Vector(512), true, true);
    assertTrue(fast.kernelsByMethod.get("sumDoubles").get(0).vectorized());
  }

  @Test
  void guardsSendBadInputsToTheShadowCopy() throws Exception {
    AcceleratedClass accelerated = AcceleratedClass.of(SumLoops.class,
        KernelBackend.Scalar.INSTANCE, false, true);
    Method m = accelerated.rewritten.getMethod("sumIntsToN", int[].class, int.class);
    int loopId = accelerated.loopIdsByMethod.get("sumIntsToN").get(0);
    Probes.LoopCounts before = Probes.loopCounts(loopId);
    long heldBefore = AcceleratedClass.guardsHeld(loopId);
    assertEquals(6, m.invoke(null, new int[] {1, 2, 3}, 3));
    InvocationTargetException e = org.junit.jupiter.api.Assertions.assertThrows(
        InvocationTargetException.class, () -> m.invoke(null, new int[] {1, 2, 3}, 4));
    assertEquals(ArrayIndexOutOfBoundsException.class, e.getCause().getClass());
    assertEquals("Index 3 out of bounds for length 3", e.getCause().getMessage());
    Probes.LoopCounts after = Probes.loopCounts(loopId);
    assertEquals(heldBefore + 1, AcceleratedClass.guardsHeld(loopId));
    assertEquals(before.shadowRuns() + 1, after.shadowRuns());
  }

  @Test
  void anEmptyLoopKeepsTheBoxedAccumulatorsIdentity() throws Exception {
    AcceleratedClass accelerated = AcceleratedClass.of(SumLoops.class,
        KernelBackend.Scalar.INSTANCE, false, true);
    Method m = accelerated.rewritten.getMethod("addAllOnto", long[].class, Long.class);
    Long start = Long.valueOf(1_000_000L);
    assertEquals(1_000_003L, m.invoke(null, new long[] {1, 2}, start));
    // Nothing added: the original returns the caller's very object; so must the rewritten one.
    assertTrue(m.invoke(null, new long[0], start) == start);
  }

  @Test
  void profiledMethodsBehaveAsBeforeAndCountTrips() throws Exception {
    AcceleratedClass profiled = AcceleratedClass.of(SumLoops.class,
        KernelBackend.Scalar.INSTANCE, false, false);
    Method m = profiled.rewritten.getMethod("sumArray", long[].class);
    int loopId = profiled.loopIdsByMethod.get("sumArray").get(0);
    assertEquals(10L, m.invoke(null, new long[] {1, 2, 3, 4}));
    assertEquals(0L, m.invoke(null, new long[0]));
    Probes.LoopCounts counts = Probes.loopCounts(loopId);
    assertEquals(2, counts.entries());
    assertEquals(4, counts.trips());
    Method range = profiled.rewritten.getMethod("sumRange", long[].class, int.class, int.class);
    for (Object[] args : argumentsFor(SumLoops.class.getMethod("sumRange", long[].class,
        int.class, int.class))) {
      compare(SumLoops.class.getMethod("sumRange", long[].class, int.class, int.class), range,
          args, false);
    }
  }

  static boolean isFloatingPoint(Class<?> t) {
    return t == double.class || t == float.class || t == Double.class || t == Float.class;
  }

  static List<Object[]> argumentsFor(Method m) {
    Class<?>[] params = m.getParameterTypes();
    List<Object[]> out = new ArrayList<>();
    if (params[0] == long[][].class) {
      for (Object row : EdgeInputs.arrays(long.class, 7)) {
        out.add(new Object[] {new long[][] {(long[]) row, new long[] {1, 2, 3}}});
      }
      out.add(new Object[] {null});
      out.add(new Object[] {new long[0][]});
      return out;
    }
    for (Object array : EdgeInputs.arrays(params[0].getComponentType(), 42)) {
      int length = array == null ? 0 : Array.getLength(array);
      if (params.length == 1) {
        out.add(new Object[] {array});
      } else if (params.length == 2 && params[1] == Long.class) {
        for (Long start : new Long[] {null, 0L, 1_000_000L, Long.MAX_VALUE}) {
          out.add(new Object[] {array, start});
        }
      } else if (params.length == 2) {
        for (int n : EdgeInputs.ints(length)) {
          out.add(new Object[] {array, n});
        }
      } else {
        for (int from : EdgeInputs.ints(length)) {
          for (int to : EdgeInputs.ints(length)) {
            out.add(new Object[] {array, from, to});
          }
        }
      }
    }
    return out;
  }

  static void compare(Method original, Method rewritten, Object[] args, boolean tolerant) {
    compare(original, rewritten, args, tolerant
        ? (where, r1, r2) -> assertClose(where, original, args, r1, r2)
        : (where, r1, r2) -> assertEquals(r1, r2, where));
  }

  /** How the return values of a run that threw nothing are judged the same. */
  interface SameResult {
    /** Fails, naming {@code where}, when {@code accelerated} is no match for {@code original}. */
    void check(String where, Object original, Object accelerated);
  }

  /**
   * Runs both methods on copies of {@code args} and fails unless they throw the same exception
   * at the same place with the same message, or both return results {@code same} accepts; and
   * unless the arrays they leave (the partial effects of a throw included) are equal.
   */
  static void compare(Method original, Method rewritten, Object[] args, SameResult same) {
    Object[] a1 = deepCopy(args);
    Object[] a2 = deepCopy(args);
    Object r1;
    Object r2;
    Throwable t1 = null;
    Throwable t2 = null;
    r1 = invoke(original, a1);
    r2 = invoke(rewritten, a2);
    if (r1 instanceof Thrown x) {
      t1 = x.cause;
    }
    if (r2 instanceof Thrown x) {
      t2 = x.cause;
    }
    String where = original.getName() + describe(args);
    if (t1 != null || t2 != null) {
      if (t1 == null || t2 == null) {
        fail(where + ": original " + (t1 == null ? "returned " + r1 : "threw " + t1)
            + ", accelerated " + (t2 == null ? "returned " + r2 : "threw " + t2));
      }
      assertEquals(t1.getClass(), t2.getClass(), where);
      // The same point: the same method and source line at the top of the stack.
      StackTraceElement top1 = t1.getStackTrace()[0];
      StackTraceElement top2 = t2.getStackTrace()[0];
      assertEquals(top1.getMethodName() + ":" + top1.getLineNumber(),
          top2.getMethodName() + ":" + top2.getLineNumber(), where + " " + t1);
      // HotSpot drops a helpful NullPointerException message once the same bytecode has thrown
      // a few times, per method; compare messages wherever both JVM paths still produce one.
      if (t1.getMessage() != null && t2.getMessage() != null) {
        assertEquals(t1.getMessage(), t2.getMessage(), where);
      }
    } else {
      same.check(where, r1, r2);
    }
    assertTrue(Arrays.deepEquals(a1, a2), where + ": array contents differ");
  }

  private static void assertClose(String where, Method original, Object[] args, Object r1,
      Object r2) {
    double x = ((Number) r1).doubleValue();
    double y = ((Number) r2).doubleValue();
    if (Double.isNaN(x) || Double.isInfinite(x) || Double.isNaN(y) || Double.isInfinite(y)
        || x == y) {
      // Where an infinity or NaN appears, reordering may reach it by another road (a partial
      // product overflows where the strict one underflowed first): fastmath, like Numba's,
      // promises nothing there (docs/config.md says so).
      return;
    }
    // Reordering changes a sum by a few ulps of its largest partial sums: bounded by the
    // magnitude of the inputs, or of the result where the terms scale the inputs up.
    double scale = Math.max(magnitude(args), Math.max(Math.abs(x), Math.abs(y))) + 1e-300;
    double relative = (original.getReturnType() == float.class
        || original.getReturnType() == Float.class) ? 1e-4 : 1e-9;
    assertTrue(Math.abs(x - y) <= relative * scale, where + ": " + x + " vs " + y);
  }

  private static double magnitude(Object[] args) {
    double sum = 0;
    if (args[0] != null) {
      for (int i = 0; i < Array.getLength(args[0]); i++) {
        double v = Math.abs(((Number) Array.get(args[0], i)).doubleValue());
        if (Double.isFinite(v)) {
          // A NaN or infinity the loop skipped says nothing about the size of its result.
          sum += v;
        }
      }
    }
    return sum;
  }

  private record Thrown(Throwable cause) {
  }

  private static Object invoke(Method m, Object[] args) {
    try {
      return m.invoke(null, args);
    } catch (InvocationTargetException e) {
      return new Thrown(e.getCause());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  /** A deep copy that keeps aliasing: an array passed twice is one copy passed twice. */
  static Object[] deepCopy(Object[] args) {
    Object[] copy = args.clone();
    java.util.Map<Object, Object> copies = new java.util.IdentityHashMap<>();
    for (int i = 0; i < copy.length; i++) {
      copy[i] = copyOf(copy[i], copies);
    }
    return copy;
  }

  private static Object copyOf(Object o, java.util.Map<Object, Object> copies) {
    if (o == null || !o.getClass().isArray()) {
      return o;
    }
    Object done = copies.get(o);
    if (done != null) {
      return done;
    }
    int n = Array.getLength(o);
    Object c = Array.newInstance(o.getClass().getComponentType(), n);
    copies.put(o, c);
    for (int i = 0; i < n; i++) {
      Array.set(c, i, copyOf(Array.get(o, i), copies));
    }
    return c;
  }

  private static String describe(Object[] args) {
    StringBuilder sb = new StringBuilder("(");
    for (Object a : args) {
      if (a != null && a.getClass().isArray()) {
        sb.append(a.getClass().getComponentType().getSimpleName()).append('[')
            .append(Array.getLength(a)).append("] ");
      } else {
        sb.append(Objects.toString(a)).append(' ');
      }
    }
    return sb.append(')').toString();
  }
}
