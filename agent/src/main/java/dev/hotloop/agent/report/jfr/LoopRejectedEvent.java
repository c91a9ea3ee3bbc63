package dev.hotloop.agent.report.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The analyzer turned a loop down. */
@Name("dev.hotloop.LoopRejected")
@Label("Loop Rejected")
@Description("The analyzer turned a loop down")
final class LoopRejectedEvent extends LoopEvent {
}
