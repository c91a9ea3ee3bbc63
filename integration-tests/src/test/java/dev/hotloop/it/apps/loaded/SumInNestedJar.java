package dev.hotloop.it.apps.loaded;

/**
 * A sum for {@link LoaderApp}, read from a jar nested in a jar and defined by a loader of the
 * app's own; never loaded by name from the class path.
 */
public final class SumInNestedJar {

  public static long sum(int[] values) {
    long sum = 0;
    for (int v : values) {
      sum += v;
    }
    return sum;
  }

  private SumInNestedJar() {
  }
}
