package dev.hotloop.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentOptionsTest {

  private static final String SOURCE = "<agent options>";

  private static ConfigProblem problem(int column, String message) {
    return new ConfigProblem(SOURCE, 1, column, message);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "\t"})
  void nullOrBlankGivesTheDefaults(String args) {
    AgentOptionsResult result = AgentOptions.parse(args);
    assertEquals(AgentOptions.DEFAULTS, result.options());
    assertEquals(List.of(), result.problems());
  }

  @Test
  void defaultsAreInfoAutoAndDefaultThresholds() {
    AgentOptions defaults = AgentOptions.DEFAULTS;
    assertEquals(Optional.empty(), defaults.config());
    assertEquals(Optional.empty(), defaults.report());
    assertEquals(AgentOptions.LogLevel.INFO, defaults.log());
    assertEquals(AgentOptions.VectorMode.AUTO, defaults.vector());
    assertEquals(Thresholds.DEFAULT, defaults.thresholds());
  }

  @Test
  void readsEveryKey() {
    AgentOptionsResult result = AgentOptions.parse(
        "config=/etc/hotloop.conf,report=out/report.json,calls=50,iterations=1000,"
            + "log=DEBUG,vector=off,deopt=90,slower=10");
    assertEquals(List.of(), result.problems());
    assertEquals(new AgentOptions(Optional.of(Path.of("/etc/hotloop.conf")),
        Optional.of(Path.of("out/report.json")), OptionalInt.of(50), OptionalLong.of(1000),
        AgentOptions.LogLevel.DEBUG, AgentOptions.VectorMode.OFF, 90, OptionalInt.of(10)),
        result.options());
    assertEquals(new Thresholds(50, 1000), result.options().thresholds());
  }

  @Test
  void valuesOfLogAndVectorIgnoreCase() {
    AgentOptions options = AgentOptions.parse("log=Warn,vector=AUTO").options();
    assertEquals(AgentOptions.LogLevel.WARN, options.log());
    assertEquals(AgentOptions.VectorMode.AUTO, options.vector());
    assertEquals(AgentOptions.LogLevel.ERROR, AgentOptions.parse("log=error").options().log());
    assertEquals(AgentOptions.VectorMode.ALWAYS,
        AgentOptions.parse("vector=Always").options().vector());
  }

  @Test
  void toleratesSpacesAndEmptyEntries() {
    AgentOptionsResult result = AgentOptions.parse(" calls = 50 ,, log=warn,");
    assertEquals(List.of(), result.problems());
    assertEquals(OptionalInt.of(50), result.options().calls());
    assertEquals(AgentOptions.LogLevel.WARN, result.options().log());
  }

  @Test
  void valuesMayContainEquals() {
    assertEquals(Optional.of(Path.of("a=b.conf")),
        AgentOptions.parse("config=a=b.conf").options().config());
  }

  @Test
  void thresholdsOverrideOnlyWhatIsGiven() {
    assertEquals(new Thresholds(50, 500_000L), AgentOptions.parse("calls=50").options().thresholds());
    assertEquals(new Thresholds(1_000, 7L),
        AgentOptions.parse("iterations=7").options().thresholds());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "calls=5,verbose=true      | 9  | unknown option 'verbose'; expected one of config, report, calls, iterations, log, vector, deopt, slower",
      "Calls=5                   | 1  | unknown option 'Calls'; expected one of config, report, calls, iterations, log, vector, deopt, slower",
      "calls=abc                 | 7  | expected a positive integer for calls, got 'abc'",
      "calls=0                   | 7  | expected a positive integer for calls, got '0'",
      "calls=-3                  | 7  | expected a positive integer for calls, got '-3'",
      "calls=                    | 7  | expected a positive integer for calls, got ''",
      "calls=2147483648          | 7  | expected a positive integer no greater than 2147483647 for calls, got '2147483648'",
      "log=info,iterations=lots  | 21 | expected a positive integer for iterations, got 'lots'",
      "config=a.conf,fastmath    | 15 | expected key=value",
      "log=loud                  | 5  | expected error, warn, info or debug for log, got 'loud'",
      "vector=on                 | 8  | expected auto, always or off for vector, got 'on'",
      "config=                   | 8  | expected a file path for config",
      "report=                   | 8  | expected a file path for report",
      "report=out/r-%t.json      | 8  | expected %p (the pid), %h (the host) or %% after '%' in the report path, got '%t'",
      "report=out/r-%            | 8  | expected %p (the pid), %h (the host) or %% after '%' in the report path, got '%'",
      "calls=5,calls=6           | 9  | duplicate option 'calls'; expected each option at most once",
  })
  void reportsABadEntryAtItsColumn(String args, int column, String message) {
    assertEquals(List.of(problem(column, message)), AgentOptions.parse(args).problems());
  }

  @Test
  void aBadEntryIsSkippedAndTheRestApply() {
    AgentOptionsResult result = AgentOptions.parse("calls=abc,iterations=9,speed=11,log=debug");
    assertEquals(List.of(
        problem(7, "expected a positive integer for calls, got 'abc'"),
        problem(24, "unknown option 'speed'; "
            + "expected one of config, report, calls, iterations, log, vector, deopt, slower")),
        result.problems());
    assertEquals(OptionalInt.empty(), result.options().calls());
    assertEquals(OptionalLong.of(9), result.options().iterations());
    assertEquals(AgentOptions.LogLevel.DEBUG, result.options().log());
  }

  @Test
  void aDuplicateKeepsTheFirstValue() {
    assertEquals(OptionalInt.of(5), AgentOptions.parse("calls=5,calls=6").options().calls());
    assertEquals(OptionalInt.of(6), AgentOptions.parse("calls=x,calls=6").options().calls());
  }

  @Test
  void columnsPointPastLeadingSpaces() {
    assertEquals(List.of(problem(20, "expected a positive integer for calls, got 'x'")),
        AgentOptions.parse("log=info,  calls=  x").problems());
    assertEquals(List.of(problem(4, "expected key=value")),
        AgentOptions.parse("   fastmath").problems());
  }

  @Test
  void rejectsNonPositiveThresholdsInCode() {
    assertThrows(IllegalArgumentException.class, () -> new AgentOptions(Optional.empty(),
        Optional.empty(), OptionalInt.of(0), OptionalLong.empty(), AgentOptions.LogLevel.INFO,
        AgentOptions.VectorMode.AUTO, 50, OptionalInt.of(3)));
    assertThrows(IllegalArgumentException.class, () -> new AgentOptions(Optional.empty(),
        Optional.empty(), OptionalInt.empty(), OptionalLong.empty(), AgentOptions.LogLevel.INFO,
        AgentOptions.VectorMode.AUTO, 0, OptionalInt.of(3)));
  }

  @Test
  void slowerIsAPercentageOrOff() {
    assertEquals(OptionalInt.of(3), AgentOptions.DEFAULTS.slowerPercent());
    assertEquals(OptionalInt.of(0), AgentOptions.parse("slower=0").options().slowerPercent());
    assertEquals(OptionalInt.of(1000),
        AgentOptions.parse("slower=1000").options().slowerPercent());
    assertEquals(OptionalInt.empty(), AgentOptions.parse("slower=OFF").options().slowerPercent());
    assertEquals(List.of(problem(8,
        "expected a percentage from 0 to 1000 or off for slower, got '1001'")),
        AgentOptions.parse("slower=1001").problems());
    assertEquals(List.of(problem(8,
        "expected a percentage from 0 to 1000 or off for slower, got '-1'")),
        AgentOptions.parse("slower=-1").problems());
    assertEquals(OptionalInt.of(3), AgentOptions.parse("slower=-1").options().slowerPercent());
    assertThrows(IllegalArgumentException.class, () -> new AgentOptions(Optional.empty(),
        Optional.empty(), OptionalInt.empty(), OptionalLong.empty(), AgentOptions.LogLevel.INFO,
        AgentOptions.VectorMode.AUTO, 50, OptionalInt.of(-1)));
  }

  @Test
  void deoptIsAPercentage() {
    assertEquals(50, AgentOptions.DEFAULTS.deoptPercent());
    assertEquals(100, AgentOptions.parse("deopt=100").options().deoptPercent());
    assertEquals(List.of(problem(7, "expected a percentage from 1 to 100 for deopt, got '101'")),
        AgentOptions.parse("deopt=101").problems());
    assertEquals(List.of(problem(7, "expected a percentage from 1 to 100 for deopt, got '0'")),
        AgentOptions.parse("deopt=0").problems());
    assertEquals(50, AgentOptions.parse("deopt=0").options().deoptPercent());
  }
}
