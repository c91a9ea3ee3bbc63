package dev.hotloop.analyzer.plan;

/**
 * A guard that two array locals hold different objects. A kernel runs its loop in passes and
 * each pass evaluates loads where it needs them; where one array is read after another array
 * of its type was stored to, the kernel's order equals the loop's only when the two are not
 * the same array. Java arrays never partly overlap, so one reference comparison decides.
 */
public record DistinctArrays(int firstSlot, int secondSlot) {

  @Override
  public String toString() {
    return "a" + firstSlot + " != a" + secondSlot;
  }
}
