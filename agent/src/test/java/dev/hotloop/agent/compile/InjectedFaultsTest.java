package dev.hotloop.agent.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
    assertEquals(new InjectedFaults(true, true, List.of("disk")),
        InjectedFaults.parse("kernel-link, compile-thread,,disk"));
    assertEquals(new InjectedFaults(false, true, List.of()), InjectedFaults.parse("kernel-link"));
  }
}
