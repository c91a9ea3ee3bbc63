package dev.hotloop.it.real;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * How every test case of one run of a library's suite ended, by name ({@code class method}),
 * read from the JUnit XML reports the launcher wrote. Two runs compare case by case, so that a
 * test that fails only with the agent is found even when another one fails only without it.
 */
public record TestOutcomes(Map<String, TestOutcome> byTest) {

  public TestOutcomes {
    byTest = Map.copyOf(byTest);
  }

  /** The outcomes in the {@code TEST-*.xml} files of {@code reportsDir}. */
  public static TestOutcomes read(Path reportsDir) {
    Map<String, TestOutcome> outcomes = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(reportsDir)) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml"))
          .sorted().toList()) {
        NodeList cases = parse(file).getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
          Element c = (Element) cases.item(i);
          String name = c.getAttribute("classname") + " " + c.getAttribute("name");
          // A name seen twice (a dynamic test of the same display name) stays two cases.
          String key = name;
          for (int n = 2; outcomes.containsKey(key); n++) {
            key = name + " #" + n;
          }
          outcomes.put(key, outcomeOf(c));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("no JUnit reports in " + reportsDir, e);
    }
    return new TestOutcomes(outcomes);
  }

  /** How many cases ended as {@code outcome}. */
  public long count(TestOutcome outcome) {
    return byTest.values().stream().filter(o -> o == outcome).count();
  }

  /** How many cases ran or were skipped. */
  public int total() {
    return byTest.size();
  }

  /** The counts of every outcome, in the enum's order. */
  public Map<TestOutcome, Long> counts() {
    Map<TestOutcome, Long> counts = new EnumMap<>(TestOutcome.class);
    for (TestOutcome outcome : TestOutcome.values()) {
      counts.put(outcome, count(outcome));
    }
    return counts;
  }

  /**
   * Every case of this run, the one without the agent, that ended differently in
   * {@code withAgent} or is missing from either, as
   * {@code "name: PASSED without the agent, FAILED with it"}, in name order; empty when the
   * runs agree.
   */
  public List<String> differencesWith(TestOutcomes withAgent) {
    TreeSet<String> names = new TreeSet<>(byTest.keySet());
    names.addAll(withAgent.byTest.keySet());
    List<String> differences = new ArrayList<>();
    for (String name : names) {
      TestOutcome here = byTest.get(name);
      TestOutcome there = withAgent.byTest.get(name);
      if (here != there) {
        differences.add(name + ": " + (here == null ? "missing" : here) + " without the agent, "
            + (there == null ? "missing" : there) + " with it");
      }
    }
    return differences;
  }

  private static TestOutcome outcomeOf(Element testCase) {
    if (testCase.getElementsByTagName("failure").getLength() > 0) {
      return TestOutcome.FAILED;
    }
    if (testCase.getElementsByTagName("error").getLength() > 0) {
      return TestOutcome.ERROR;
    }
    if (testCase.getElementsByTagName("skipped").getLength() > 0) {
      return TestOutcome.SKIPPED;
    }
    return TestOutcome.PASSED;
  }

  private static Document parse(Path file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // The reports are the launcher's own files, but there is no reason to resolve entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(file.toFile());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the JUnit report " + file, e);
    }
  }
}
