package dev.hotloop.it.jvm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A run of a test app that lasts until the agent has settled the app's hot methods. The app
 * loops until told to stop (its last argument is its deadline in milliseconds, see the apps'
 * {@code StopSignal}); this waits until the agent has logged, for each of {@code methods}, that
 * it switched it to a kernel or gave up on it, then writes {@code stop} to the app, which prints
 * its results and exits. When the agent never says so, the app's own deadline ends the run, and
 * the test's assertions on the report say what is missing.
 *
 * @param methods the methods to wait for, as the agent names them up to their parameters:
 *     {@code dev.hotloop.it.apps.SumApp.sumLongs(}
 */
public record HotRun(List<String> methods) {

  /**
   * Agent options under which a method turns hot almost at once, so runs take seconds, and
   * vector kernels are used without being timed against scalar code first, nor compared with
   * their loops once running ({@code slower=off}), so that which loops run kernels does not
   * depend on how busy the machine is.
   */
  public static final String HOT_AT_ONCE = "calls=50,iterations=10000,vector=always,slower=off";

  /** How long an app may loop waiting for the agent; warm-up takes 0.1 to 0.8 s a method. */
  public static final Duration PATIENCE = Duration.ofSeconds(30);

  /** From the app's stop to its exit: printing results and the agent's report. */
  private static final Duration WIND_DOWN = Duration.ofSeconds(30);

  /**
   * The agent's log lines that settle a method, in {@code KernelCompiler}'s words and in
   * {@code LoopTransformer}'s when a method cannot be rewritten.
   */
  private static final List<String> SETTLED = List.of("INFO  accelerated ",
      "INFO  keeping ", "WARN  not accelerating ", "WARN  could not accelerate ",
      "WARN  could not switch ", "WARN  leaving ");

  public HotRun {
    methods = List.copyOf(methods);
  }

  /** A run that waits for the methods {@code names} of {@code app}. */
  public static HotRun of(Class<?> app, List<String> names) {
    List<String> methods = new ArrayList<>();
    for (String name : names) {
      methods.add(app.getName() + "." + name + "(");
    }
    return new HotRun(methods);
  }

  /** Whether {@code line} is the agent saying it accelerated or gave up on {@code method}. */
  public static boolean settles(String line, String method) {
    return line.contains(method)
        && SETTLED.stream().anyMatch(s -> line.startsWith(JvmResult.AGENT_LINE_PREFIX + s));
  }

  /** Runs {@code app} (without its deadline argument, which this adds) in {@code folder}. */
  public JvmResult run(JvmCommand app, RunFolder folder) {
    try (JvmProcess process = app.withArgs(String.valueOf(PATIENCE.toMillis())).start(folder)) {
      for (String method : methods) {
        process.awaitStderr(line -> settles(line, method), PATIENCE.plusSeconds(5));
      }
      process.send("stop");
      return process.finish(WIND_DOWN);
    }
  }
}
