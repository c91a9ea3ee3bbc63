package dev.hotloop.agent.report.jfr;

import dev.hotloop.agent.registry.LoopEvents;

/**
 * Chooses the loops' event listener: {@link JfrLoopEvents} where this JVM has Flight Recorder.
 * Apart from it, because verifying {@code JfrLoopEvents} loads the {@code jdk.jfr} classes its
 * events extend, which a runtime image linked without that module does not have.
 */
public final class FlightRecorderEvents {

  private static final String MODULE = "jdk.jfr";

  private FlightRecorderEvents() {
  }

  /** The JFR events where this JVM has Flight Recorder, else {@link LoopEvents#NONE}. */
  public static LoopEvents forThisJvm() {
    return ModuleLayer.boot().findModule(MODULE).isPresent() ? new JfrLoopEvents()
        : LoopEvents.NONE;
  }
}
