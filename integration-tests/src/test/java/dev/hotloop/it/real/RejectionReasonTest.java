package dev.hotloop.it.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Proves that reasons naming a method or field count as one kind, and others stay as they are. */
class RejectionReasonTest {

  @Test
  void namesAreLeftOut() {
    assertEquals("calls a method inside the loop",
        RejectionReason.of("calls java.io.InputStream.read inside the loop").kind());
    assertEquals("writes a field inside the loop",
        RejectionReason.of("writes field pos inside the loop").kind());
    assertEquals("writes a static field inside the loop",
        RejectionReason.of("writes static field cache inside the loop").kind());
    assertEquals("reads a field another class declares",
        RejectionReason.of("reads field size of a.B, which is not declared by the class itself"
            + " (whether it is volatile is not known without loading classes)").kind());
  }

  @Test
  void otherReasonsAreTheirOwnKind() {
    String reason = "contains a nested loop (inner loops are considered on their own)";
    assertEquals(reason, RejectionReason.of(reason).kind());
  }
}
