package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import dev.hotloop.codegen.fixtures.FieldLoops;
import dev.hotloop.codegen.fixtures.RowLoops;
import dev.hotloop.codegen.kernel.KernelBackend;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loops that read their arrays and scalars from elsewhere than locals: rows of arrays of arrays
 * (the inner loop of matrix code, accelerated per row) and fields of the object. Each is run
 * with its accelerated form on the same inputs (jagged, null and shared rows, rows and fields
 * too short, null fields) on every backend: results, exceptions, and every array reachable from
 * the arguments and the fields after the call must match.
 */
class RowAndFieldKernelDifferentialTest {

  @ParameterizedTest(name = "{0} fastmath={1}")
  @MethodSource("dev.hotloop.codegen.SumKernelDifferentialTest#configurations")
  void rowLoopsMatchTheOriginal(String backendName, boolean fastmath) throws Exception {
    // Reassociated double dot products differ in the last bits: fastmath is compared on the
    // exact loops only (the reductions tests bound its error).
    int compared = SumKernelDifferentialTest.compareEveryPublicMethod(RowLoops.class,
        SumKernelDifferentialTest.backend(backendName), fastmath, m -> false,
        m -> fastmath && m.getName().equals("matVecDoubles") ? List.of() : rowArguments(m));
    assertTrue(compared > 400, "compared " + compared);
  }

  @org.junit.jupiter.api.Test
  void rowsVectorizeAsAnyArrayDoes() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(SumKernelDifferentialTest.vectorAvailable());
    AcceleratedClass accelerated = AcceleratedClass.of(RowLoops.class,
        new KernelBackend.Vector(256), false, true);
    for (String name : List.of("matVec", "scaleRows", "addRows")) {
      var kernel = accelerated.kernelsByMethod.get(name).get(0);
      assertTrue(kernel.vectorized(), name + ": " + kernel.description());
    }
  }

  /** Arguments for {@code (T[][] m, T[] v, [T[] out | scalar])}: matrices of awkward shapes. */
  static List<Object[]> rowArguments(Method m) {
    Class<?>[] params = m.getParameterTypes();
    Class<?> element = params[0].getComponentType().getComponentType();
    List<Object[]> out = new ArrayList<>();
    Random random = new Random(7);
    for (int rows : new int[] {0, 1, 3, 9}) {
      for (int cols : new int[] {0, 1, 7, 8, 33, 100, 1025}) {
        for (int shape = 0; shape < 5; shape++) {
          Object matrix = matrix(element, rows, cols, shape, random);
          List<Object> args = new ArrayList<>();
          args.add(matrix);
          for (int p = 1; p < params.length; p++) {
            if (params[p].isArray()) {
              // The vector as long as a row; the output as long as the rows (or a column).
              int length = p == 1 ? cols : Math.max(rows, cols);
              args.add(shape == 4 && p == params.length - 1 ? null
                  : EdgeInputs.arrays(element, 100 + p + cols).get(1 + 4 * indexOf(length)));
            } else {
              args.add(scalar(params[p], shape));
            }
          }
          out.add(args.toArray());
        }
      }
    }
    Object[] nulls = new Object[params.length];
    for (int p = 1; p < params.length; p++) {
      nulls[p] = params[p].isArray() ? null : scalar(params[p], 0);
    }
    out.add(nulls);
    return out;
  }

  private static int indexOf(int length) {
    for (int k = 0; k < EdgeInputs.LENGTHS.length; k++) {
      if (EdgeInputs.LENGTHS[k] >= length) {
        return k;
      }
    }
    return EdgeInputs.LENGTHS.length - 1;
  }

  /** Shapes: 0 full, 1 jagged (one row short), 2 a null row, 3 rows shared, 4 full. */
  private static Object matrix(Class<?> element, int rows, int cols, int shape, Random r) {
    Object matrix = Array.newInstance(element.arrayType(), rows);
    for (int i = 0; i < rows; i++) {
      int length = shape == 1 && i == rows / 2 ? Math.max(0, cols - 1) : cols;
      Object row = Array.newInstance(element, length);
      for (int j = 0; j < length; j++) {
        Array.set(row, j, value(element, r));
      }
      Array.set(matrix, i, shape == 2 && i == rows - 1 ? null
          : shape == 3 && i > 0 ? Array.get(matrix, 0) : row);
    }
    return matrix;
  }

  private static Object value(Class<?> element, Random r) {
    if (element == long.class) {
      return r.nextLong();
    } else if (element == int.class) {
      return r.nextInt();
    } else if (element == float.class) {
      return r.nextFloat() * 4 - 2;
    }
    return r.nextGaussian();
  }

  private static Object scalar(Class<?> type, int shape) {
    if (type == float.class) {
      return new float[] {1.5f, -0.0f, Float.NaN, 3f, Float.MAX_VALUE}[shape];
    }
    throw new IllegalArgumentException(type.toString());
  }

  @ParameterizedTest(name = "{0} fastmath={1}")
  @MethodSource("dev.hotloop.codegen.SumKernelDifferentialTest#configurations")
  void fieldLoopsMatchTheOriginal(String backendName, boolean fastmath) throws Exception {
    AcceleratedClass accelerated = AcceleratedClass.of(FieldLoops.class,
        SumKernelDifferentialTest.backend(backendName), fastmath, true);
    for (String name : List.of("score", "count", "total", "scaleInto")) {
      assertTrue(accelerated.kernelsByMethod.containsKey(name), name);
    }
    assertFalse(accelerated.kernelsByMethod.containsKey("liveTotal"), "volatile field");
    Constructor<?> original = FieldLoops.class.getConstructor(double[].class, int[].class,
        long[].class, int.class, float.class);
    Constructor<?> rewritten = accelerated.rewritten.getConstructor(double[].class,
        int[].class, long[].class, int.class, float.class);
    int compared = 0;
    Random random = new Random(3);
    for (int length : EdgeInputs.LENGTHS) {
      for (int variant = 0; variant < 4; variant++) {
        double[] weights = variant == 3 ? null : randomDoubles(length, random);
        int[] counts = new int[variant == 2 ? Math.max(0, length - 1) : length];
        long[] totals = variant == 1 ? null : new long[length];
        Arrays.setAll(totals == null ? new long[0] : totals, i -> random.nextLong());
        int size = variant == 2 ? length : length - (length > 0 ? random.nextInt(length) : 0);
        float scale = variant == 1 ? Float.NaN : random.nextFloat();
        for (Method m : FieldLoops.class.getDeclaredMethods()) {
          if (!Modifier.isPublic(m.getModifiers())) {
            continue;
          }
          Object[] args = new Object[m.getParameterCount()];
          for (int p = 0; p < args.length; p++) {
            Class<?> t = m.getParameterTypes()[p];
            args[p] = t == double[].class ? randomDoubles(variant == 2 ? length / 2 : length,
                random) : t == int[].class ? new int[length]
                : t == float[].class ? new float[length] : null;
            if (t == int[].class) {
              Arrays.setAll((int[]) args[p], i -> random.nextInt());
            }
          }
          Object a = original.newInstance(weights == null ? null : weights.clone(),
              counts.clone(), totals == null ? null : totals.clone(), size, scale);
          Object b = rewritten.newInstance(weights == null ? null : weights.clone(),
              counts.clone(), totals == null ? null : totals.clone(), size, scale);
          Object[] argsA = deepCopy(args);
          Object[] argsB = deepCopy(args);
          Object ra = invoke(m, a, argsA);
          Object rb = invoke(accelerated.rewritten.getMethod(m.getName(), m.getParameterTypes()),
              b, argsB);
          String where = m.getName() + " length=" + length + " variant=" + variant;
          if (fastmath && ra instanceof Double x && rb instanceof Double y) {
            // The one floating-point sum here: reassociated under fastmath, within 1e-9.
            assertTrue(Math.abs(x - y) <= 1e-9 * (1 + Math.abs(x)), where + ": " + x + " " + y);
          } else {
            assertEquals(Objects.toString(ra), Objects.toString(rb), where);
          }
          assertTrue(Arrays.deepEquals(argsA, argsB), where + ": arguments differ");
          assertTrue(Arrays.deepEquals(fields(a), fields(b)), where + ": fields differ");
          compared++;
        }
      }
    }
    assertTrue(compared > 500, "compared " + compared);
  }

  private static double[] randomDoubles(int length, Random random) {
    double[] d = new double[length];
    Arrays.setAll(d, i -> i % 17 == 3 ? -0.0 : random.nextGaussian());
    return d;
  }

  private static Object invoke(Method m, Object target, Object[] args) {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      return t.getClass().getName() + " at " + t.getStackTrace()[0].getMethodName() + ":"
          + t.getStackTrace()[0].getLineNumber();
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static Object[] fields(Object o) throws IllegalAccessException {
    List<Object> values = new ArrayList<>();
    for (Field f : o.getClass().getDeclaredFields()) {
      f.setAccessible(true);
      values.add(f.get(o));
    }
    return values.toArray();
  }

  private static Object[] deepCopy(Object[] args) {
    Object[] copy = args.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] instanceof double[] d) {
        copy[i] = d.clone();
      } else if (copy[i] instanceof int[] a) {
        copy[i] = a.clone();
      } else if (copy[i] instanceof float[] f) {
        copy[i] = f.clone();
      }
    }
    return copy;
  }
}
