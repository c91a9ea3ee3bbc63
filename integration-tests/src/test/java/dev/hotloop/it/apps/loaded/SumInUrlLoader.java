package dev.hotloop.it.apps.loaded;

/**
 * A sum for {@link LoaderApp}, defined by a child {@code URLClassLoader} whose parent does not see
 * the class path; never loaded by name from the class path.
 */
public final class SumInUrlLoader {

  public static long sum(int[] values) {
    long sum = 0;
    for (int v : values) {
      sum += v;
    }
    return sum;
  }

  private SumInUrlLoader() {
  }
}
