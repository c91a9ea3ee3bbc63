package dev.hotloop.analyzer.plan;

/**
 * Where a loop is: its method, its ordinal among the method's loops (in instruction order,
 * stable for the same class file) and its source line ({@code -1} when the class has no line
 * numbers).
 */
public record LoopSite(String owner, String methodName, String methodDescriptor, int ordinal,
    int line) {

  /** {@code com.example.Stats.sumArray([J)J #0}, for logs and reports. */
  @Override
  public String toString() {
    return owner.replace('/', '.') + "." + methodName + methodDescriptor + " loop#" + ordinal;
  }
}
