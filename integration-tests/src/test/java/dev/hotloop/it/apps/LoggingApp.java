package dev.hotloop.it.apps;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.ServiceLoader;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An application with logging of its own: SLF4J bound to Logback, configured by its own
 * {@code logback.xml} to write to standard output in a pattern of its own, with an MDC value.
 * It first prints how its logging was set up (the SLF4J providers found, every
 * {@code logback*.xml} its class loader sees, Logback's own account of how it configured
 * itself), then logs while a hot loop sums request latencies, which the agent accelerates. Its
 * standard output must be the same with and without the agent: nothing of the agent's logging
 * may reach the application's, nor anything in the agent jar change how the application's is
 * set up.
 *
 * <p>Usage: {@code LoggingApp <max millis of hot loop>}.
 */
public final class LoggingApp {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingApp.class);
  /** The names of Logback's status levels, by {@link Status#getLevel()}. */
  private static final String[] LEVELS = {"INFO", "WARN", "ERROR"};

  static long totalLatency(int[] micros) {
    long total = 0;
    for (int i = 0; i < micros.length; i++) {
      total += micros[i];
    }
    return total;
  }

  public static void main(String[] args) throws IOException {
    printLoggingSetup();
    StopSignal signal = StopSignal.listen(Long.parseLong(args[0]));
    int[] micros = new int[20_000];
    for (int i = 0; i < micros.length; i++) {
      micros[i] = 150 + (i * 7919) % 10_000;
    }
    MDC.put("request", "r-42");
    LOG.info("summing {} latencies", micros.length);
    long expected = totalLatency(micros);
    long rounds = 0;
    long mismatches = 0;
    while (!signal.stopped()) {
      if (totalLatency(micros) != expected) {
        mismatches++;
      }
      if (++rounds % 1_000 == 0) {
        LOG.trace("round {}", rounds);
      }
    }
    LOG.debug("mismatches {}", mismatches);
    LOG.info("total latency {} us", totalLatency(micros));
    MDC.remove("request");
    LOG.warn("done, no request in context");
  }

  private static void printLoggingSetup() throws IOException {
    for (SLF4JServiceProvider p : ServiceLoader.load(SLF4JServiceProvider.class)) {
      System.out.println("slf4j provider: " + p.getClass().getName());
    }
    ClassLoader loader = LoggingApp.class.getClassLoader();
    for (String name : new String[] {"logback-test.xml", "logback.xml", "logback.groovy"}) {
      for (URL url : Collections.list(loader.getResources(name))) {
        System.out.println("resource " + name + ": " + url);
      }
    }
    // How Logback configured itself, in its own words: which configurators it found as
    // services, which files it looked for and found, and any warning or error.
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    for (Status s : context.getStatusManager().getCopyOfStatusList()) {
      if (!s.getMessage().contains(" milliseconds")) {
        System.out.println("logback status " + LEVELS[s.getLevel()] + ": " + s.getMessage());
      }
    }
  }

  private LoggingApp() {
  }
}
