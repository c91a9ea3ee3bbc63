package dev.hotloop.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the agent's option string, {@code key=value} entries separated by commas, into
 * {@link AgentOptions}. Each bad entry becomes a problem and is skipped; the JVM has already
 * committed to starting, so the agent should run with what it could understand.
 */
final class AgentArgs {

  /** The source named by problems in the option string. */
  static final String SOURCE = "<agent options>";

  /** The option keys, written in lower case. */
  private enum Key {
    CONFIG, REPORT, CALLS, ITERATIONS, LOG, VECTOR, DEOPT, SLOWER;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final String KEYS_EXPECTED =
      "expected one of config, report, calls, iterations, log, vector, deopt, slower";

  private final String args;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Set<Key> applied = EnumSet.noneOf(Key.class);
  private Optional<Path> config = Optional.empty();
  private Optional<Path> report = Optional.empty();
  private OptionalInt calls = OptionalInt.empty();
  private OptionalLong iterations = OptionalLong.empty();
  private AgentOptions.LogLevel log = AgentOptions.DEFAULTS.log();
  private AgentOptions.VectorMode vector = AgentOptions.DEFAULTS.vector();
  private int deoptPercent = AgentOptions.DEFAULTS.deoptPercent();
  private OptionalInt slowerPercent = AgentOptions.DEFAULTS.slowerPercent();

  private AgentArgs(String args) {
    this.args = args;
  }

  /** The options in {@code args}; null or blank gives the defaults. */
  static AgentOptionsResult parse(String args) {
    if (args == null || args.isBlank()) {
      return new AgentOptionsResult(AgentOptions.DEFAULTS, List.of());
    }
    return new AgentArgs(args).read();
  }

  private AgentOptionsResult read() {
    int start = 0;
    while (start <= args.length()) {
      int comma = args.indexOf(',', start);
      int end = comma < 0 ? args.length() : comma;
      readEntry(start, end);
      start = end + 1;
    }
    AgentOptions options = new AgentOptions(config, report, calls, iterations, log, vector,
        deoptPercent, slowerPercent);
    return new AgentOptionsResult(options, problems);
  }

  private void readEntry(int from, int to) {
    int keyStart = skipWhitespace(from, to);
    if (keyStart == to) {
      // An empty entry, as in a trailing comma, says nothing and harms nothing.
      return;
    }
    int equals = args.indexOf('=', keyStart);
    if (equals < 0 || equals >= to) {
      report(keyStart, "expected key=value");
      return;
    }
    String word = args.substring(keyStart, equals).strip();
    int valueStart = skipWhitespace(equals + 1, to);
    String value = args.substring(valueStart, to).strip();
    Optional<Key> key = keyFor(word);
    if (key.isEmpty()) {
      report(keyStart, "unknown option '" + word + "'; " + KEYS_EXPECTED);
      return;
    }
    if (applied.contains(key.get())) {
      report(keyStart, "duplicate option '" + word + "'; expected each option at most once");
      return;
    }
    if (apply(key.get(), value, valueStart)) {
      applied.add(key.get());
    }
  }

  /** Applies one entry, or reports its value and returns false. */
  private boolean apply(Key key, String value, int valueStart) {
    switch (key) {
      case CONFIG:
        Optional<Path> configPath = path(key, value, valueStart);
        configPath.ifPresent(p -> config = configPath);
        return configPath.isPresent();
      case REPORT:
        Optional<String> badPlaceholder = ReportFileName.problemIn(value);
        if (badPlaceholder.isPresent()) {
          report(valueStart, badPlaceholder.get());
          return false;
        }
        Optional<Path> reportPath = path(key, value, valueStart);
        reportPath.ifPresent(p -> report = reportPath);
        return reportPath.isPresent();
      case CALLS:
        OptionalLong callCount = number(key, PositiveNumber.INT, value, valueStart);
        callCount.ifPresent(n -> calls = OptionalInt.of((int) n));
        return callCount.isPresent();
      case ITERATIONS:
        OptionalLong iterationCount = number(key, PositiveNumber.LONG, value, valueStart);
        iterationCount.ifPresent(n -> iterations = OptionalLong.of(n));
        return iterationCount.isPresent();
      case LOG:
        for (AgentOptions.LogLevel level : AgentOptions.LogLevel.values()) {
          if (level.name().equalsIgnoreCase(value)) {
            log = level;
            return true;
          }
        }
        report(valueStart, "expected error, warn, info or debug for log, got '" + value + "'");
        return false;
      case VECTOR:
        for (AgentOptions.VectorMode mode : AgentOptions.VectorMode.values()) {
          if (mode.name().equalsIgnoreCase(value)) {
            vector = mode;
            return true;
          }
        }
        report(valueStart, "expected auto, always or off for vector, got '" + value + "'");
        return false;
      case DEOPT:
        OptionalLong percent = PositiveNumber.INT.parse(value);
        if (percent.isEmpty() || percent.getAsLong() > 100) {
          report(valueStart, "expected a percentage from 1 to 100 for deopt, got '" + value
              + "'");
          return false;
        }
        deoptPercent = (int) percent.getAsLong();
        return true;
      case SLOWER:
        if (value.equalsIgnoreCase("off")) {
          slowerPercent = OptionalInt.empty();
          return true;
        }
        OptionalLong slower = value.equals("0") ? OptionalLong.of(0)
            : PositiveNumber.INT.parse(value);
        if (slower.isEmpty() || slower.getAsLong() > AgentOptions.MAX_SLOWER_PERCENT) {
          report(valueStart, "expected a percentage from 0 to " + AgentOptions.MAX_SLOWER_PERCENT
              + " or off for slower, got '" + value + "'");
          return false;
        }
        slowerPercent = OptionalInt.of((int) slower.getAsLong());
        return true;
      default:
        throw new AssertionError(key);
    }
  }

  private Optional<Path> path(Key key, String value, int valueStart) {
    if (value.isEmpty()) {
      report(valueStart, "expected a file path for " + key.word());
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(value));
    } catch (InvalidPathException e) {
      report(valueStart, "expected a file path for " + key.word() + ", got '" + value + "': "
          + e.getReason());
      return Optional.empty();
    }
  }

  private OptionalLong number(Key key, PositiveNumber kind, String value, int valueStart) {
    OptionalLong number = kind.parse(value);
    if (number.isEmpty()) {
      report(valueStart, kind.expectation(key.word(), value));
    }
    return number;
  }

  private static Optional<Key> keyFor(String word) {
    for (Key key : Key.values()) {
      if (key.word().equals(word)) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  private int skipWhitespace(int from, int to) {
    int i = from;
    while (i < to && Character.isWhitespace(args.charAt(i))) {
      i++;
    }
    return i;
  }

  private void report(int index, String message) {
    problems.add(new ConfigProblem(SOURCE, 1, args.codePointCount(0, index) + 1, message));
  }
}
