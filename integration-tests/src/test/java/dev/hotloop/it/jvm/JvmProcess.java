package dev.hotloop.it.jvm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM started by a test: its standard output and error go to files of its run folder
 * (so nothing can block on a full pipe, and both can be read while it runs), its standard input
 * stays open for {@link #send}, and it never outlives its time: {@link #finish} and
 * {@link #close} kill it, and anything it started, by its own process handle.
 */
public final class JvmProcess implements AutoCloseable {

  private static final Duration POLL = Duration.ofMillis(50);

  private final List<String> command;
  private final RunFolder folder;
  private final Path stdout;
  private final Path stderr;
  private final Process process;
  private final long startNanos;

  private JvmProcess(List<String> command, RunFolder folder, Path stdout, Path stderr,
      Process process, long startNanos) {
    this.command = command;
    this.folder = folder;
    this.stdout = stdout;
    this.stderr = stderr;
    this.process = process;
    this.startNanos = startNanos;
  }

  /**
   * Starts {@code command} in {@code folder}, capturing its output in {@code <name>.out} and
   * {@code <name>.err} there.
   */
  public static JvmProcess start(List<String> command, RunFolder folder, String name) {
    return start(command, Map.of(), folder, name);
  }

  /**
   * As {@link #start(List, RunFolder, String)}, with {@code environment} set in the child's
   * environment (after the Java option variables of the build's own are removed).
   */
  public static JvmProcess start(List<String> command, Map<String, String> environment,
      RunFolder folder, String name) {
    Path out = folder.resolve(name + ".out");
    Path err = folder.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(folder.path().toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    // The child's output must not depend on the environment the build runs in.
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("_JAVA_OPTIONS");
    builder.environment().putAll(environment);
    try {
      return new JvmProcess(List.copyOf(command), folder, out, err, builder.start(),
          System.nanoTime());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }

  /** The child's process id. */
  public long pid() {
    return process.pid();
  }

  /**
   * The first line of standard output that {@code matches}, waiting until it is written, the
   * child exits or {@code timeout} passes; null if none came.
   */
  public String awaitStdout(Predicate<String> matches, Duration timeout) {
    return awaitLine(stdout, matches, timeout);
  }

  /** As {@link #awaitStdout}, on standard error. */
  public String awaitStderr(Predicate<String> matches, Duration timeout) {
    return awaitLine(stderr, matches, timeout);
  }

  private String awaitLine(Path file, Predicate<String> matches, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      // Checked before reading, so that a line written just before the exit is still seen.
      boolean exited = !process.isAlive();
      Optional<String> line = lines(file, exited).stream().filter(matches).findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      if (exited || System.nanoTime() - deadline >= 0) {
        return null;
      }
      sleep(POLL);
    }
  }

  /** Writes {@code line} to the child's standard input; a child that has exited misses it. */
  public void send(String line) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      // The pipe is closed: the child has exited or is exiting, and finish() will tell.
    }
  }

  /**
   * Waits up to {@code timeout} for the child to exit; kills it if it has not. Either way
   * returns what it printed.
   */
  public JvmResult finish(Duration timeout) {
    boolean exited;
    try {
      exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exited = false;
    }
    if (!exited) {
      kill();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    return new JvmResult(command, folder, exited ? process.exitValue() : -1, !exited, elapsed,
        read(stdout), read(stderr));
  }

  /** Kills the child if it still runs: a failed assertion must not leave JVMs behind. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      // A killed process still has to be reaped before its exit is known.
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The lines written so far; while the child runs, without the one it may be in the middle of
   * writing, which could match a predicate too early ("pid 12" of "pid 1234").
   */
  private static List<String> lines(Path file, boolean exited) {
    String text = read(file);
    return (exited ? text : text.substring(0, text.lastIndexOf('\n') + 1)).lines().toList();
  }

  private static String read(Path file) {
    try {
      // Leniently: the child may be in the middle of writing a multi-byte character.
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a child JVM", e);
    }
  }
}
