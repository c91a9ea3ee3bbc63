package dev.hotloop.config;

import java.util.List;
import java.util.Objects;

/**
 * The result of reading a config: the configuration made of the valid lines, and the problems
 * of the lines that were left out, in the order they appear in the input.
 */
public record ConfigResult(HotloopConfig config, List<ConfigProblem> problems) {

  /** Copies the problems so the result stays immutable. */
  public ConfigResult {
    Objects.requireNonNull(config, "config");
    problems = List.copyOf(problems);
  }

  /** Whether any line was left out. */
  public boolean hasProblems() {
    return !problems.isEmpty();
  }
}
