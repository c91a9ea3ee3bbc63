package dev.hotloop.it.apps.loaded;

/**
 * A sum for {@link LoaderApp}, defined at run time through {@code
 * MethodHandles.Lookup.defineClass}; never loaded by name from the class path.
 */
public final class SumDefinedAtRunTime {

  public static long sum(int[] values) {
    long sum = 0;
    for (int v : values) {
      sum += v;
    }
    return sum;
  }

  private SumDefinedAtRunTime() {
  }
}
