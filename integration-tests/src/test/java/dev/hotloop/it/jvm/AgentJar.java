package dev.hotloop.it.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The shaded agent jar under test, used by path exactly as a user would: the build passes its
 * location in the system property {@value #PROPERTY}. The jar may be missing or half-written
 * for a moment while the agent module is rebuilt, so {@link #locate()} waits for a complete one
 * (a readable manifest naming the premain class) before any JVM is started with it.
 */
public record AgentJar(Path path) {

  /** The system property that names the agent jar. */
  public static final String PROPERTY = "hotloop.agent.jar";

  private static final Duration PATIENCE = Duration.ofMinutes(3);

  /** The agent jar, once it is complete. */
  public static AgentJar locate() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      throw new IllegalStateException("set -D" + PROPERTY + "=<path to hotloop-agent.jar>");
    }
    Path path = Path.of(configured).toAbsolutePath().normalize();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!complete(path)) {
      if (System.nanoTime() - deadline >= 0) {
        throw new IllegalStateException(path + " is missing or incomplete; build the agent"
            + " module (mvn -pl agent package) first");
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + path, e);
      }
    }
    return new AgentJar(path);
  }

  private static boolean complete(Path path) {
    if (!Files.isRegularFile(path)) {
      return false;
    }
    try (JarFile jar = new JarFile(path.toFile())) {
      Manifest manifest = jar.getManifest();
      return manifest != null && manifest.getMainAttributes().getValue("Premain-Class") != null;
    } catch (IOException e) {
      return false;
    }
  }
}
