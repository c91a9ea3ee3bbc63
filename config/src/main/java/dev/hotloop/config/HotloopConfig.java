package dev.hotloop.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole configuration: the patterns in file order, the global thresholds, and the file it
 * was read from. It answers the agent's two questions: may this class be transformed at all,
 * and with what settings is this method selected.
 *
 * <p>Precedence: built-in classes are never selected; any matching exclude pattern wins over
 * every include pattern; among include patterns the first matching one in file order gives the
 * options; with no include patterns at all, every method that is not built-in or excluded is
 * selected with the global thresholds.
 */
public record HotloopConfig(List<MethodPattern> patterns, Thresholds thresholds,
                            Optional<Path> source) {

  /**
   * Packages of the JDK and of hotloop itself. Transforming the JDK risks the classes the agent
   * runs on, and transforming hotloop would instrument the instrumenter. Examples and
   * benchmarks under {@code dev.hotloop} are user code and stay eligible.
   */
  private static final List<String> BUILT_IN_PREFIXES = List.of(
      "java.", "javax.", "jdk.", "sun.", "com.sun.",
      "dev.hotloop.agent.", "dev.hotloop.runtime.", "dev.hotloop.config.",
      "dev.hotloop.analyzer.", "dev.hotloop.codegen.", "dev.hotloop.shaded.");

  /** Copies the patterns so the configuration stays immutable. */
  public HotloopConfig {
    patterns = List.copyOf(patterns);
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(source, "source");
  }

  /** No patterns, {@link Thresholds#DEFAULT}, no source: every non-built-in method is eligible. */
  public static HotloopConfig defaults() {
    return new HotloopConfig(List.of(), Thresholds.DEFAULT, Optional.empty());
  }

  /** This configuration with the global thresholds replaced. */
  public HotloopConfig withThresholds(Thresholds thresholds) {
    return new HotloopConfig(patterns, thresholds, source);
  }

  /**
   * Whether the class belongs to the JDK or to hotloop itself and must never be touched,
   * whatever the patterns say. Takes a dotted binary name; an internal name with {@code /}
   * is read the same way, so a caller that forgets to convert cannot reach the JDK.
   */
  public boolean isBuiltIn(String className) {
    String name = className.replace('/', '.');
    for (String prefix : BUILT_IN_PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether some method of the class may be selected, so the agent can skip reading the
   * others: the class is not built in, some include pattern's class glob matches it (or there
   * are no include patterns), and no exclude pattern removes the class as a whole.
   */
  public boolean mayTouchClass(String className) {
    if (isBuiltIn(className)) {
      return false;
    }
    boolean hasIncludes = false;
    boolean included = false;
    for (MethodPattern pattern : patterns) {
      if (pattern.exclude()) {
        if (pattern.coversWholeClass() && pattern.matchesClass(className)) {
          return false;
        }
      } else {
        hasIncludes = true;
        included = included || pattern.matchesClass(className);
      }
    }
    return !hasIncludes || included;
  }

  /**
   * The settings for one method, or empty when it must be left alone. {@code className} is a
   * dotted binary name, {@code descriptor} the method's JVM descriptor.
   */
  public Optional<MethodSettings> select(String className, String methodName, String descriptor) {
    if (isBuiltIn(className)) {
      return Optional.empty();
    }
    boolean hasIncludes = false;
    MethodPattern firstInclude = null;
    // Every exclude must be seen even after an include matched: exclusion wins regardless of order.
    for (MethodPattern pattern : patterns) {
      if (pattern.exclude()) {
        if (pattern.matches(className, methodName, descriptor)) {
          return Optional.empty();
        }
      } else {
        hasIncludes = true;
        if (firstInclude == null && pattern.matches(className, methodName, descriptor)) {
          firstInclude = pattern;
        }
      }
    }
    if (!hasIncludes) {
      return Optional.of(new MethodSettings(false, thresholds, Optional.empty()));
    }
    if (firstInclude == null) {
      return Optional.empty();
    }
    PatternOptions options = firstInclude.options();
    return Optional.of(new MethodSettings(options.fastmath(), options.applyTo(thresholds),
        Optional.of(firstInclude), options.parallel()));
  }
}
