package dev.hotloop.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code report=} path's placeholders, and a directory given as the path. */
class ReportFileNameTest {

  @Test
  void pidAndHostReplaceTheirPlaceholdersAnywhereInThePath() {
    ReportFileName name = new ReportFileName(Path.of("reports", "%h", "hotloop-%p-%h.json"));
    assertEquals(Path.of("reports", "node-7", "hotloop-4242-node-7.json"),
        name.resolve(4242, "node-7"));
  }

  @Test
  void aDoublePercentIsOnePercentAndAPathWithoutPlaceholdersStaysAsItIs() {
    assertEquals(Path.of("r-100%-1.txt"),
        new ReportFileName(Path.of("r-100%%-%p.txt")).resolve(1, "h"));
    assertEquals(Path.of("out", "report.json"),
        new ReportFileName(Path.of("out", "report.json")).resolve(1, "h"));
  }

  @Test
  void aHostNameKeepsOnlyCharactersSafeInAFileName() {
    assertEquals(Path.of("r-a_b_c.example-9.json"),
        new ReportFileName(Path.of("r-%h-%p.json")).resolve(9, "a b/c.example"));
  }

  @Test
  void anExistingDirectoryGetsAJsonReportNamedForHostAndPid(@TempDir Path dir) {
    assertEquals(dir.resolve("hotloop-worker-1-77.json"),
        new ReportFileName(dir).resolve(77, "worker-1"));
  }

  @Test
  void onlyAPatternWithTheHostOrADirectoryNeedsTheHostName(@TempDir Path dir) {
    assertTrue(new ReportFileName(Path.of("r-%h.json")).needsHost());
    assertTrue(new ReportFileName(dir).needsHost());
    assertFalse(new ReportFileName(Path.of("r-%p.json")).needsHost());
  }

  @Test
  void aPercentMustIntroduceAKnownPlaceholder() {
    assertEquals(Optional.empty(), ReportFileName.problemIn("a-%p-%h-%%.json"));
    assertTrue(ReportFileName.problemIn("a-%d.json").get().endsWith("got '%d'"));
    assertTrue(ReportFileName.problemIn("a-%").get().endsWith("got '%'"));
  }
}
