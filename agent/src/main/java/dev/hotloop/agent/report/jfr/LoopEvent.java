package dev.hotloop.agent.report.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/**
 * What every hotloop event says about its loop: where it is, and the detail of its verdict (the
 * kernel, or why not). The events show in JDK Mission Control under "hotloop".
 */
@Category("hotloop")
@StackTrace(false)
abstract class LoopEvent extends Event {

  @Label("Class")
  String className;

  @Label("Method")
  String method;

  @Label("Descriptor")
  String descriptor;

  @Label("Loop")
  @Description("The loop's ordinal among the method's loops")
  int loop;

  @Label("Line")
  @Description("The loop's source line, or -1")
  int line;

  @Label("Detail")
  @Description("The kernel of an accelerated loop, or why it was rejected, kept, failed or"
      + " deoptimized")
  String detail;
}
