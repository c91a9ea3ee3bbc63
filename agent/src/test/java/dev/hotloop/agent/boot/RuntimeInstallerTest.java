package dev.hotloop.agent.boot;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class RuntimeInstallerTest {

  @Test
  void theRuntimeHasEveryProbeThatRewrittenCodeCalls() {
    assertDoesNotThrow(RuntimeInstaller::verifyContract);
  }
}
