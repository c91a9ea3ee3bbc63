package dev.hotloop.config;

import java.util.Objects;
import java.util.Optional;

/**
 * What the agent should do with one selected method: whether fastmath is allowed, the
 * thresholds at which it turns hot, and the include pattern that selected it (empty when the
 * config has no include patterns and every non-built-in method is eligible).
 */
public record MethodSettings(boolean fastmath, Thresholds thresholds,
                             Optional<MethodPattern> matchedBy) {

  /** Rejects null components. */
  public MethodSettings {
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(matchedBy, "matchedBy");
  }
}
