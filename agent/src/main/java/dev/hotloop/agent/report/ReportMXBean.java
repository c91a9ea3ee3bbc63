package dev.hotloop.agent.report;

/**
 * The live report over JMX, as the MBean {@code dev.hotloop:type=Report}: what
 * {@code hotloop report} prints, for JConsole, JDK Mission Control and monitoring that reads
 * MBeans.
 */
public interface ReportMXBean {

  /** The name the agent registers it under. */
  String NAME = "dev.hotloop:type=Report";

  /** The report as text, as written at exit. */
  String getText();

  /** The report as JSON, as {@code hotloop report --json} prints it. */
  String getJson();

  /** Loops over primitive arrays considered so far. */
  int getLoops();

  /** Of those, the loops that run a kernel now. */
  int getAcceleratedLoops();

  /** Of those, the loops switched back to their original code for good. */
  int getDeoptimizedLoops();
}
