package dev.hotloop.agent.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.codegen.kernel.ArrayPlacement;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.config.AgentOptions;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class VectorSupportTest {

  @Test
  void vectorOffGivesScalarKernelsAndSaysWhy() {
    VectorSupport support = VectorSupport.lookup(AgentOptions.VectorMode.OFF);
    assertFalse(support.vectorized());
    assertTrue(support.explanation().contains("vector=off"), support.explanation());
  }

  @Test
  void theResolvedModuleGivesVectorKernelsOfThePreferredSize() {
    Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    VectorSupport support = VectorSupport.lookup(AgentOptions.VectorMode.AUTO);
    assertTrue(support.vectorized(), support.explanation());
    int bits = ((KernelBackend.Vector) support.backend()).bits();
    assertTrue(bits >= 128 && bits <= 512, "bits " + bits);
  }

  @Test
  void g1PlacesArraysOfHalfARegionAtARegionsStart() {
    Assumptions.assumeTrue("true".equals(VectorSupport.vmOption("UseG1GC")), "not G1");
    ArrayPlacement placement = VectorSupport.arrayPlacement();
    assertNotNull(placement);
    long region = Long.parseLong(VectorSupport.vmOption("G1HeapRegionSize"));
    assertEquals(region / 2 + 1, placement.fromBytes());
    for (ElementType type : ElementType.values()) {
      int base = placement.baseOffset(type);
      // A header of 8 to 16 bytes and the length, aligned to the element.
      assertTrue(base >= 12 && base <= 24 && base % (type.bits() / 8) == 0, type + ": " + base);
      // The least length whose array, header included, is more than half a region.
      int length = placement.fromLength(type);
      assertTrue((long) length * (type.bits() / 8) + base > region / 2, type + ": " + length);
      assertTrue((long) (length - 1) * (type.bits() / 8) + base <= region / 2,
          type + ": " + length);
    }
  }

  @Test
  void anotherCollectorPlacesNothingKnown() throws Exception {
    Assumptions.assumeFalse("true".equals(VectorSupport.vmOption("UseG1GC")), "G1");
    assertNull(VectorSupport.arrayPlacement());
  }
}
