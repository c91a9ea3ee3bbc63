package dev.hotloop.bench;

/**
 * Element-wise maps under a condition, written as an application would write them: plain Java,
 * nothing that knows of hotloop. {@link ConditionalMapBenchmark} times them without and with the
 * agent, which runs a ternary as a vector blend and an {@code if} alone as a masked store.
 */
public final class ConditionalMapLoops {

  private ConditionalMapLoops() {}

  /**
   * Clamps every element into {@code [lo, hi]}, in place. Written as two statements, since the
   * one-statement form {@code a[i] < lo ? lo : (a[i] > hi ? hi : a[i])} nests a condition in a
   * condition, which the agent rejects for now; the second statement reads what the first stored.
   */
  public static void intClampInPlace(int[] a, int lo, int hi) {
    for (int i = 0; i < a.length; i++) {
      a[i] = a[i] < lo ? lo : a[i];
      a[i] = a[i] > hi ? hi : a[i];
    }
  }

  /** ReLU in place: an {@code if} alone, which writes only the negative elements. */
  public static void floatReluInPlace(float[] a) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] < 0f) {
        a[i] = 0f;
      }
    }
  }

  /** ReLU into a separate output: a ternary, which writes every element. */
  public static void floatRelu(float[] a, float[] out) {
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] < 0f ? 0f : a[i];
    }
  }
}
