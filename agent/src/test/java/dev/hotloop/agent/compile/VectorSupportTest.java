package dev.hotloop.agent.compile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
