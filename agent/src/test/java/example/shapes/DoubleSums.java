package example.shapes;

/** Floating-point sums: strict into a primitive, strict into a boxed {@code Double}. */
public final class DoubleSums {

  public static double strict(double[] values) {
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  public static Double boxed(double[] values) {
    Double total = 0.0;
    for (double v : values) {
      total += v;
    }
    return total;
  }

  private DoubleSums() {
  }
}
