package dev.hotloop.analyzer.plan;

/**
 * A guard that two arrays are different objects. A kernel runs its loop in passes and each pass
 * evaluates loads where it needs them; where one array is read after another array of its type
 * was stored to, the kernel's order equals the loop's only when the two are not the same array.
 * Java arrays never partly overlap, so one reference comparison decides.
 */
public record DistinctArrays(ArrayInput first, ArrayInput second) {

  @Override
  public String toString() {
    return first + " != " + second;
  }
}
