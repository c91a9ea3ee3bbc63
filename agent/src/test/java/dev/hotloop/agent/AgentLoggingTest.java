package dev.hotloop.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.hotloop.config.AgentOptions;

import org.junit.jupiter.api.Test;

class AgentLoggingTest {

  @Test
  void linesReachStandardErrorWithThePrefixAndRespectTheLevel() {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      AgentLogging.configure(AgentOptions.LogLevel.INFO);
      AgentLogging.logger(AgentLoggingTest.class).warn("config: {} (line ignored)", "x.conf:3:7");
      AgentLogging.logger(AgentLoggingTest.class).debug("not shown at info");
    } finally {
      System.setErr(saved);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("[hotloop] WARN  config: x.conf:3:7 (line ignored)"), out);
    assertFalse(out.contains("not shown"), out);
  }

  @Test
  void aThrowableLoggedWithAMessageFollowsItWithItsStackTrace() {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      AgentLogging.configure(AgentOptions.LogLevel.DEBUG);
      AgentLogging.logger(AgentLoggingTest.class).debug("details",
          new IllegalStateException("broken"));
    } finally {
      AgentLogging.configure(AgentOptions.LogLevel.INFO);
      System.setErr(saved);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertFalse(out.contains(System.lineSeparator() + System.lineSeparator()), out);
    String[] lines = out.split("\\R");
    assertEquals("[hotloop] DEBUG details", lines[0]);
    assertEquals("java.lang.IllegalStateException: broken", lines[1]);
    assertTrue(lines[2].startsWith("\tat dev.hotloop.agent.AgentLoggingTest."), lines[2]);
  }
}
