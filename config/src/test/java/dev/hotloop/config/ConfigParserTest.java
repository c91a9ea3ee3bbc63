package dev.hotloop.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigParserTest {

  private static final String SOURCE = "hotloop.conf";

  private static ConfigResult parse(String text) {
    return ConfigParser.parse(SOURCE, text);
  }

  private static ConfigProblem problem(int line, int column, String message) {
    return new ConfigProblem(SOURCE, line, column, message);
  }

  private static MethodPattern only(String text) {
    ConfigResult result = parse(text);
    assertEquals(List.of(), result.problems());
    assertEquals(1, result.config().patterns().size());
    return result.config().patterns().get(0);
  }

  @Test
  void readsEveryFormOfLine() {
    String text = String.join("\n",
        "# hotloop patterns",
        "com.example.stats.**                          # every method under com.example.stats",
        "com.example.Stats::sumArray                   # every overload of sumArray",
        "com.example.Stats::sumArray([J)J fastmath     # one overload, with fastmath",
        "com.example.Stats::sum* calls=100 iterations=50000",
        "!com.example.stats.Generated*                 # exclude whole classes",
        "!com.example.Stats::debug*                    # exclude methods",
        "");
    ConfigResult result = parse(text);
    assertEquals(List.of(), result.problems());
    assertFalse(result.hasProblems());
    List<MethodPattern> patterns = result.config().patterns();
    assertEquals(List.of(
        new MethodPattern("com.example.stats.**", "*", Optional.empty(), false,
            PatternOptions.NONE, SOURCE, 2),
        new MethodPattern("com.example.Stats", "sumArray", Optional.empty(), false,
            PatternOptions.NONE, SOURCE, 3),
        new MethodPattern("com.example.Stats", "sumArray", Optional.of("([J)J"), false,
            new PatternOptions(true, OptionalInt.empty(), OptionalLong.empty()), SOURCE, 4),
        new MethodPattern("com.example.Stats", "sum*", Optional.empty(), false,
            new PatternOptions(false, OptionalInt.of(100), OptionalLong.of(50_000)), SOURCE, 5),
        new MethodPattern("com.example.stats.Generated*", "*", Optional.empty(), true,
            PatternOptions.NONE, SOURCE, 6),
        new MethodPattern("com.example.Stats", "debug*", Optional.empty(), true,
            PatternOptions.NONE, SOURCE, 7)), patterns);
    assertEquals(Thresholds.DEFAULT, result.config().thresholds());
    assertEquals(Optional.empty(), result.config().source());
  }

  @Test
  void methodGlobStarAndNoMethodMeanTheSame() {
    assertEquals(only("com.example.Stats").classGlob(), only("com.example.Stats::*").classGlob());
    assertEquals("*", only("com.example.Stats").methodGlob());
    assertEquals("*", only("com.example.Stats::*").methodGlob());
  }

  @Test
  void readsConstructorsAndStaticInitializers() {
    assertEquals("<init>", only("com.example.Stats::<init>").methodGlob());
    assertEquals(Optional.of("(I)V"), only("com.example.Stats::<init>(I)V").descriptor());
    assertEquals("<clinit>", only("com.example.Stats::<clinit>").methodGlob());
  }

  @Test
  void optionsMayComeInAnyOrder() {
    assertEquals(new PatternOptions(true, OptionalInt.of(3), OptionalLong.of(5)),
        only("Foo iterations=5 fastmath calls=3").options());
    assertEquals(new PatternOptions(false, OptionalInt.of(2147483647),
            OptionalLong.of(9223372036854775807L)),
        only("Foo calls=2147483647 iterations=9223372036854775807").options());
    assertEquals(new PatternOptions(true, OptionalInt.empty(), OptionalLong.empty(), true),
        only("Foo parallel fastmath").options());
  }

  @Test
  void skipsBlankLinesAndComments() {
    String text = "\n   \n\t\n# comment\n   # indented comment\n\t# tabbed comment\n"
        + "com.example.Stats # trailing\ncom.example.Other\t# after a tab\n";
    ConfigResult result = parse(text);
    assertEquals(List.of(), result.problems());
    assertEquals(List.of(7, 8), result.config().patterns().stream().map(MethodPattern::line).toList());
  }

  @Test
  void emptyTextGivesNoPatterns() {
    assertEquals(List.of(), parse("").config().patterns());
    assertFalse(parse("").hasProblems());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "com/example/Foo                | 4  | unexpected character '/' in class glob 'com/example/Foo'; expected a dotted class name, e.g. com.example.Stats",
      "'  com.example.Stats::sumArray([J' | 30 | malformed method descriptor '([J'; expected e.g. ([J)J",
      "com.example.Stats::sumArray(J) | 28 | malformed method descriptor '(J)'; expected e.g. ([J)J",
      "com.example.Stats fastmth      | 19 | unknown option 'fastmth'; expected fastmath, parallel, calls=<n> or iterations=<n>",
      "com.example.Stats fast=1       | 19 | unknown option 'fast'; expected fastmath, parallel, calls=<n> or iterations=<n>",
      "com.example.Stats calls=abc    | 25 | expected a positive integer for calls, got 'abc'",
      "com.example.Stats calls=0      | 25 | expected a positive integer for calls, got '0'",
      "com.example.Stats calls=       | 25 | expected a positive integer for calls, got ''",
      "com.example.Stats calls=3000000000 | 25 | expected a positive integer no greater than 2147483647 for calls, got '3000000000'",
      "com.example.Stats iterations=-5 | 30 | expected a positive integer for iterations, got '-5'",
      "com.example.Stats iterations=1e6 | 30 | expected a positive integer for iterations, got '1e6'",
      "com.example.Stats iterations=99999999999999999999 | 30 | expected a positive integer no greater than 9223372036854775807 for iterations, got '99999999999999999999'",
      "com.example.Stats calls        | 19 | option calls needs a value; expected calls=<n>",
      "com.example.Stats fastmath=yes | 19 | option fastmath takes no value, got 'fastmath=yes'; expected fastmath",
      "com.example.Stats parallel=4   | 19 | option parallel takes no value, got 'parallel=4'; expected parallel",
      "com.example.Stats parallel parallel | 28 | duplicate option 'parallel'; expected each option at most once",
      "com.example.Stats calls=1 calls=2 | 27 | duplicate option 'calls'; expected each option at most once",
      "com.example.Stats fastmath fastmath | 28 | duplicate option 'fastmath'; expected each option at most once",
      "!com.example.Gen* fastmath     | 19 | expected nothing after an exclude pattern, got 'fastmath'; excludes take no options",
      "::sumArray                     | 1  | expected a class glob before '::'",
      "!::sumArray                    | 2  | expected a class glob before '::'",
      "!                              | 2  | expected a class glob after '!'",
      "com.example.Stats::            | 20 | expected a method name or glob after '::'",
      "com.example.Stats::([J)J       | 20 | expected a method name or glob after '::'",
      "com..Stats                     | 5  | empty name in class glob 'com..Stats'; expected a name or glob on each side of every '.'",
      "com.example.***                | 13 | '***' in class glob 'com.example.***'; expected * (within one name) or ** (across dots)",
      "com.example.Stats::get**       | 23 | '**' in method glob 'get**'; expected * (method names have no dots)",
      "com.example.Stats::<init       | 20 | unexpected character '<' in method glob '<init'; expected Java identifier characters, '*' or '?', or exactly <init> or <clinit>",
      "com.example.Stats::a::b        | 21 | unexpected character ':' in method glob 'a::b'; expected Java identifier characters, '*' or '?', or exactly <init> or <clinit>",
      "com.example.Stats:sum          | 18 | unexpected character ':' in class glob 'com.example.Stats:sum'; expected '::' between the class glob and the method glob",
      "com.example.Stats#sum          | 18 | unexpected character '#' in class glob 'com.example.Stats#sum'; expected Java identifier characters, '.', '$', '*' or '?'",
      "com.example.Stats fastmath#x   | 19 | unknown option 'fastmath#x'; expected fastmath, parallel, calls=<n> or iterations=<n>",
      "com.example.Stats com.example.Other | 19 | unknown option 'com.example.Other'; expected fastmath, parallel, calls=<n> or iterations=<n>",
  })
  void reportsEachErrorWithItsColumn(String line, int column, String message) {
    String text = line.startsWith("'") ? line.substring(1, line.length() - 1) : line;
    ConfigResult result = parse("com.example.Valid\n" + text + "\n");
    assertEquals(List.of(problem(2, column, message)), result.problems());
    assertEquals(List.of("com.example.Valid"),
        result.config().patterns().stream().map(MethodPattern::toString).toList(),
        "the bad line is dropped, the good one kept");
  }

  @Test
  void reportsEveryProblemOfALine() {
    ConfigResult result = parse("com/x::a.b([J calls=0 fastmth");
    assertEquals(List.of(
        problem(1, 4, "unexpected character '/' in class glob 'com/x'; "
            + "expected a dotted class name, e.g. com.example.Stats"),
        problem(1, 9, "unexpected character '.' in method glob 'a.b'; expected Java identifier "
            + "characters, '*' or '?', or exactly <init> or <clinit>"),
        problem(1, 11, "malformed method descriptor '([J'; expected e.g. ([J)J"),
        problem(1, 21, "expected a positive integer for calls, got '0'"),
        problem(1, 23, "unknown option 'fastmth'; expected fastmath, parallel, calls=<n> or iterations=<n>")),
        result.problems());
    assertEquals(List.of(), result.config().patterns());
  }

  @Test
  void keepsTheValidLinesAroundBadOnes() {
    String text = "# header\n"
        + "com.example.A\n"
        + "com/example/B\n"
        + "\n"
        + "com.example.C fastmth\n"
        + "com.example.D::run\n";
    ConfigResult result = parse(text);
    assertTrue(result.hasProblems());
    assertEquals(List.of(3, 5), result.problems().stream().map(ConfigProblem::line).toList());
    assertEquals(List.of("com.example.A", "com.example.D::run"),
        result.config().patterns().stream().map(MethodPattern::toString).toList());
    assertEquals(List.of(2, 6), result.config().patterns().stream().map(MethodPattern::line).toList());
  }

  @Test
  void tabsCountAsOneColumn() {
    assertEquals(List.of(problem(1, 5, "unexpected character '/' in class glob 'com/x'; "
            + "expected a dotted class name, e.g. com.example.Stats")),
        parse("\tcom/x").problems());
    assertEquals(List.of(problem(1, 6, "unknown option 'fastmth'; "
            + "expected fastmath, parallel, calls=<n> or iterations=<n>")),
        parse("Foo\t\tfastmth").problems());
  }

  @Test
  void columnsCountCharactersNotUtf16Units() {
    String wide = new String(Character.toChars(0x1D49C));
    assertEquals(List.of(problem(1, 6, "unknown option 'fastmth'; "
            + "expected fastmath, parallel, calls=<n> or iterations=<n>")),
        parse("a." + wide + "x fastmth").problems());
  }

  @Test
  void ignoresAByteOrderMark() {
    assertEquals("com.example.Stats", only("\uFEFFcom.example.Stats\n").classGlob());
    assertEquals(List.of(problem(1, 4, "unexpected character '/' in class glob 'com/x'; "
            + "expected a dotted class name, e.g. com.example.Stats")),
        parse("\uFEFFcom/x").problems());
  }

  @Test
  void acceptsCrLfLineEndings() {
    ConfigResult result = parse("com.example.A fastmath\r\ncom/B\r\n\r\ncom.example.C calls=5\r\n");
    assertEquals(List.of(problem(2, 4, "unexpected character '/' in class glob 'com/B'; "
            + "expected a dotted class name, e.g. com.example.Stats")),
        result.problems());
    assertEquals(List.of("com.example.A fastmath", "com.example.C calls=5"),
        result.config().patterns().stream().map(MethodPattern::toString).toList());
    assertEquals(List.of(1, 4), result.config().patterns().stream().map(MethodPattern::line).toList());
  }

  @Test
  void reportsALoneCarriageReturn() {
    assertEquals(List.of(problem(1, 4, "unexpected character U+000D in class glob 'Foo\rBar'; "
            + "expected Java identifier characters, '.', '$', '*' or '?'")),
        parse("Foo\rBar\n").problems());
  }

  @Test
  void problemsPrintLikeCompilerErrors() {
    assertEquals("hotloop.conf:5:19: unknown option 'fastmth'; "
            + "expected fastmath, parallel, calls=<n> or iterations=<n>",
        parse("\n\n\n\ncom.example.Stats fastmth").problems().get(0).toString());
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void readsFiveThousandPatterns() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      text.append("com.example.gen").append(i % 50).append(".Class").append(i)
          .append("::method").append(i).append("*([J)J fastmath calls=").append(i + 1)
          .append(" # pattern ").append(i).append('\n');
    }
    ConfigResult result = parse(text.toString());
    assertEquals(List.of(), result.problems());
    assertEquals(5_000, result.config().patterns().size());
    MethodSettings settings = result.config()
        .select("com.example.gen49.Class4999", "method4999x", "([J)J").orElseThrow();
    assertEquals(5_000, settings.thresholds().calls());
    assertEquals(5_000, settings.matchedBy().orElseThrow().line());
    assertTrue(result.config().select("com.example.gen0.Class4999", "method4999", "([J)J").isEmpty());
  }

  @Test
  void readsAFileAndNamesItInProblems(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("hotloop.conf");
    Files.writeString(file, "com.example.A\ncom/B\n");
    ConfigResult result = ConfigParser.parse(file);
    assertEquals(Optional.of(file), result.config().source());
    assertEquals(1, result.config().patterns().size());
    assertEquals(List.of(new ConfigProblem(file.toString(), 2, 4,
            "unexpected character '/' in class glob 'com/B'; "
                + "expected a dotted class name, e.g. com.example.Stats")),
        result.problems());
    assertEquals(file.toString(), result.config().patterns().get(0).source());
  }

  @Test
  void reportsBytesThatAreNotUtf8WhereTheyStand(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("latin1.conf");
    byte[] latin1 = "# caf\u00e9\ncom.example.Caf\u00e9x\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, latin1);
    ConfigResult result = ConfigParser.parse(file);
    assertEquals(List.of(new ConfigProblem(file.toString(), 2, 16,
            "unexpected character U+FFFD (input that is not UTF-8) in class glob "
                + "'com.example.Caf\uFFFDx'; "
                + "expected Java identifier characters, '.', '$', '*' or '?'")),
        result.problems());
  }

  @Test
  void failsOnAMissingFile(@TempDir Path dir) {
    assertThrows(NoSuchFileException.class, () -> ConfigParser.parse(dir.resolve("absent.conf")));
  }
}
