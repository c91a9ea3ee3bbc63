package dev.hotloop.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Where things are in a hotloop checkout, seen from the benchmarks: the {@code benchmarks}
 * folder (its config file and {@code target/results}) and, beside it, the agent jar. The folder
 * is found from the location of {@code benchmarks.jar} ({@code benchmarks/target/}) or else from
 * the working directory (the repository root or the {@code benchmarks} folder itself).
 *
 * @param benchmarksDir the {@code benchmarks} folder of the checkout
 */
record CheckoutLayout(Path benchmarksDir) {

  static final String CONFIG_FILE = "hotloop-bench.conf";

  /** Finds the {@code benchmarks} folder, or fails saying where it looked. */
  static CheckoutLayout locate() {
    Path fromJar = jarLocation();
    if (fromJar != null && fromJar.getParent() != null
        && fromJar.getParent().getFileName() != null
        && fromJar.getParent().getFileName().toString().equals("target")
        && Files.isRegularFile(fromJar.getParent().resolveSibling(CONFIG_FILE))) {
      return new CheckoutLayout(fromJar.getParent().getParent());
    }
    Path cwd = Path.of("").toAbsolutePath();
    if (Files.isRegularFile(cwd.resolve("benchmarks").resolve(CONFIG_FILE))) {
      return new CheckoutLayout(cwd.resolve("benchmarks"));
    }
    if (Files.isRegularFile(cwd.resolve(CONFIG_FILE))) {
      return new CheckoutLayout(cwd);
    }
    throw new IllegalStateException("cannot find the benchmarks folder (the one holding "
        + CONFIG_FILE + "): looked beside " + fromJar + " and in " + cwd
        + "; run from the repository root or give --config, --agent and --results");
  }

  private static Path jarLocation() {
    try {
      CodeSource source = CheckoutLayout.class.getProtectionDomain().getCodeSource();
      return source == null ? null : Path.of(source.getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  /** {@code ../agent/target/hotloop-agent.jar}, relative to the benchmarks folder. */
  Path agentJar() {
    return benchmarksDir.resolveSibling("agent").resolve("target").resolve("hotloop-agent.jar");
  }

  /** The agent config of the hotloop run: which methods, and which get {@code fastmath}. */
  Path config() {
    return benchmarksDir.resolve(CONFIG_FILE);
  }

  /** Where the JMH results, the agent reports and the table are written. */
  Path resultsDir() {
    return benchmarksDir.resolve("target").resolve("results");
  }
}
