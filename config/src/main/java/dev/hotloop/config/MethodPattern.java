package dev.hotloop.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One line of the config file: a class glob, an optional method glob and descriptor, whether
 * it includes or excludes what it matches, the options for what it includes, and where it was
 * written ({@code source} is a file name or {@code <agent options>}, {@code line} 1-based).
 *
 * <p>{@code methodGlob} is {@code "*"} when the line names no method. Globs and descriptor
 * are validated here as well as by the parser, so a pattern built in code cannot hold a glob
 * the matcher does not understand.
 */
public record MethodPattern(String classGlob, String methodGlob, Optional<String> descriptor,
                            boolean exclude, PatternOptions options, String source, int line) {

  /** Rejects malformed globs and descriptors, and options on an exclude pattern. */
  public MethodPattern {
    Objects.requireNonNull(classGlob, "classGlob");
    Objects.requireNonNull(methodGlob, "methodGlob");
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(source, "source");
    Glob.CLASS_NAME.check(classGlob).ifPresent(flaw -> {
      throw new IllegalArgumentException(flaw.message());
    });
    Glob.METHOD_NAME.check(methodGlob).ifPresent(flaw -> {
      throw new IllegalArgumentException(flaw.message());
    });
    descriptor.filter(d -> !DescriptorGrammar.isValid(d)).ifPresent(d -> {
      throw new IllegalArgumentException("malformed method descriptor '" + d + "'");
    });
    if (exclude && !options.equals(PatternOptions.NONE)) {
      throw new IllegalArgumentException("an exclude pattern takes no options: " + options);
    }
  }

  /**
   * Whether this pattern matches the method. {@code className} is a dotted binary name such as
   * {@code com.example.Outer$Inner}; an internal name ({@code com/example/Outer$Inner}) is read
   * the same way. {@code methodDescriptor} is the method's JVM descriptor.
   */
  public boolean matches(String className, String methodName, String methodDescriptor) {
    Objects.requireNonNull(methodName, "methodName");
    Objects.requireNonNull(methodDescriptor, "methodDescriptor");
    return matchesClass(className)
        && Glob.METHOD_NAME.matches(methodGlob, methodName)
        && descriptor.map(methodDescriptor::equals).orElse(true);
  }

  /** Whether some method of the class could match: the class glob alone matches the name. */
  public boolean matchesClass(String className) {
    Objects.requireNonNull(className, "className");
    return Glob.CLASS_NAME.matches(classGlob, className.replace('/', '.'));
  }

  /** Whether this pattern is about whole classes: any method name, any descriptor. */
  boolean coversWholeClass() {
    return methodGlob.equals("*") && descriptor.isEmpty();
  }

  /**
   * The pattern as it is written in a config file, in canonical form: {@code ::*} is left
   * out when the pattern covers whole classes, and options come in the order fastmath,
   * calls, iterations.
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (exclude) {
      text.append('!');
    }
    text.append(classGlob);
    if (!coversWholeClass()) {
      text.append("::").append(methodGlob);
      descriptor.ifPresent(text::append);
    }
    String optionText = options.text();
    if (!optionText.isEmpty()) {
      text.append(' ').append(optionText);
    }
    return text.toString();
  }
}
