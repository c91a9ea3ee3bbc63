package dev.hotloop.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class AgentCommandTest {

  @Test
  void agentOptionsAreNoCommand() {
    assertFalse(AgentCommand.isCommand(null));
    assertFalse(AgentCommand.isCommand("config=hotloop.conf,report=r.txt"));
    assertTrue(AgentCommand.isCommand("command=report,out=/tmp/r"));
  }

  @Test
  void theOutputPathComesLastAndMayHoldCommas() {
    AgentCommand c = AgentCommand.parse("command=report,format=json,out=/tmp/a,b/report.json");
    assertEquals("report", c.name());
    assertTrue(c.json());
    assertEquals(Path.of("/tmp/a,b/report.json"), c.out());
    assertFalse(AgentCommand.parse("command=report,format=text,out=r.txt").json());
    assertThrows(IllegalArgumentException.class, () -> AgentCommand.parse("command=report"));
    AgentCommand deopt = AgentCommand.parse("command=deopt,pattern=com.example.Stats::sum*,out=d");
    assertEquals("deopt", deopt.name());
    assertEquals("com.example.Stats::sum*", deopt.pattern());
  }
}
