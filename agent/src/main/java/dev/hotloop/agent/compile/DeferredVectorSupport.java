package dev.hotloop.agent.compile;

import java.util.function.Supplier;

import dev.hotloop.config.AgentOptions;

import org.slf4j.Logger;

/**
 * The {@link VectorSupport} of this JVM, decided at start-up where that needs no query of the
 * JVM ({@link VectorSupport#withoutQuerying}) and otherwise on first use, once, by the compile
 * thread: the full {@link VectorSupport#lookup} loads the Vector API and the management beans,
 * some 100 ms that start-up need not pay. The decision is logged when it is made.
 */
public final class DeferredVectorSupport implements Supplier<VectorSupport> {

  private final AgentOptions.VectorMode mode;
  private final Logger log;
  private VectorSupport known;

  /** Decides now what needs no query, logging it; the rest waits for {@link #get}. */
  public DeferredVectorSupport(AgentOptions.VectorMode mode, Logger log) {
    this.mode = mode;
    this.log = log;
    this.known = VectorSupport.withoutQuerying(mode);
    if (known != null) {
      log.info(known.explanation());
    }
  }

  /** The decision, made now if it was not yet. */
  @Override
  public synchronized VectorSupport get() {
    if (known == null) {
      known = VectorSupport.lookup(mode);
      if (known.vectorized()) {
        log.debug(known.explanation());
      } else {
        log.info(known.explanation());
      }
    }
    return known;
  }

  /** The decision if it has been made, else null: never queries the JVM. */
  public synchronized VectorSupport ifDecided() {
    return known;
  }
}
