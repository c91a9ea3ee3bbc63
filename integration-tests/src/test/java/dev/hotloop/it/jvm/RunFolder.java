package dev.hotloop.it.jvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folder of one child JVM run: its working directory, where its standard output and error
 * are captured and where the test writes its config files. Runs live under
 * {@code target/it-runs/<test>/<scenario>} and are kept after the build, so a failure can be
 * read at leisure; each is emptied when its run starts again.
 */
public record RunFolder(Path path) {

  /** The system property that names the folder all runs go under. */
  public static final String ROOT_PROPERTY = "hotloop.it.runs";

  /** An empty folder for {@code scenario} of {@code test}. */
  public static RunFolder create(String test, String scenario) {
    Path root = Path.of(System.getProperty(ROOT_PROPERTY, "target/it-runs"));
    Path path = root.resolve(test).resolve(scenario).toAbsolutePath();
    try {
      if (Files.exists(path)) {
        try (Stream<Path> old = Files.walk(path)) {
          for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RunFolder(path);
  }

  /** An empty folder for {@code scenario} of {@code test} on {@code jdk}. */
  public static RunFolder create(Class<?> test, String scenario, Jdk jdk) {
    return create(test.getSimpleName(), scenario + "-jdk" + jdk.major());
  }

  /** A file in this folder. */
  public Path resolve(String name) {
    return path.resolve(name);
  }

  /** Writes {@code text} as UTF-8 to the file {@code name} in this folder. */
  public Path write(String name, String text) {
    try {
      return Files.writeString(path.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of the file {@code name}, which must exist. */
  public String read(String name) {
    try {
      return Files.readString(path.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
