package dev.hotloop.it.jvm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK the tests launch child JVMs on: its home and its feature release (17, 21, 25...).
 *
 * <p>{@link #installed()} finds them: the Java homes listed in the system property
 * {@value #OVERRIDE_PROPERTY} (comma-separated) if it is set, otherwise every
 * {@code /usr/lib/jvm/*&#47;bin/java} plus the JDK running the tests; the same {@code java}
 * reached by two paths counts once, and so does a second JDK of the same release.
 */
public record Jdk(Path home, int major) {

  /** The system property that names the Java homes to test on instead of discovering them. */
  public static final String OVERRIDE_PROPERTY = "hotloop.it.jdks";

  private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");
  private static final Pattern VERSION = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?");
  /** The agent's bytecode is Java 17: older JDKs cannot load it at all. */
  private static final int OLDEST_SUPPORTED = 17;

  private static List<Jdk> installed;

  /** The {@code java} launcher of this JDK. */
  public Path java() {
    return home.resolve("bin").resolve("java");
  }

  /** Whether this JDK warns about agents loaded into a running JVM (JEP 451). */
  public boolean warnsOnDynamicAgents() {
    return major >= 21;
  }

  /** The JDKs to test on, oldest first; parameterized tests take their cases from here. */
  public static synchronized List<Jdk> installed() {
    if (installed == null) {
      installed = List.copyOf(discover());
      if (installed.isEmpty()) {
        throw new IllegalStateException("no JDK " + OLDEST_SUPPORTED + "+ found; set -D"
            + OVERRIDE_PROPERTY + "=<java home>,...");
      }
    }
    return installed;
  }

  private static List<Jdk> discover() {
    Set<Path> launchers = new LinkedHashSet<>();
    String override = System.getProperty(OVERRIDE_PROPERTY, "").trim();
    if (!override.isEmpty()) {
      for (String home : override.split(",")) {
        if (!home.isBlank()) {
          launchers.add(realLauncher(Path.of(home.trim())).orElseThrow(
              () -> new IllegalStateException(OVERRIDE_PROPERTY + " names " + home.trim()
                  + ", which has no bin/java")));
        }
      }
    } else {
      for (Path home : homesUnder(JVM_DIRECTORY)) {
        realLauncher(home).ifPresent(launchers::add);
      }
      realLauncher(Path.of(System.getProperty("java.home"))).ifPresent(launchers::add);
    }
    Map<Integer, Jdk> byMajor = new LinkedHashMap<>();
    for (Path java : launchers) {
      int major = majorOf(java);
      if (major >= OLDEST_SUPPORTED) {
        byMajor.putIfAbsent(major, new Jdk(java.getParent().getParent(), major));
      }
    }
    List<Jdk> jdks = new ArrayList<>(byMajor.values());
    jdks.sort(Comparator.comparingInt(Jdk::major));
    return jdks;
  }

  private static List<Path> homesUnder(Path directory) {
    List<Path> homes = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return homes;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      entries.forEach(homes::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    homes.sort(Comparator.naturalOrder());
    return homes;
  }

  private static Optional<Path> realLauncher(Path home) {
    Path java = home.resolve("bin").resolve("java");
    if (!Files.isExecutable(java)) {
      return Optional.empty();
    }
    try {
      return Optional.of(java.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Asks the launcher itself: a directory's name or {@code release} file may not say. */
  private static int majorOf(Path java) {
    RunFolder folder = RunFolder.create("jdks",
        java.toString().replaceAll("[^A-Za-z0-9.-]+", "_"));
    JvmResult version = JvmProcess.start(List.of(java.toString(), "-version"), folder, "version")
        .finish(Duration.ofSeconds(30));
    Matcher m = VERSION.matcher(version.stderr());
    if (version.exitCode() != 0 || !m.find()) {
      throw new IllegalStateException(java + " -version did not say its version:\n"
          + version.describe());
    }
    int first = Integer.parseInt(m.group(1));
    // "1.8.0_412" is Java 8.
    return first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first;
  }

  /** Names the parameterized test cases. */
  @Override
  public String toString() {
    return "JDK " + major;
  }
}
