package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.codegen.fixtures.MapLoops;
import dev.hotloop.codegen.kernel.ArrayPlacement;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.runtime.Probes;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every element-wise map (arithmetic, conversions, conditional and in-place stores, maps
 * fused with reductions) and its accelerated form on the same edge inputs, on every backend,
 * with and without {@code fastmath}: every array's contents after the call, return values and
 * exceptions must match exactly, also where the same array is passed for two parameters and
 * where an output is too short (the partial stores before the exception included).
 */
class MapKernelDifferentialTest {

  @ParameterizedTest(name = "{0} fastmath={1}")
  @MethodSource("dev.hotloop.codegen.SumKernelDifferentialTest#configurations")
  void acceleratedMapsMatchTheOriginal(String backendName, boolean fastmath) throws Exception {
    int compared = SumKernelDifferentialTest.compareEveryPublicMethod(MapLoops.class,
        SumKernelDifferentialTest.backend(backendName), fastmath,
        m -> fastmath && m.getReturnType() == double.class,
        MapKernelDifferentialTest::argumentsFor);
    assertTrue(compared > 5000, "compared " + compared);
  }

  /**
   * Kernels that peel scalar steps up to a cache line before their vector steps, on arrays the
   * collector places at a known offset: here every array counts as such (from one byte), at
   * offsets that make the peel 0 to 63 bytes long, so that the edge lengths end inside the
   * peel, right after it and well past it.
   */
  @ParameterizedTest(name = "element 0 at {0} bytes")
  @org.junit.jupiter.params.provider.ValueSource(ints = {16, 12, 0, 24, 56})
  void mapsAlignedOnPlacedArraysMatchTheOriginal(int baseOffset) throws Exception {
    Assumptions.assumeTrue(SumKernelDifferentialTest.vectorAvailable());
    Map<ElementType, Integer> offsets = new EnumMap<>(ElementType.class);
    for (ElementType type : ElementType.values()) {
      offsets.put(type, baseOffset);
    }
    KernelBackend backend = new KernelBackend.Vector(512, new ArrayPlacement(offsets, 1));
    AcceleratedClass accelerated = AcceleratedClass.of(MapLoops.class, backend, false, true);
    assertTrue(accelerated.kernelsByMethod.get("addInts").get(0).description()
        .contains("aligned on large arrays"));
    int compared = SumKernelDifferentialTest.compareEveryPublicMethod(MapLoops.class, backend,
        false, m -> false, MapKernelDifferentialTest::argumentsFor);
    assertTrue(compared > 5000, "compared " + compared);
  }

  @Test
  void mapsVectorizeAtTheWidestTypesLaneCount() throws Exception {
    Assumptions.assumeTrue(SumKernelDifferentialTest.vectorAvailable());
    AcceleratedClass accelerated = AcceleratedClass.of(MapLoops.class,
        new KernelBackend.Vector(256), false, true);
    for (String name : List.of("addInts", "saxpy", "scaleInPlace", "divide", "magnitudes",
        "absDiff", "minMaxFloats", "shiftsAndMasks", "widenIntsToLongs", "narrowLongsToInts",
        "addBytes", "shortsToChars", "doublesToFloats", "clampTernary", "clampInPlace",
        "reluInPlace", "signOf", "selectLarger", "markNegatives", "doubleAndSum", "drain",
        "sumAfterStore", "swapThroughTemporary", "rangeMap", "negateLongs", "clampElseIf",
        "bandPass", "markOutliers", "replaceNotFinite", "fusedMultiplyAdd", "useAfterOverwrite",
        "clampTwoStatements", "storesInterleaved", "minAndMaxTernaries", "largerBytes",
        "truncateInPlace", "copyShorts", "copyChars")) {
      Kernel k = accelerated.kernelsByMethod.get(name).get(0);
      assertTrue(k.vectorized(), name + ": " + k.description());
    }
    assertTrue(accelerated.kernelsByMethod.get("addInts").get(0).description()
        .contains("8 lanes"));
    // Four steps per iteration, but where four vectors' conditions are tested at once.
    assertTrue(accelerated.kernelsByMethod.get("addInts").get(0).description()
        .contains("unrolled 4x"));
    assertFalse(accelerated.kernelsByMethod.get("reluInPlace").get(0).description()
        .contains("unrolled"));
    // Java's (int) of a double saturates and takes NaN to 0: scalar code, exactly that.
    Kernel floor = accelerated.kernelsByMethod.get("floorToInts").get(0);
    assertFalse(floor.vectorized(), floor.description());
  }

  @Test
  void theSameArrayWhereTheLoopNeedsTwoRunsTheOriginalLoop() throws Exception {
    AcceleratedClass accelerated = AcceleratedClass.of(MapLoops.class,
        KernelBackend.Scalar.INSTANCE, false, true);
    Method m = accelerated.rewritten.getMethod("swapThroughTemporary", int[].class, int[].class,
        int[].class);
    int loopId = accelerated.loopIdsByMethod.get("swapThroughTemporary").get(0);
    Probes.LoopCounts before = Probes.loopCounts(loopId);
    long heldBefore = AcceleratedClass.guardsHeld(loopId);
    int[] shared = {1, 2, 3};
    int[] c = new int[3];
    m.invoke(null, shared, shared, c);
    // The loop read b[i] before it stored 7 through a, the same array: c keeps the old values.
    assertEquals(List.of(1, 2, 3), List.of(c[0], c[1], c[2]));
    m.invoke(null, new int[3], shared, c);
    Probes.LoopCounts after = Probes.loopCounts(loopId);
    assertEquals(before.shadowRuns() + 1, after.shadowRuns());
    assertEquals(heldBefore + 1, AcceleratedClass.guardsHeld(loopId));
  }

  /**
   * Arguments for {@code (arrays..., scalars...)}: arrays of every edge length and fill, all of
   * one length; then the last array one element shorter (the original throws part way), then
   * every pair of same-typed parameters given one array; trailing scalars from awkward values
   * (ints around the arrays' bounds where two ints make a range).
   */
  static List<Object[]> argumentsFor(Method m) {
    Class<?>[] params = m.getParameterTypes();
    int arrays = 0;
    while (arrays < params.length && params[arrays].isArray()) {
      arrays++;
    }
    List<List<Object>> inputs = new ArrayList<>();
    for (int p = 0; p < arrays; p++) {
      inputs.add(EdgeInputs.arrays(params[p].getComponentType(), 31 + p));
    }
    List<Object[]> out = new ArrayList<>();
    for (int k = 0; k < inputs.get(0).size(); k++) {
      Object[] base = new Object[arrays];
      for (int p = 0; p < arrays; p++) {
        base[p] = inputs.get(p).get(k);
      }
      int length = base[0] == null ? 0 : Array.getLength(base[0]);
      List<Object[]> arrayChoices = new ArrayList<>();
      arrayChoices.add(base);
      if (length > 0 && k % 2 == 0) {
        Object[] shorter = base.clone();
        shorter[arrays - 1] = shorter(base[arrays - 1]);
        arrayChoices.add(shorter);
      }
      for (int p = 0; p < arrays; p++) {
        for (int q = p + 1; q < arrays; q++) {
          if (params[p] == params[q]) {
            Object[] aliased = base.clone();
            aliased[q] = aliased[p];
            arrayChoices.add(aliased);
          }
        }
      }
      for (Object[] choice : arrayChoices) {
        for (Object[] scalars : scalars(params, arrays, length)) {
          Object[] args = new Object[params.length];
          System.arraycopy(choice, 0, args, 0, arrays);
          System.arraycopy(scalars, 0, args, arrays, scalars.length);
          out.add(args);
        }
      }
    }
    return out;
  }

  private static List<Object[]> scalars(Class<?>[] params, int arrays, int length) {
    int count = params.length - arrays;
    List<Object[]> out = new ArrayList<>();
    if (count == 0) {
      out.add(new Object[0]);
    } else if (count == 1) {
      for (Object v : values(params[arrays], length)) {
        out.add(new Object[] {v});
      }
    } else {
      List<Object> first = values(params[arrays], length);
      List<Object> second = values(params[arrays + 1], length);
      // Every value of each, in pairs that make ranges empty, partial, whole and past the end.
      for (int k = 0; k < first.size(); k++) {
        out.add(new Object[] {first.get(k), second.get((k * 7 + 5) % second.size())});
      }
    }
    return out;
  }

  private static List<Object> values(Class<?> type, int length) {
    if (type == int.class) {
      List<Object> ints = new ArrayList<>();
      for (int v : EdgeInputs.ints(length)) {
        ints.add(v);
      }
      ints.add(-500);
      ints.add(31);
      ints.add(33);
      return ints;
    } else if (type == long.class) {
      return List.of(0L, 1L, -1L, 1L << 40, -(1L << 40), Long.MIN_VALUE, Long.MAX_VALUE);
    } else if (type == double.class) {
      return List.of(1.0, -0.0, 0.25, -3.5, Double.NaN, Double.POSITIVE_INFINITY, 1e-300);
    } else if (type == float.class) {
      return List.of(1.0f, -0.0f, 0.5f, -2.0f, Float.NaN, Float.NEGATIVE_INFINITY);
    }
    throw new IllegalArgumentException(type.toString());
  }

  private static Object shorter(Object array) {
    if (array == null) {
      return null;
    }
    int n = Array.getLength(array) - 1;
    Object copy = Array.newInstance(array.getClass().getComponentType(), n);
    System.arraycopy(array, 0, copy, 0, n);
    return copy;
  }
}
