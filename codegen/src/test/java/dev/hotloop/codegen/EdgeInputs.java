package dev.hotloop.codegen;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Arguments for differential runs: arrays of awkward lengths (empty, one, around every vector
 * width, odd) filled with random values, extremes (MIN/MAX, overflow), NaN, -0.0 and infinities;
 * null arrays; and int arguments around and past the array's bounds.
 */
final class EdgeInputs {

  static final int[] LENGTHS = {0, 1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100,
      127, 128, 129, 255, 256, 257, 1000, 1023, 1024, 1025, 4099};

  private EdgeInputs() {
  }

  /** Arrays of {@code componentType} to try, null included. */
  static List<Object> arrays(Class<?> componentType, long seed) {
    Random random = new Random(seed);
    List<Object> out = new ArrayList<>();
    out.add(null);
    for (int length : LENGTHS) {
      for (int fill = 0; fill < 4; fill++) {
        out.add(array(componentType, length, fill, random));
      }
    }
    return out;
  }

  /**
   * One array of {@code componentType} and {@code length}, filled in one of four ways (0 to 3:
   * random over the type's range, extremes with NaN, -0.0 and infinities, the index with every
   * 97th negated, small values around zero). The third has long runs where a condition such as
   * {@code a[i] < 0} holds in no lane, and a few where it does, for kernels that step over
   * vectors whose condition holds nowhere.
   */
  static Object array(Class<?> componentType, int length, int fill, Random random) {
    Object a = Array.newInstance(componentType, length);
    for (int i = 0; i < length; i++) {
      Array.set(a, i, value(componentType, fill, i, random));
    }
    return a;
  }

  private static Object value(Class<?> type, int fill, int i, Random r) {
    if (type == long.class) {
      return switch (fill) {
        case 0 -> r.nextLong();
        case 1 -> i % 2 == 0 ? Long.MAX_VALUE : Long.MIN_VALUE + r.nextInt(3);
        case 2 -> i % 97 == 5 ? (long) -i : (long) i;
        default -> (long) r.nextInt(1000) - 500;
      };
    } else if (type == int.class) {
      return switch (fill) {
        case 0 -> r.nextInt();
        case 1 -> i % 3 == 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        case 2 -> i % 97 == 5 ? -i : i;
        default -> r.nextInt(1000) - 500;
      };
    } else if (type == short.class) {
      return (short) (fill == 1 ? (i % 2 == 0 ? Short.MIN_VALUE : Short.MAX_VALUE) : r.nextInt());
    } else if (type == char.class) {
      return (char) (fill == 1 ? (i % 2 == 0 ? Character.MAX_VALUE : 0) : r.nextInt());
    } else if (type == byte.class) {
      return (byte) (fill == 1 ? (i % 2 == 0 ? Byte.MIN_VALUE : Byte.MAX_VALUE) : r.nextInt());
    } else if (type == double.class) {
      return switch (fill) {
        case 0 -> r.nextGaussian() * 1e6;
        case 1 -> special(i, r);
        case 2 -> (i % 97 == 5 ? -i : i) * 0.1;
        default -> i % 97 == 5 ? Double.NaN : r.nextDouble() - 0.5;
      };
    } else if (type == float.class) {
      return switch (fill) {
        case 0 -> (float) (r.nextGaussian() * 1e3);
        case 1 -> (float) special(i, r);
        case 2 -> (i % 97 == 5 ? -i : i) * 0.1f;
        default -> i % 97 == 5 ? Float.NaN : r.nextFloat() - 0.5f;
      };
    }
    throw new IllegalArgumentException(type.toString());
  }

  private static double special(int i, Random r) {
    return switch (i % 8) {
      case 0 -> -0.0;
      case 1 -> Double.MAX_VALUE;
      case 2 -> -Double.MAX_VALUE;
      case 3 -> Double.MIN_VALUE;
      case 4 -> Double.POSITIVE_INFINITY;
      case 5 -> r.nextDouble();
      case 6 -> Double.NEGATIVE_INFINITY;
      default -> -0.0;
    };
  }

  /** Int arguments to try for a loop bound or start, given the array's length. */
  static int[] ints(int length) {
    return new int[] {0, 1, 3, length / 2, length - 1, length, length + 1, -1,
        Integer.MIN_VALUE, Integer.MAX_VALUE};
  }
}
