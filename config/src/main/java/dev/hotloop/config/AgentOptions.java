package dev.hotloop.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The agent's option string, {@code -javaagent:hotloop-agent.jar=key=value,key=value}: where
 * the config file and the report are, global threshold overrides, how much to log, and whether
 * vector kernels may be used. Absent values mean the defaults.
 */
public record AgentOptions(Optional<Path> config, Optional<Path> report, OptionalInt calls,
                           OptionalLong iterations, LogLevel log, VectorMode vector,
                           int deoptPercent, OptionalInt slowerPercent) {

  /**
   * The default of {@code deopt}: a loop whose guards fail in more than half of its runs since
   * it was accelerated (over at least {@code GUARD_SAMPLE} runs) goes back to its original code.
   */
  public static final int DEFAULT_DEOPT_PERCENT = 50;

  /**
   * The default of {@code slower}: a kernel that measures more than 3% slower than the original
   * loop it replaced, timed side by side in the application, goes back to the original.
   */
  public static final int DEFAULT_SLOWER_PERCENT = 3;

  /** The largest {@code slower} share: a kernel ten times slower than its loop. */
  public static final int MAX_SLOWER_PERCENT = 1000;

  /**
   * No config file, no report, default thresholds, {@link LogLevel#INFO},
   * {@link VectorMode#AUTO}, {@link #DEFAULT_DEOPT_PERCENT}, {@link #DEFAULT_SLOWER_PERCENT}.
   */
  public static final AgentOptions DEFAULTS = new AgentOptions(Optional.empty(), Optional.empty(),
      OptionalInt.empty(), OptionalLong.empty(), LogLevel.INFO, VectorMode.AUTO,
      DEFAULT_DEOPT_PERCENT, OptionalInt.of(DEFAULT_SLOWER_PERCENT));

  /**
   * Rejects null components, thresholds that are present but not positive, a deopt share
   * outside 1 to 100 and a slower share outside 0 to {@link #MAX_SLOWER_PERCENT}. An empty
   * {@code slowerPercent} ({@code slower=off}) never compares kernels with their loops.
   */
  public AgentOptions {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(iterations, "iterations");
    if (calls.isPresent() && calls.getAsInt() <= 0) {
      throw new IllegalArgumentException("calls must be positive, got " + calls.getAsInt());
    }
    if (iterations.isPresent() && iterations.getAsLong() <= 0) {
      throw new IllegalArgumentException(
          "iterations must be positive, got " + iterations.getAsLong());
    }
    if (deoptPercent < 1 || deoptPercent > 100) {
      throw new IllegalArgumentException("deopt must be 1 to 100, got " + deoptPercent);
    }
    Objects.requireNonNull(slowerPercent, "slowerPercent");
    if (slowerPercent.isPresent()
        && (slowerPercent.getAsInt() < 0 || slowerPercent.getAsInt() > MAX_SLOWER_PERCENT)) {
      throw new IllegalArgumentException("slower must be 0 to " + MAX_SLOWER_PERCENT + " or off,"
          + " got " + slowerPercent.getAsInt());
    }
  }

  /**
   * Reads the string after {@code =} in {@code -javaagent:}. A null or blank string gives
   * {@link #DEFAULTS} with no problems; a bad entry is reported and skipped, the rest apply.
   */
  public static AgentOptionsResult parse(String agentArgs) {
    return AgentArgs.parse(agentArgs);
  }

  /** {@link Thresholds#DEFAULT} with the calls and iterations given here in force. */
  public Thresholds thresholds() {
    Thresholds result = Thresholds.DEFAULT;
    if (calls.isPresent()) {
      result = result.withCalls(calls.getAsInt());
    }
    if (iterations.isPresent()) {
      result = result.withIterations(iterations.getAsLong());
    }
    return result;
  }

  /** How much the agent logs; each level includes the ones before it. */
  public enum LogLevel { ERROR, WARN, INFO, DEBUG }

  /**
   * Whether vector kernels may be used: where they measure faster than scalar code, wherever the
   * JVM supports them, or never.
   */
  public enum VectorMode {
    /**
     * Vector kernels where the Vector API is available and the kernel, timed at warm-up, beats
     * the same loop in scalar code (which C2 may vectorize itself); scalar ones elsewhere.
     */
    AUTO,
    /** Vector kernels wherever the Vector API is available, without timing them first. */
    ALWAYS,
    /** Scalar kernels only, even where the Vector API is available. */
    OFF
  }
}
