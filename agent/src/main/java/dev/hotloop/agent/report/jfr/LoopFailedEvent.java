package dev.hotloop.agent.report.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** Building, warming or switching to a loop's kernel failed; the original runs. */
@Name("dev.hotloop.LoopFailed")
@Label("Loop Failed")
@Description("Building, warming or switching to a loop's kernel failed; the original runs")
final class LoopFailedEvent extends LoopEvent {
}
