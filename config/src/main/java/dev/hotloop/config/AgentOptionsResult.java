package dev.hotloop.config;

import java.util.List;
import java.util.Objects;

/**
 * The result of reading the agent's option string: the options made of the valid entries, and
 * the problems of the entries that were skipped.
 */
public record AgentOptionsResult(AgentOptions options, List<ConfigProblem> problems) {

  /** Copies the problems so the result stays immutable. */
  public AgentOptionsResult {
    Objects.requireNonNull(options, "options");
    problems = List.copyOf(problems);
  }
}
