package dev.hotloop.it.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import dev.hotloop.it.apps.AttachTarget;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that the launcher keeps every child JVM bounded in time: a child that would run for
 * ten minutes is killed when its time is up, is gone afterwards, and what it printed until
 * then is kept.
 */
class JvmProcessTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void childPastItsTimeIsKilledAndItsOutputKept(Jdk jdk) {
    RunFolder folder = RunFolder.create(JvmProcessTest.class, "killed", jdk);
    JvmCommand endless = JvmCommand.mainClass(jdk, AttachTarget.class, AppClasspath.PLAIN)
        .withArgs(String.valueOf(Duration.ofMinutes(10).toMillis()));
    JvmResult result;
    long pid;
    try (JvmProcess child = endless.start(folder)) {
      pid = child.pid();
      assertNotNull(child.awaitStdout(l -> l.startsWith("pid "), Duration.ofSeconds(30)));
      result = child.finish(Duration.ofSeconds(1));
    }
    assertTrue(result.timedOut(), result::describe);
    assertEquals(-1, result.exitCode(), result::describe);
    assertEquals("pid " + pid, result.stdout().strip(), result::describe);
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
        result::describe);
  }
}
