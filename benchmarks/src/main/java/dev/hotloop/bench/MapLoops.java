package dev.hotloop.bench;

/**
 * Element-wise maps, written as an application would write them: plain Java, nothing that knows
 * of hotloop. {@link MapBenchmark} times them without and with the agent. C2's superword pass
 * already vectorizes loops this simple, so here the question is less how much the agent gains
 * than whether it costs anything. Each writes a separate output array, so that calling it again
 * and again computes the same values from the same inputs.
 */
public final class MapLoops {

  private MapLoops() {}

  /** {@code out = alpha * x + y} in {@code float}s, rounding the product and the sum apart. */
  public static void floatAxpy(float alpha, float[] x, float[] y, float[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = alpha * x[i] + y[i];
    }
  }

  /** {@code out = a + b} in {@code int}s, wrapping as Java does. */
  public static void intAdd(int[] a, int[] b, int[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = a[i] + b[i];
    }
  }
}
