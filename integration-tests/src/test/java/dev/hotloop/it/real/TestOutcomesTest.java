package dev.hotloop.it.real;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that the outcomes of a suite are read case by case from the launcher's JUnit XML, and
 * that two runs with the same counts but different failing cases still differ.
 */
class TestOutcomesTest {

  private static final String REPORT = """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuite name="JUnit Jupiter" tests="5">
        <testcase name="sum()" classname="a.SumTest" time="0.1"/>
        <testcase name="mean(int[])[1]" classname="a.MeanTest" time="0.1">
          <failure message="expected: 1 but was: 2" type="org.opentest4j.AssertionFailedError"/>
        </testcase>
        <testcase name="mean(int[])[2]" classname="a.MeanTest" time="0.1">
          <error message="boom" type="java.lang.IllegalStateException"/>
        </testcase>
        <testcase name="huge()" classname="a.SumTest" time="0.0">
          <skipped message="assumption failed"/>
        </testcase>
        <testcase name="sum()" classname="a.SumTest" time="0.1"/>
      </testsuite>
      """;

  @Test
  void everyCaseIsReadWithItsOutcome(@TempDir Path reports) throws IOException {
    Files.writeString(reports.resolve("TEST-junit-jupiter.xml"), REPORT);
    Files.writeString(reports.resolve("ignored.txt"), "not a report");
    TestOutcomes outcomes = TestOutcomes.read(reports);
    assertEquals(Map.of(
        "a.SumTest sum()", TestOutcome.PASSED,
        "a.MeanTest mean(int[])[1]", TestOutcome.FAILED,
        "a.MeanTest mean(int[])[2]", TestOutcome.ERROR,
        "a.SumTest huge()", TestOutcome.SKIPPED,
        "a.SumTest sum() #2", TestOutcome.PASSED), outcomes.byTest());
    assertEquals(2, outcomes.count(TestOutcome.PASSED));
    assertEquals(5, outcomes.total());
  }

  @Test
  void runsWithTheSameCountsButDifferentFailuresDiffer() {
    TestOutcomes without = new TestOutcomes(Map.of("a.T x()", TestOutcome.PASSED,
        "a.T y()", TestOutcome.FAILED));
    TestOutcomes with = new TestOutcomes(Map.of("a.T x()", TestOutcome.FAILED,
        "a.T y()", TestOutcome.PASSED, "a.T z()", TestOutcome.PASSED));
    assertEquals(List.of(
        "a.T x(): PASSED without the agent, FAILED with it",
        "a.T y(): FAILED without the agent, PASSED with it",
        "a.T z(): missing without the agent, PASSED with it"), without.differencesWith(with));
    assertEquals(List.of(), without.differencesWith(without));
  }
}
