package dev.hotloop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ResultChartTest {

  private static String result(String benchmark, int size, double score) {
    return "{\"benchmark\": \"dev.hotloop.bench." + benchmark + "\", \"mode\": \"avgt\","
        + " \"params\": {\"size\": \"" + size + "\"}, \"primaryMetric\": {\"score\": " + score
        + ", \"scoreUnit\": \"ns/op\"}}";
  }

  @Test
  void theChartIsDrawnFromTheJmhJsonWithABarPerColumnAndCell(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("plain.json"), "[" + String.join(",",
        result("SumBenchmark.longSum", 1000, 400), result("SumBenchmark.longSum", 10000, 4000),
        result("HandVectorSumBenchmark.longSum", 1000, 100),
        result("HandVectorSumBenchmark.longSum", 10000, 1000)) + "]");
    Files.writeString(dir.resolve("hotloop.json"), "[" + String.join(",",
        result("SumBenchmark.longSum", 1000, 200), result("SumBenchmark.longSum", 10000, 8000))
        + "]");
    Path chart = ResultChart.write(dir, List.of(ComparedLoop.LONG_SUM), "test run");
    Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(
        new ByteArrayInputStream(Files.readAllBytes(chart)));
    NodeList titles = svg.getElementsByTagName("title");
    // hotloop then hand at 1,000, then at 10,000: 400/200, 400/100, 4000/8000, 4000/1000.
    assertEquals(List.of("2.00x", "4.00x", "0.50x", "4.00x"), List.of(
        titles.item(0).getTextContent(), titles.item(1).getTextContent(),
        titles.item(2).getTextContent(), titles.item(3).getTextContent()));
    String text = Files.readString(chart, StandardCharsets.UTF_8);
    assertTrue(text.contains(">1,000 elements<") && text.contains(">10,000 elements<"), text);
    assertTrue(text.contains(">longSum<") && text.contains(">Sums<"), text);
    // A slower kernel's bar runs left of 1x: it ends where the 1x line is.
    Element slower = (Element) titles.item(2).getParentNode();
    double x = Double.parseDouble(slower.getAttribute("x"));
    double width = Double.parseDouble(slower.getAttribute("width"));
    assertTrue(x + width < 190 + 250 + 10 + 2.0 / 6 * 220 + 0.2, x + " + " + width);
  }

  @Test
  void aMissingResultLeavesItsBarOut() {
    String svg = ResultChart.svg(ResultChart.cells(List.of(ComparedLoop.LONG_SUM),
        Map.of("SumBenchmark.longSum@100", 50.0), Map.of()), "partial");
    assertEquals(0, svg.split("<title>", -1).length - 1, svg);
    assertTrue(svg.contains(">100 elements<"), svg);
  }
}
