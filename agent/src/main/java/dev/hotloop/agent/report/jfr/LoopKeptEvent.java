package dev.hotloop.agent.report.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A loop has a plan but stays as it is: no kernel would be faster. */
@Name("dev.hotloop.LoopKept")
@Label("Loop Kept")
@Description("A loop has a plan but stays as it is: no kernel would be faster")
final class LoopKeptEvent extends LoopEvent {
}
