package dev.hotloop.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads config files of method patterns into a {@link ConfigResult}. A line with a problem is
 * left out whole and reported; every other line still applies, so one typo does not switch
 * hotloop off. The syntax is described in {@code docs/config.md}.
 */
public final class ConfigParser {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private ConfigParser() {
  }

  /**
   * Reads the file, decoded as UTF-8. Problems name the file as {@code file.toString()} gives
   * it. Throws {@link IOException} (such as {@link java.nio.file.NoSuchFileException}) when the
   * file cannot be read; bytes that are not UTF-8 are not such an error, they become
   * U+FFFD and are reported where they stand, unless they sit in a comment.
   */
  public static ConfigResult parse(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
    ConfigResult result = parse(file.toString(), text);
    HotloopConfig config = result.config();
    return new ConfigResult(
        new HotloopConfig(config.patterns(), config.thresholds(), Optional.of(file)),
        result.problems());
  }

  /**
   * Reads config text; {@code sourceName} is what problems give as their source. The result
   * has {@link Thresholds#DEFAULT} thresholds and no source path.
   */
  public static ConfigResult parse(String sourceName, String text) {
    Objects.requireNonNull(sourceName, "sourceName");
    String body = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    List<MethodPattern> patterns = new ArrayList<>();
    List<ConfigProblem> problems = new ArrayList<>();
    int lineNumber = 0;
    int start = 0;
    while (start <= body.length()) {
      int newline = body.indexOf('\n', start);
      int end = newline < 0 ? body.length() : newline;
      // A '\r' ends a line only before '\n' or at the end; elsewhere it is reported as a stray.
      int contentEnd = end > start && body.charAt(end - 1) == '\r' ? end - 1 : end;
      lineNumber++;
      List<Token> tokens = Token.split(body.substring(start, contentEnd));
      if (!tokens.isEmpty()) {
        PatternLine.read(sourceName, lineNumber, tokens, problems).ifPresent(patterns::add);
      }
      start = end + 1;
    }
    return new ConfigResult(
        new HotloopConfig(patterns, Thresholds.DEFAULT, Optional.empty()), problems);
  }
}
