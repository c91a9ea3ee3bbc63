package dev.hotloop.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the user reference honest: every {@code hotloop} block of docs/config.md must parse
 * cleanly, and the {@code hotloop errors} block must give exactly the output shown after it.
 */
class DocsExamplesTest {

  /** Surefire runs in the module directory; the reference sits beside it. */
  private static final Path REFERENCE = Path.of("..", "docs", "config.md");

  /** A fenced block of the reference: its info string and its lines. */
  private record Block(String info, String text) {
  }

  private static List<Block> blocks;

  @BeforeAll
  static void readReference() throws IOException {
    assumeTrue(Files.isRegularFile(REFERENCE), "docs/config.md is not beside the module");
    blocks = new ArrayList<>();
    String info = null;
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(REFERENCE)) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("```")) {
        if (info != null) {
          lines.add(trimmed);
        }
      } else if (info == null) {
        info = trimmed.substring(3).strip();
        lines.clear();
      } else {
        blocks.add(new Block(info, lines.stream().map(l -> l + "\n").collect(Collectors.joining())));
        info = null;
      }
    }
  }

  @Test
  void everyExampleParsesCleanly() {
    List<Block> examples = blocks.stream().filter(b -> b.info().equals("hotloop")).toList();
    assertTrue(examples.size() >= 5, "the reference should show its examples");
    for (Block example : examples) {
      ConfigResult result = ConfigParser.parse("hotloop.conf", example.text());
      assertEquals(List.of(), result.problems(), example.text());
      assertFalse(result.config().patterns().isEmpty(), example.text());
    }
  }

  @Test
  void theErrorExampleShowsTheRealOutput() {
    int index = blocks.stream().map(Block::info).toList().indexOf("hotloop errors");
    assertTrue(index >= 0 && index + 1 < blocks.size(), "the reference should show an error example");
    ConfigResult result = ConfigParser.parse("hotloop.conf", blocks.get(index).text());
    String output = result.problems().stream().map(p -> p + "\n").collect(Collectors.joining());
    assertEquals(blocks.get(index + 1).text(), output);
  }
}
