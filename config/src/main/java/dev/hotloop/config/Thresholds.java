package dev.hotloop.config;

/**
 * Hotness thresholds: a method turns hot when its calls reach {@code calls} or the loop
 * iterations counted across its calls reach {@code iterations}. Both are positive.
 */
public record Thresholds(int calls, long iterations) {

  /** The thresholds used where neither the agent options nor a pattern set one. */
  public static final Thresholds DEFAULT = new Thresholds(1_000, 500_000L);

  /** Rejects thresholds that are zero or negative. */
  public Thresholds {
    if (calls <= 0) {
      throw new IllegalArgumentException("calls must be positive, got " + calls);
    }
    if (iterations <= 0) {
      throw new IllegalArgumentException("iterations must be positive, got " + iterations);
    }
  }

  /** These thresholds with {@code calls} replaced. */
  public Thresholds withCalls(int calls) {
    return new Thresholds(calls, iterations);
  }

  /** These thresholds with {@code iterations} replaced. */
  public Thresholds withIterations(long iterations) {
    return new Thresholds(calls, iterations);
  }
}
