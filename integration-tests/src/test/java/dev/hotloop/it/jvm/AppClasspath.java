package dev.hotloop.it.jvm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class path a test app runs with: the compiled test classes (where the apps are), and for
 * the app with logging of its own, SLF4J, Logback and the folder with its {@code logback.xml}.
 * Never the test runner's own class path, which holds JUnit and the agent's unshaded classes.
 * The build passes every location as a system property.
 */
public enum AppClasspath {

  /** The apps alone. */
  PLAIN(List.of("hotloop.it.test-classes")),

  /** The apps with SLF4J, Logback and LoggingApp's {@code logback.xml}. */
  WITH_LOGGING(List.of("hotloop.it.test-classes", "hotloop.it.logging-app",
      "hotloop.it.slf4j-api", "hotloop.it.logback-classic", "hotloop.it.logback-core"));

  private final List<String> properties;

  AppClasspath(List<String> properties) {
    this.properties = properties;
  }

  /** The entries, in order. */
  public List<Path> entries() {
    List<Path> entries = new ArrayList<>();
    for (String property : properties) {
      String value = System.getProperty(property);
      if (value == null || value.isBlank() || value.startsWith("${")) {
        throw new IllegalStateException("the build did not set -D" + property
            + " (run the tests through Maven)");
      }
      entries.add(Path.of(value).toAbsolutePath());
    }
    return entries;
  }
}
