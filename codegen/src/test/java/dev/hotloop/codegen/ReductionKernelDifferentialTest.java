package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import dev.hotloop.codegen.fixtures.ReductionLoops;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.KernelBackend;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every reduction fixture (dot products, sums of expressions, products, min and max, bitwise
 * reductions, boxed accumulators) and its accelerated form on the same edge inputs, on every
 * backend, with and without {@code fastmath}: return values, array contents and exceptions
 * (class, message, method and line) must match; floating-point sums and products may differ
 * only under {@code fastmath}, and only within a stated tolerance.
 */
class ReductionKernelDifferentialTest {

  @ParameterizedTest(name = "{0} fastmath={1}")
  @MethodSource("dev.hotloop.codegen.SumKernelDifferentialTest#configurations")
  void acceleratedReductionsMatchTheOriginal(String backendName, boolean fastmath)
      throws Exception {
    // Reordering floating-point sums and products is what fastmath allows; min and max are
    // exact in any order, so they are compared exactly even then.
    int compared = SumKernelDifferentialTest.compareEveryPublicMethod(ReductionLoops.class,
        SumKernelDifferentialTest.backend(backendName), fastmath,
        m -> fastmath && isFloatingPoint(m.getReturnType())
            && !m.getName().startsWith("max") && !m.getName().startsWith("min"),
        ReductionKernelDifferentialTest::argumentsFor);
    assertTrue(compared > 2000, "compared " + compared);
  }

  @Test
  void exactReductionsVectorizeAndStrictFloatingPointOnesStayInOrder() throws Exception {
    Assumptions.assumeTrue(SumKernelDifferentialTest.vectorAvailable());
    AcceleratedClass strict = AcceleratedClass.of(ReductionLoops.class,
        new KernelBackend.Vector(256), false, true);
    for (String name : List.of("dot", "dotInts", "widenedDot", "sumOfSquares", "sumMaskedBytes",
        "sumAbsDiff", "scaledSum", "sumShifted", "sumUnsignedShifted", "sumNegated", "product",
        "maxInts", "minLongs", "maxDoubles", "minFloats", "maxAbs", "maxChars", "andAll",
        "orAll", "xorAll", "xorShorts", "boxedProduct", "boxedMax")) {
      Kernel k = strict.kernelsByMethod.get(name).get(0);
      assertTrue(k.vectorized(), name + ": " + k.description());
    }
    for (String name : List.of("dotDoubles", "sumSqrt", "sumScaledDoubles", "productDoubles")) {
      Kernel k = strict.kernelsByMethod.get(name).get(0);
      assertFalse(k.vectorized(), name + ": " + k.description());
    }
    AcceleratedClass fast = AcceleratedClass.of(ReductionLoops.class,
        new KernelBackend.Vector(256), true, true);
    for (String name : List.of("dotDoubles", "sumSqrt", "sumScaledDoubles", "productDoubles")) {
      Kernel k = fast.kernelsByMethod.get(name).get(0);
      assertTrue(k.vectorized(), name + ": " + k.description());
    }
    // fastmath also contracts a sum of products into fused multiply-adds, only that.
    for (String name : List.of("dotDoubles")) {
      String description = fast.kernelsByMethod.get(name).get(0).description();
      assertTrue(description.contains("fused multiply-add"), name + ": " + description);
    }
    for (String name : List.of("sumScaledDoubles", "sumSqrt", "productDoubles", "dot")) {
      String description = fast.kernelsByMethod.get(name).get(0).description();
      assertFalse(description.contains("fused"), name + ": " + description);
    }
  }

  private static boolean isFloatingPoint(Class<?> t) {
    return t == double.class || t == float.class;
  }

  /**
   * Arguments for {@code (array, [array,] [scalar])}: arrays of every edge length and fill, a
   * second array of the same length or one element shorter (so the original throws), and for a
   * trailing scalar a handful of awkward values.
   */
  static List<Object[]> argumentsFor(Method m) {
    Class<?>[] params = m.getParameterTypes();
    int arrays = 0;
    while (arrays < params.length && params[arrays].isArray()) {
      arrays++;
    }
    List<Object> firsts = EdgeInputs.arrays(params[0].getComponentType(), 11);
    List<Object> seconds = arrays > 1
        ? EdgeInputs.arrays(params[1].getComponentType(), 12) : null;
    List<Object[]> out = new ArrayList<>();
    for (int k = 0; k < firsts.size(); k++) {
      Object first = firsts.get(k);
      List<Object> secondChoices = new ArrayList<>();
      if (seconds == null) {
        secondChoices.add(null);
      } else {
        secondChoices.add(seconds.get(k));
        Object second = seconds.get(k);
        if (second != null && Array.getLength(second) > 0) {
          secondChoices.add(shorter(second));
        }
      }
      for (Object second : secondChoices) {
        for (Object scalar : scalars(params.length > arrays ? params[arrays] : null)) {
          List<Object> args = new ArrayList<>();
          args.add(first);
          if (seconds != null) {
            args.add(second);
          }
          if (scalar != NO_SCALAR) {
            args.add(scalar);
          }
          out.add(args.toArray());
        }
      }
    }
    return out;
  }

  private static final Object NO_SCALAR = new Object();

  private static List<Object> scalars(Class<?> type) {
    if (type == null) {
      return List.of(NO_SCALAR);
    } else if (type == int.class) {
      return List.of(0, 1, 3, 31, 33, -1, Integer.MIN_VALUE);
    } else if (type == long.class) {
      return List.of(0L, 1L, -3L, Long.MAX_VALUE, Long.MIN_VALUE);
    } else if (type == double.class) {
      return List.of(1.0, -0.0, 3.5, Double.NaN, Double.POSITIVE_INFINITY, 1e-300);
    } else if (type == float.class) {
      return List.of(1.0f, -0.0f, 0.0f, Float.NaN, Float.NEGATIVE_INFINITY);
    } else if (type == char.class) {
      return List.of('a', (char) 0, Character.MAX_VALUE);
    }
    throw new IllegalArgumentException(type.toString());
  }

  private static Object shorter(Object array) {
    int n = Array.getLength(array) - 1;
    Object copy = Array.newInstance(array.getClass().getComponentType(), n);
    System.arraycopy(array, 0, copy, 0, n);
    return copy;
  }
}
