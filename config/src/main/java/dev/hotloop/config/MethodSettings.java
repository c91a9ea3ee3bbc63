package dev.hotloop.config;

import java.util.Objects;
import java.util.Optional;

/**
 * What the agent should do with one selected method: whether fastmath is allowed, the
 * thresholds at which it turns hot, the include pattern that selected it (empty when the
 * config has no include patterns and every non-built-in method is eligible), and whether its
 * loops may run across threads ({@code parallel}).
 */
public record MethodSettings(boolean fastmath, Thresholds thresholds,
                             Optional<MethodPattern> matchedBy, boolean parallel) {

  /** Rejects null components. */
  public MethodSettings {
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(matchedBy, "matchedBy");
  }

  /** Settings without {@code parallel}. */
  public MethodSettings(boolean fastmath, Thresholds thresholds,
      Optional<MethodPattern> matchedBy) {
    this(fastmath, thresholds, matchedBy, false);
  }
}
