package dev.hotloop.it.jvm;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A {@code java} command line to run on one JDK: JVM options, what to launch (a main class on a
 * class path, or an executable jar), and its arguments. Immutable: every {@code with...}
 * returns a new command, so a test can derive the run with the agent from the run without it.
 */
public record JvmCommand(Jdk jdk, List<String> jvmOptions, List<String> launch,
    List<String> args, String name, Map<String, String> environment) {

  /** The module that holds the Vector API; it must be resolved at launch to be used at all. */
  public static final String VECTOR_MODULE = "jdk.incubator.vector";

  /**
   * Options every child gets. The serial collector because the build machine may have only two
   * cores, shared with other builds: the child's own threads are the ones that matter here.
   */
  private static final List<String> COMMON_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx512m");

  public JvmCommand {
    jvmOptions = List.copyOf(jvmOptions);
    launch = List.copyOf(launch);
    args = List.copyOf(args);
    environment = Map.copyOf(environment);
  }

  /** Runs {@code main} from {@code classpath}; its output files are named for the class. */
  public static JvmCommand mainClass(Jdk jdk, Class<?> main, AppClasspath classpath) {
    return mainClass(jdk, main.getName(), classpath.entries(), main.getSimpleName());
  }

  /**
   * Runs the class named {@code main} from {@code classpath}, for code the tests do not link
   * to (a real library's test launcher); its output files are named {@code name}.
   */
  public static JvmCommand mainClass(Jdk jdk, String main, List<Path> classpath, String name) {
    String path = classpath.stream().map(Path::toString)
        .collect(Collectors.joining(File.pathSeparator));
    return new JvmCommand(jdk, COMMON_OPTIONS, List.of("-cp", path, main), List.of(), name,
        Map.of());
  }

  /** Runs the executable {@code jar}; its output files are named {@code name}. */
  public static JvmCommand jar(Jdk jdk, Path jar, String name) {
    return new JvmCommand(jdk, COMMON_OPTIONS, List.of("-jar", jar.toString()), List.of(), name,
        Map.of());
  }

  /** With the Vector API module resolved at launch. */
  public JvmCommand withVectorModule() {
    return withJvmOptions("--add-modules", VECTOR_MODULE);
  }

  /** With the agent jar under test as {@code -javaagent}, given {@code options} (may be ""). */
  public JvmCommand withAgent(String options) {
    String jar = AgentJar.locate().path().toString();
    return withJvmOptions("-javaagent:" + jar + (options.isEmpty() ? "" : "=" + options));
  }

  public JvmCommand withJvmOptions(String... options) {
    List<String> all = new ArrayList<>(jvmOptions);
    all.addAll(List.of(options));
    return new JvmCommand(jdk, all, launch, args, name, environment);
  }

  public JvmCommand withArgs(String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return new JvmCommand(jdk, jvmOptions, launch, all, name, environment);
  }

  /**
   * With {@code variable} set to {@code value} in the child's environment: as a container's
   * {@code JAVA_TOOL_OPTIONS} gives every JVM in it its options.
   */
  public JvmCommand withEnvironment(String variable, String value) {
    Map<String, String> all = new HashMap<>(environment);
    all.put(variable, value);
    return new JvmCommand(jdk, jvmOptions, launch, args, name, all);
  }

  /** The command line. */
  public List<String> toList() {
    List<String> line = new ArrayList<>();
    line.add(jdk.java().toString());
    line.addAll(jvmOptions);
    line.addAll(launch);
    line.addAll(args);
    return line;
  }

  /** Starts the command in {@code folder}. */
  public JvmProcess start(RunFolder folder) {
    return JvmProcess.start(toList(), environment, folder, name);
  }

  /** Runs the command in {@code folder} to its end, killing it after {@code timeout}. */
  public JvmResult run(RunFolder folder, Duration timeout) {
    try (JvmProcess process = start(folder)) {
      return process.finish(timeout);
    }
  }
}
