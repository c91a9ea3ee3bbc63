package dev.hotloop.agent.registry;

/**
 * Told each time a loop reaches a verdict: rejected or kept when its class is analyzed, then
 * accelerated, failed or deoptimized. The report's JFR events are one such listener.
 */
@FunctionalInterface
public interface LoopEvents {

  /** Listens to nothing. */
  LoopEvents NONE = loop -> { };

  /** {@code loop} has just reached the state it now has. Must not throw. */
  void settled(LoopRecord loop);
}
