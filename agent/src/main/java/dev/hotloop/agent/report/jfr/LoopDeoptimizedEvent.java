package dev.hotloop.agent.report.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A loop went back to its original code for good. */
@Name("dev.hotloop.LoopDeoptimized")
@Label("Loop Deoptimized")
@Description("A loop went back to its original code for good")
final class LoopDeoptimizedEvent extends LoopEvent {
}
