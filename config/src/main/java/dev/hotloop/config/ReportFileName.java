package dev.hotloop.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code report=} path, in which {@code %p} stands for the JVM's process id and {@code %h}
 * for its host name ({@code %%} for a {@code %}), anywhere in the path, as the JVM's own
 * {@code -Xlog:...:file=} names take {@code %p}: so that the JVMs of one job, each started with the same option (Spark
 * executors, the forks of a test run), write their reports side by side, not over one another.
 * A path that names an existing directory gets {@link #IN_DIRECTORY} inside it.
 */
public record ReportFileName(Path pattern) {

  /** The report's name in a directory given as the report path: JSON, with host and pid. */
  public static final String IN_DIRECTORY = "hotloop-%h-%p.json";

  /** Rejects a null pattern. */
  public ReportFileName {
    if (pattern == null) {
      throw new IllegalArgumentException("pattern must not be null");
    }
  }

  /**
   * What is wrong with {@code value} as a report path's placeholders, or empty: a {@code %} must
   * be followed by {@code p}, {@code h} or another {@code %}.
   */
  static Optional<String> problemIn(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) != '%') {
        continue;
      }
      char next = i + 1 < value.length() ? value.charAt(i + 1) : 0;
      if (next != 'p' && next != 'h' && next != '%') {
        return Optional.of("expected %p (the pid), %h (the host) or %% after '%' in the report"
            + " path, got '" + value.substring(i, Math.min(value.length(), i + 2)) + "'");
      }
      i++;
    }
    return Optional.empty();
  }

  /**
   * Whether {@link #resolve} needs the host name, which may take a name lookup: the pattern
   * names it, or names a directory (whose report's name has it).
   */
  public boolean needsHost() {
    return pattern.toString().contains("%h") || Files.isDirectory(pattern);
  }

  /**
   * The file this JVM writes: the pattern with its placeholders replaced, or, where the pattern
   * names an existing directory, {@link #IN_DIRECTORY} inside it. A host name keeps only the
   * characters safe in a file name on every system; the others become {@code _}.
   */
  public Path resolve(long pid, String host) {
    Path target = Files.isDirectory(pattern) ? pattern.resolve(IN_DIRECTORY) : pattern;
    String name = target.toString();
    String safeHost = host.replaceAll("[^A-Za-z0-9._-]", "_");
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      char next = i + 1 < name.length() ? name.charAt(i + 1) : 0;
      if (c == '%' && (next == 'p' || next == 'h' || next == '%')) {
        sb.append(next == 'p' ? Long.toString(pid) : next == 'h' ? safeHost : "%");
        i++;
      } else {
        sb.append(c);
      }
    }
    return Path.of(sb.toString());
  }
}
