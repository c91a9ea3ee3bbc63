package dev.hotloop.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmProcess;
import dev.hotloop.it.jvm.RunFolder;

import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on 127.0.0.1: one Master and {@code workers} Workers of one core
 * each, every one a JVM of its own started from a {@code SPARK_HOME} that holds Spark's jars as
 * Maven Central serves them (there is no distribution to download here). Each Worker starts the
 * executors of an application as child JVMs, with the {@code JAVA_HOME} the application asks for
 * ({@code spark.executorEnv.JAVA_HOME}), or its own.
 *
 * <p>Every daemon is stopped by its own process handle, its executors with it, when the cluster
 * is closed, when it failed to start, or when the test JVM exits.
 */
final class StandaloneCluster implements AutoCloseable {

  /** How long a daemon may take to say it is ready. */
  private static final Duration READY = Duration.ofSeconds(90);

  private final Path sparkHome;
  private final RunFolder folder;
  private final String masterUrl;
  private final List<JvmProcess> daemons;
  private final Thread reaper;

  private StandaloneCluster(Path sparkHome, RunFolder folder, String masterUrl,
      List<JvmProcess> daemons, Thread reaper) {
    this.sparkHome = sparkHome;
    this.folder = folder;
    this.masterUrl = masterUrl;
    this.daemons = daemons;
    this.reaper = reaper;
  }

  /** Starts a Master and {@code workers} Workers on {@code jdk}, and waits until all are up. */
  static StandaloneCluster start(Jdk jdk, Path sparkHome, RunFolder folder, int workers) {
    List<JvmProcess> daemons = new ArrayList<>();
    Thread reaper = new Thread(() -> daemons.forEach(JvmProcess::close), "spark-cluster-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    try {
      int port = freePort();
      JvmProcess master = JvmProcess.start(daemon(jdk, sparkHome,
          "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
          "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort())),
          environment(jdk, sparkHome, folder), folder, "master");
      daemons.add(master);
      awaitLog(master, "I have been elected leader", "master", folder);
      String url = "spark://127.0.0.1:" + port;
      for (int w = 1; w <= workers; w++) {
        Path work = Files.createDirectories(folder.resolve("work-" + w));
        daemons.add(JvmProcess.start(daemon(jdk, sparkHome,
            "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port", "0",
            "--webui-port", String.valueOf(freePort()), "--cores", "1", "--memory", "1g",
            "--work-dir", work.toString(), url),
            environment(jdk, sparkHome, folder), folder, "worker-" + w));
      }
      for (int w = 1; w <= workers; w++) {
        awaitLog(daemons.get(w), "Successfully registered with master", "worker-" + w, folder);
      }
      return new StandaloneCluster(sparkHome, folder, url, daemons, reaper);
    } catch (IOException e) {
      daemons.forEach(JvmProcess::close);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | Error e) {
      daemons.forEach(JvmProcess::close);
      throw e;
    }
  }

  /** The URL a driver connects to: {@code spark://127.0.0.1:<port>}. */
  String masterUrl() {
    return masterUrl;
  }

  /**
   * The options Spark's own launcher gives every JVM it starts on JDK 17 and later (the
   * {@code --add-opens} its reflection needs, and the Vector API module), which a driver needs
   * too; a driver adds them to the executors' by itself.
   */
  static List<String> sparkJvmOptions() {
    return List.of(JavaModuleOptions.defaultModuleOptionArray());
  }

  /**
   * The environment Spark's scripts would set: {@code SPARK_HOME} (the Worker builds executor
   * class paths from its {@code jars/}), the Scala version (which the scripts find in a
   * distribution's layout), the address to bind to, scratch space in the run's folder, and the
   * JDK.
   */
  static Map<String, String> environment(Jdk jdk, Path sparkHome, RunFolder folder) {
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_DIRS", folder.resolve("local").toString());
    env.put("JAVA_HOME", jdk.home().toString());
    return env;
  }

  /** Spark's class path: its logging config, then its jars. */
  static String classpath(Path sparkHome) {
    return sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + "/*";
  }

  /** The executors' standard error files, where each wrote what it did. */
  List<Path> executorLogs() {
    try (var files = Files.walk(folder.path())) {
      return files.filter(p -> p.getFileName().toString().equals("stderr")
          && p.toString().contains(File.separator + "app-")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path sparkHome() {
    return sparkHome;
  }

  /** Stops the Workers (and any executor they still run), then the Master. */
  @Override
  public void close() {
    for (int d = daemons.size() - 1; d >= 0; d--) {
      daemons.get(d).close();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // The test JVM is exiting: the hook runs, or has run, and finds nothing alive.
    }
  }

  private static List<String> daemon(Jdk jdk, Path sparkHome, String main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(jdk.java().toString());
    command.addAll(sparkJvmOptions());
    command.addAll(List.of("-XX:+UseSerialGC", "-Xmx512m", "-cp", classpath(sparkHome), main));
    command.addAll(List.of(args));
    return command;
  }

  private static void awaitLog(JvmProcess daemon, String line, String name, RunFolder folder) {
    if (daemon.awaitStderr(s -> s.contains(line), READY) == null) {
      throw new IllegalStateException(name + " did not log '" + line + "' within " + READY
          + "; see " + folder.resolve(name + ".err"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
