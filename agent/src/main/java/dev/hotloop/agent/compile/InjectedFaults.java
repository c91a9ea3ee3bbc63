package dev.hotloop.agent.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * Faults to inject into the compile thread, for testing hotloop itself: read once at start-up
 * from the system property {@value #PROPERTY}, a comma-separated list of {@code compile-thread}
 * (building every kernel throws) and {@code kernel-link} (every kernel class fails to link when
 * it is initialized). The faults only make something throw where a bug would; what catches them
 * is the agent's ordinary error handling, which the tests prove this way.
 *
 * @param compileThread whether the compile thread throws as it starts on each hot method
 * @param kernelLink whether every kernel refers to a class that does not exist
 * @param unknown names in the property that are neither, to warn about
 */
public record InjectedFaults(boolean compileThread, boolean kernelLink, List<String> unknown) {

  /** The system property that names the faults. */
  public static final String PROPERTY = "hotloop.faults";

  /** No faults: what every normal run has. */
  public static final InjectedFaults NONE = new InjectedFaults(false, false, List.of());

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
    List<String> unknown = new ArrayList<>();
    for (String name : value.split(",")) {
      switch (name.trim()) {
        case "compile-thread" -> compileThread = true;
        case "kernel-link" -> kernelLink = true;
        case "" -> { }
        default -> unknown.add(name.trim());
      }
    }
    return new InjectedFaults(compileThread, kernelLink, unknown);
  }

  /** Whether any fault is injected. */
  public boolean any() {
    return compileThread || kernelLink;
  }
}
