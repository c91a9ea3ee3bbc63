package dev.hotloop.agent.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class InjectedFaultsTest {

  @Test
  void noPropertyIsNoFault() {
    assertEquals(InjectedFaults.NONE, InjectedFaults.parse(null));
    assertEquals(InjectedFaults.NONE, InjectedFaults.parse(" "));
    assertFalse(InjectedFaults.NONE.any());
  }

  @Test
  void namesAreCommaSeparatedAndUnknownOnesKeptForTheWarning() {
    assertEquals(new InjectedFaults(true, true, false, false, List.of("disk")),
        InjectedFaults.parse("kernel-link, compile-thread,,disk"));
    assertEquals(new InjectedFaults(false, true, false, false, List.of()),
        InjectedFaults.parse("kernel-link"));
    assertEquals(new InjectedFaults(false, false, true, true, List.of()),
        InjectedFaults.parse("slow-kernel,fatal"));
    assertTrue(InjectedFaults.parse("fatal").any());
  }
}
