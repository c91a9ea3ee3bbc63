package dev.hotloop.codegen;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.hotloop.codegen.LoopGrammar.LoopCase;
import dev.hotloop.codegen.LoopGrammar.Parameter;

/**
 * Argument lists for a {@link LoopGrammar} case, drawn by role: arrays of awkward lengths and
 * fills ({@link EdgeInputs#array}), sometimes null, shorter than the first, or the same object
 * as another parameter of their type; matrices with jagged, null and shared rows; bounds around
 * and past the arrays' length; scalars at the type's extremes, NaN and -0.0 among them.
 */
final class FuzzInputs {

  /** Lengths to draw: every one of {@link EdgeInputs#LENGTHS} up to 257, and a few longer. */
  private static final int SHORT_LENGTHS = 24;

  private FuzzInputs() {
  }

  /** {@code count} argument lists for {@code loopCase}'s method, the same for the same seed. */
  static List<Object[]> draw(LoopCase loopCase, long seed, int count) {
    Random random = new Random(seed);
    List<Parameter> params = loopCase.parameters();
    List<Object[]> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      out.add(arguments(params, random));
    }
    return out;
  }

  private static Object[] arguments(List<Parameter> params, Random random) {
    int[] lengths = EdgeInputs.LENGTHS;
    int length = lengths[random.nextInt(random.nextInt(10) == 0 ? lengths.length - 1
        : SHORT_LENGTHS)];
    int rows = new int[] {0, 1, 2, 3, 5}[random.nextInt(5)];
    Object[] args = new Object[params.size()];
    for (int p = 0; p < args.length; p++) {
      Class<?> type = params.get(p).type();
      String name = params.get(p).name();
      if (type.isArray() && type.getComponentType().isArray()) {
        args[p] = random.nextInt(25) == 0 ? null : matrix(type.getComponentType(), rows, length,
            random);
      } else if (type.isArray()) {
        int n = name.equals("out") && args[0] != null && args[0].getClass() == type.arrayType()
            ? rows : length;
        args[p] = array(type, n, args, p, random);
      } else if (name.equals("n")) {
        // Around and past the arrays' ends, but not MIN/MAX_VALUE: a loop that reads no element
        // on some iterations (a read under a condition) would run two billion of them.
        int[] bounds = {0, 1, 3, length / 2, length - 1, length, length + 1, length + 100, -1};
        args[p] = bounds[random.nextInt(bounds.length)];
      } else {
        args[p] = scalar(type, random);
      }
    }
    return args;
  }

  private static Object array(Class<?> type, int length, Object[] earlier, int p, Random random) {
    int choice = random.nextInt(20);
    if (choice == 0) {
      return null;
    }
    if (choice < 4) {
      // The same object as an earlier parameter of the type: aliasing guards must see it.
      for (int q = p - 1; q >= 0; q--) {
        if (earlier[q] != null && earlier[q].getClass() == type) {
          return earlier[q];
        }
      }
    }
    if (choice < 6 && length > 0) {
      length--;
    }
    return EdgeInputs.array(type.getComponentType(), length, random.nextInt(4), random);
  }

  /** Rows of one length, but one shorter, one null or all one array, by the draw. */
  private static Object matrix(Class<?> rowType, int rows, int length, Random random) {
    Object m = Array.newInstance(rowType, rows);
    int shape = random.nextInt(6);
    int fill = random.nextInt(4);
    for (int r = 0; r < rows; r++) {
      Object row;
      if (shape == 1 && r == rows / 2) {
        row = EdgeInputs.array(rowType.getComponentType(), Math.max(0, length - 1), fill, random);
      } else if (shape == 2 && r == rows - 1) {
        row = null;
      } else if (shape == 3 && r > 0) {
        row = Array.get(m, 0);
      } else {
        row = EdgeInputs.array(rowType.getComponentType(), length, fill, random);
      }
      Array.set(m, r, row);
    }
    return m;
  }

  private static Object scalar(Class<?> type, Random random) {
    if (type == int.class) {
      int[] v = {0, 1, -1, 3, 7, -500, 31, Integer.MIN_VALUE, Integer.MAX_VALUE};
      return v[random.nextInt(v.length)];
    } else if (type == long.class) {
      long[] v = {0L, 1L, -1L, 3L, 1L << 40, -(1L << 40), Long.MIN_VALUE, Long.MAX_VALUE};
      return v[random.nextInt(v.length)];
    } else if (type == double.class) {
      double[] v = {1.0, -0.0, 0.0, 0.25, -3.5, Double.NaN, Double.POSITIVE_INFINITY, 1e-300,
          Double.MAX_VALUE};
      return v[random.nextInt(v.length)];
    } else if (type == float.class) {
      float[] v = {1.0f, -0.0f, 0.0f, 0.5f, -2.0f, Float.NaN, Float.NEGATIVE_INFINITY,
          Float.MIN_VALUE, Float.MAX_VALUE};
      return v[random.nextInt(v.length)];
    }
    throw new IllegalArgumentException(type.toString());
  }
}
