package dev.hotloop.agent.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * Faults to inject into the compile thread, for testing hotloop itself: read once at start-up
 * from the system property {@value #PROPERTY}, a comma-separated list of {@code compile-thread}
 * (building every kernel throws), {@code kernel-link} (every kernel class fails to link when it
 * is initialized), {@code slow-kernel} (every kernel run first parks for
 * {@link #SLOW_KERNEL_NANOS}) and {@code fatal} (once a loop is accelerated, the compile thread
 * hits an error outside any one method's work). The faults only make something throw, or take
 * long, where a bug would; what handles them is the agent's ordinary code, which the tests prove
 * this way.
 *
 * @param compileThread whether the compile thread throws as it starts on each hot method
 * @param kernelLink whether every kernel refers to a class that does not exist
 * @param slowKernel whether every kernel run is slowed down
 * @param fatal whether the compile thread fails for good once a loop is accelerated
 * @param unknown names in the property that are none of these, to warn about
 */
public record InjectedFaults(boolean compileThread, boolean kernelLink, boolean slowKernel,
    boolean fatal, List<String> unknown) {

  /** How long a run of a kernel slowed by {@code slow-kernel} parks first. */
  public static final long SLOW_KERNEL_NANOS = 50_000;

  /** The names of the faults, as {@value #PROPERTY} lists them. */
  public static final String NAMES = "compile-thread, kernel-link, slow-kernel or fatal";

  /** The system property that names the faults. */
  public static final String PROPERTY = "hotloop.faults";

  /** No faults: what every normal run has. */
  public static final InjectedFaults NONE =
      new InjectedFaults(false, false, false, false, List.of());

  public InjectedFaults {
    unknown = List.copyOf(unknown);
  }

  /** The faults {@code value} of {@value #PROPERTY} names; null or blank is none. */
  public static InjectedFaults parse(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    boolean compileThread = false;
    boolean kernelLink = false;
    boolean slowKernel = false;
    boolean fatal = false;
    List<String> unknown = new ArrayList<>();
    for (String name : value.split(",")) {
      switch (name.trim()) {
        case "compile-thread" -> compileThread = true;
        case "kernel-link" -> kernelLink = true;
        case "slow-kernel" -> slowKernel = true;
        case "fatal" -> fatal = true;
        case "" -> { }
        default -> unknown.add(name.trim());
      }
    }
    return new InjectedFaults(compileThread, kernelLink, slowKernel, fatal, unknown);
  }

  /** Whether any fault is injected. */
  public boolean any() {
    return compileThread || kernelLink || slowKernel || fatal;
  }
}
