package dev.hotloop.it.apps.loaded;

/**
 * A sum for {@link LoaderApp}, defined by a parallel-capable loader of the app's own; never loaded
 * by name from the class path.
 */
public final class SumInParallelLoader {

  public static long sum(int[] values) {
    long sum = 0;
    for (int v : values) {
      sum += v;
    }
    return sum;
  }

  private SumInParallelLoader() {
  }
}
