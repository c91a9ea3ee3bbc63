package dev.hotloop.codegen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.jdt.core.compiler.batch.BatchCompiler;
import org.jetbrains.kotlin.cli.common.ExitCode;
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler;

/**
 * Compiles fixture sources from the test resources with compilers other than javac, in this
 * JVM, into class files for the differential tests: the Kotlin compiler and ECJ, both from Maven
 * Central, each lays out loops in its own way. A failed compilation fails the test with the
 * compiler's messages.
 */
final class FixtureCompiler {

  private FixtureCompiler() {
  }

  /**
   * Compiles Kotlin {@code resources} (paths of {@code .kt} test resources) against the
   * kotlin-stdlib on the test class path, for JVM 17; returns class file bytes by binary name.
   */
  static Map<String, byte[]> kotlin(String... resources) throws IOException {
    Path dir = Files.createTempDirectory("hotloop-kotlin-fixtures");
    try {
      Path out = dir.resolve("classes");
      List<String> args = new ArrayList<>(List.of(
          // The stdlib the fixtures run against (the test class path's), not one looked up from
          // a Kotlin installation, which a Maven build does not have.
          "-no-stdlib", "-no-reflect", "-classpath", jarOf(kotlin.Unit.class),
          "-jvm-target", "17", "-module-name", "hotloop-fixtures", "-d", out.toString()));
      args.addAll(copy(resources, dir.resolve("src")));
      ByteArrayOutputStream messages = new ByteArrayOutputStream();
      ExitCode code = new K2JVMCompiler().exec(
          new PrintStream(messages, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
      if (code != ExitCode.OK) {
        throw new AssertionError("kotlinc failed (" + code + "):\n"
            + messages.toString(StandardCharsets.UTF_8));
      }
      return classes(out);
    } finally {
      delete(dir);
    }
  }

  /**
   * Compiles the very sources of the javac fixtures {@code fixtures} (this module's test
   * sources) with ECJ at level 17, moved into package {@code targetPackage} so that they do not
   * clash with the javac classes on the class path; returns bytes by binary name.
   */
  static Map<String, byte[]> ecj(List<Class<?>> fixtures, String targetPackage)
      throws IOException {
    Path dir = Files.createTempDirectory("hotloop-ecj-fixtures");
    try {
      Path out = dir.resolve("classes");
      List<String> args = new ArrayList<>(List.of("-17", "-encoding", "UTF-8", "-nowarn",
          "-proc:none", "-d", out.toString()));
      for (Class<?> fixture : fixtures) {
        // Surefire runs in the module's directory.
        Path source = Path.of("src", "test", "java",
            fixture.getName().replace('.', '/') + ".java");
        String text = Files.readString(source).replaceFirst(
            "package " + fixture.getPackageName().replace(".", "\\.") + ";",
            "package " + targetPackage + ";");
        Path file = dir.resolve("src").resolve(targetPackage.replace('.', '/'))
            .resolve(fixture.getSimpleName() + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        args.add(file.toString());
      }
      StringWriter messages = new StringWriter();
      PrintWriter writer = new PrintWriter(messages, true);
      if (!BatchCompiler.compile(args.toArray(String[]::new), writer, writer, null)) {
        throw new AssertionError("ecj failed:\n" + messages);
      }
      return classes(out);
    } finally {
      delete(dir);
    }
  }

  /** The jar or directory {@code c} was loaded from. */
  private static String jarOf(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Copies test resources to files under {@code dir}, since both compilers read files. */
  private static List<String> copy(String[] resources, Path dir) throws IOException {
    List<String> files = new ArrayList<>();
    for (String resource : resources) {
      Path file = dir.resolve(resource);
      Files.createDirectories(file.getParent());
      try (InputStream in = FixtureCompiler.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalArgumentException("no test resource " + resource);
        }
        Files.copy(in, file);
      }
      files.add(file.toString());
    }
    return files;
  }

  private static Map<String, byte[]> classes(Path out) throws IOException {
    Map<String, byte[]> classes = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).toList();
    }
    for (Path f : files) {
      String name = out.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
      classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(f));
    }
    return classes;
  }

  private static void delete(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      // Deepest first: a directory is empty by the time it is deleted.
      files = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path f : files) {
      Files.delete(f);
    }
  }
}
