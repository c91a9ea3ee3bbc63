package dev.hotloop.agent.report.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A loop now runs a kernel. */
@Name("dev.hotloop.LoopAccelerated")
@Label("Loop Accelerated")
@Description("A loop now runs a kernel")
final class LoopAcceleratedEvent extends LoopEvent {
}
