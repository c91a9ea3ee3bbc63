package dev.hotloop.it.real;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * An open-source library from Maven Central, written by nobody here and full of loops over
 * primitive arrays, whose own test suite runs under the agent to show that the agent changes
 * no result of code it was never tuned for.
 *
 * <p>The build puts each library in a folder of its own under the system property
 * {@value #FOLDER_PROPERTY}: {@code <name>/test-classes} holds its tests jar unpacked, and
 * {@code <name>/lib} its jar and everything its tests need, at the versions of the parent pom.
 * The system property {@value #SELECTED_PROPERTY} names the libraries a build runs.
 */
public enum RealLibrary {

  /**
   * Apache Commons Statistics, descriptive statistics: sums, means, variances, moments,
   * products, min and max over {@code int[]}, {@code long[]} and {@code double[]}, two of
   * which get kernels, and 27,000 test cases that take 20 to 30 seconds, so every build runs
   * it.
   */
  COMMONS_STATISTICS("commons-statistics", "org.apache.commons", "commons-statistics-descriptive",
      "org.apache.commons.statistics.", List.of(), true),

  /**
   * Apache Commons Codec: hashes (MurmurHash3, XXHash32), digests, Base64 and Hex over
   * {@code byte[]}. Its build leaves out its performance tests and abstract test classes, and
   * so does this. None of its loops is accelerated yet (its hashes read several elements an
   * iteration), so it is a proof of "rejected without harm" and runs with the profile
   * {@code all-real-libraries}.
   */
  COMMONS_CODEC("commons-codec", "commons-codec", "commons-codec", "org.apache.commons.codec.",
      List.of(".*PerformanceTest", ".*AbstractTest"), false);

  /** The system property that names the folder the build copied the libraries to. */
  public static final String FOLDER_PROPERTY = "hotloop.it.real-libraries.dir";

  /** The system property that names the libraries to run, comma-separated. */
  public static final String SELECTED_PROPERTY = "hotloop.it.real-libraries";

  private final String folderName;
  private final String groupId;
  private final String artifactId;
  private final String packagePrefix;
  private final List<String> excludedTestClasses;
  private final boolean getsKernels;

  RealLibrary(String folderName, String groupId, String artifactId, String packagePrefix,
      List<String> excludedTestClasses, boolean getsKernels) {
    this.folderName = folderName;
    this.groupId = groupId;
    this.artifactId = artifactId;
    this.packagePrefix = packagePrefix;
    this.excludedTestClasses = excludedTestClasses;
    this.getsKernels = getsKernels;
  }

  /** Its name in {@value #SELECTED_PROPERTY} and its folder's: {@code commons-codec}. */
  public String folderName() {
    return folderName;
  }

  /** Its Maven coordinates without the version: {@code commons-codec:commons-codec}. */
  public String coordinates() {
    return groupId + ":" + artifactId;
  }

  /**
   * The package its own classes (main and test) are in, as a prefix of the names the agent's
   * report gives methods: {@code org.apache.commons.codec.}.
   */
  public String packagePrefix() {
    return packagePrefix;
  }

  /** Regular expressions of test classes its own build does not run (its surefire excludes). */
  public List<String> excludedTestClasses() {
    return excludedTestClasses;
  }

  /**
   * Whether the agent gives some of its own loops a kernel today, which then runs during its
   * tests, so that the comparison proves kernels exact and not only rejection harmless.
   */
  public boolean getsKernels() {
    return getsKernels;
  }

  /** Its folder: {@code test-classes} and {@code lib} are in it. */
  public Path folder() {
    return root().resolve(folderName);
  }

  /** Its tests and their resources, unpacked from its tests jar. */
  public Path testClasses() {
    return folder().resolve("test-classes");
  }

  /** Its test classes, then its jars and its tests' dependencies, in name order. */
  public List<Path> classpath() {
    List<Path> entries = new ArrayList<>(List.of(testClasses()));
    entries.addAll(jarsIn(folder().resolve("lib")));
    return entries;
  }

  /** Its version, as its tests jar says in {@code META-INF/maven/.../pom.properties}. */
  public String version() {
    Path file = testClasses().resolve(Path.of("META-INF", "maven", groupId, artifactId,
        "pom.properties"));
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("the build did not unpack " + coordinates() + "'s tests", e);
    }
    return properties.getProperty("version");
  }

  /** The JUnit Platform Console Launcher, which runs each library's tests. */
  public static List<Path> launcherClasspath() {
    return jarsIn(root().resolve("launcher"));
  }

  /** The libraries {@value #SELECTED_PROPERTY} names, in declaration order. */
  public static List<RealLibrary> selected() {
    String names = System.getProperty(SELECTED_PROPERTY, "");
    if (names.isBlank() || names.startsWith("${")) {
      throw new IllegalStateException("the build did not set -D" + SELECTED_PROPERTY
          + " (run the tests through Maven)");
    }
    List<String> wanted = Arrays.stream(names.split(",")).map(String::trim)
        .filter(n -> !n.isEmpty()).toList();
    for (String name : wanted) {
      if (Arrays.stream(values()).noneMatch(l -> l.folderName.equals(name))) {
        throw new IllegalStateException(SELECTED_PROPERTY + " names " + name
            + ", which is no RealLibrary");
      }
    }
    return Arrays.stream(values()).filter(l -> wanted.contains(l.folderName)).toList();
  }

  private static Path root() {
    String folder = System.getProperty(FOLDER_PROPERTY, "");
    if (folder.isBlank() || folder.startsWith("${")) {
      throw new IllegalStateException("the build did not set -D" + FOLDER_PROPERTY
          + " (run the tests through Maven)");
    }
    return Path.of(folder).toAbsolutePath();
  }

  private static List<Path> jarsIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar"))
          .sorted().toList();
      if (jars.isEmpty()) {
        throw new IllegalStateException("no jar in " + folder + "; the build copies them there");
      }
      return jars;
    } catch (IOException e) {
      throw new UncheckedIOException("the build did not copy the real libraries to " + folder, e);
    }
  }

  /** Names test cases: {@code commons-codec}. */
  @Override
  public String toString() {
    return folderName;
  }
}
