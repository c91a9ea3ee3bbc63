package dev.hotloop.agent.report.jfr;

import dev.hotloop.agent.registry.LoopEvents;
import dev.hotloop.agent.registry.LoopRecord;

import jdk.jfr.FlightRecorder;

/**
 * The loops' verdicts as JDK Flight Recorder events, {@code dev.hotloop.LoopAccelerated},
 * {@code LoopRejected}, {@code LoopKept}, {@code LoopFailed} and {@code LoopDeoptimized}:
 * committed only while a recording is on, and never throwing into the application.
 */
final class JfrLoopEvents implements LoopEvents {

  JfrLoopEvents() {
  }

  @Override
  public void settled(LoopRecord loop) {
    try {
      // Without a recording there is nothing to commit to, and the first event object would
      // start Flight Recorder's own set-up (some 250 ms, on the application's class-loading
      // thread, at its first rejected loop). A recording started later makes it true.
      if (!FlightRecorder.isInitialized()) {
        return;
      }
      LoopEvent event = switch (loop.state()) {
        case ACCELERATED -> new LoopAcceleratedEvent();
        case REJECTED -> new LoopRejectedEvent();
        case KEPT -> new LoopKeptEvent();
        case FAILED -> new LoopFailedEvent();
        case DEOPTIMIZED -> new LoopDeoptimizedEvent();
        default -> null;
      };
      if (event == null || !event.shouldCommit()) {
        return;
      }
      event.className = loop.site().owner().replace('/', '.');
      event.method = loop.site().methodName();
      event.descriptor = loop.site().methodDescriptor();
      event.loop = loop.site().ordinal();
      event.line = loop.site().line();
      event.detail = loop.rejection() != null ? loop.rejection() : loop.detail();
      event.commit();
    } catch (Throwable t) {
      // A report that cannot be recorded changes nothing for the application.
    }
  }
}
