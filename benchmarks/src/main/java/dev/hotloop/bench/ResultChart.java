package dev.hotloop.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The chart of a benchmark run, an SVG drawn from the JMH JSON that {@link BenchMain} writes
 * ({@code plain.json}, {@code hotloop.json}): one panel per size, one row per loop, grouped by
 * family, with two bars a row, the agent's speed-up over plain HotSpot and the hand-written
 * Vector API kernel's, on a log scale centred on 1x (plain HotSpot). Ratios, not times: the
 * machines are shared and noisy, and ratios measured in one run are what compare.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.hotloop.bench.ResultChart
 * benchmarks/target/results} draws it again from a results folder.
 */
final class ResultChart {

  /** One loop at one size: its times in nanoseconds per call, NaN where a run has none. */
  record Cell(ComparedLoop loop, int size, double plain, double hotloop, double hand) {
  }

  private static final int LABEL_WIDTH = 190;
  private static final int PANEL_WIDTH = 250;
  private static final int ROW_HEIGHT = 20;
  private static final int HEADER = 70;
  /** The scale: speed-ups from 1/4x to 16x, log 2. */
  private static final double MIN_LOG = -2;
  private static final double MAX_LOG = 4;
  private static final String HOTLOOP_COLOUR = "#2b6cb0";
  private static final String HAND_COLOUR = "#dd8a2a";

  private ResultChart() {
  }

  /** Draws the chart of the results in {@code dir} into {@code dir/chart.svg}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ResultChart <results dir holding plain.json and hotloop.json>");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Path out = write(dir, List.of(ComparedLoop.values()), "hotloop benchmarks");
    System.out.println("Written: " + out);
  }

  /** Draws {@code loops} from {@code dir}'s JSON into {@code dir/chart.svg}; returns its path. */
  static Path write(Path dir, List<ComparedLoop> loops, String title) throws IOException {
    List<Cell> cells = cells(loops, read(dir.resolve("plain.json")),
        read(dir.resolve("hotloop.json")));
    Path out = dir.resolve("chart.svg");
    Files.writeString(out, svg(cells, title), StandardCharsets.UTF_8);
    return out;
  }

  /** Scores by {@code SimpleClass.method@size}, from a JMH JSON result file. */
  static Map<String, Double> read(Path json) throws IOException {
    Map<String, Double> scores = new HashMap<>();
    if (!Files.exists(json)) {
      return scores;
    }
    try (Reader in = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
      JsonArray results = JsonParser.parseReader(in).getAsJsonArray();
      for (JsonElement e : results) {
        JsonObject o = e.getAsJsonObject();
        String benchmark = o.get("benchmark").getAsString();
        String shortName = benchmark.substring(
            benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        JsonObject params = o.getAsJsonObject("params");
        if (params == null || !params.has("size")) {
          continue;
        }
        scores.put(shortName + "@" + params.get("size").getAsString(),
            o.getAsJsonObject("primaryMetric").get("score").getAsDouble());
      }
    }
    return scores;
  }

  /** The cells of {@code loops} at every size either run has. */
  static List<Cell> cells(List<ComparedLoop> loops, Map<String, Double> plain,
      Map<String, Double> hotloop) {
    TreeSet<Integer> sizes = new TreeSet<>();
    for (String key : plain.keySet()) {
      sizes.add(Integer.parseInt(key.substring(key.indexOf('@') + 1)));
    }
    List<Cell> cells = new ArrayList<>();
    for (ComparedLoop loop : loops) {
      String bench = loop.family().benchmark().getSimpleName() + "." + loop.loop() + "@";
      String hand = loop.family().handBenchmark().getSimpleName() + "." + loop.handKernel() + "@";
      for (int size : sizes) {
        cells.add(new Cell(loop, size, plain.getOrDefault(bench + size, Double.NaN),
            hotloop.getOrDefault(bench + size, Double.NaN),
            plain.getOrDefault(hand + size, Double.NaN)));
      }
    }
    return cells;
  }

  /** The SVG of {@code cells}. */
  static String svg(List<Cell> cells, String title) {
    List<Integer> sizes = cells.stream().map(Cell::size).distinct().sorted().toList();
    List<ComparedLoop> loops = cells.stream().map(Cell::loop).distinct().toList();
    Map<String, Cell> byKey = new HashMap<>();
    for (Cell c : cells) {
      byKey.put(c.loop().name() + "@" + c.size(), c);
    }
    List<Object> rows = new ArrayList<>();
    LoopFamily family = null;
    for (ComparedLoop loop : loops) {
      if (loop.family() != family) {
        family = loop.family();
        rows.add(family);
      }
      rows.add(loop);
    }
    int width = LABEL_WIDTH + PANEL_WIDTH * Math.max(1, sizes.size()) + 20;
    int height = HEADER + ROW_HEIGHT * rows.size() + 40;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
        + " height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
        width, height, width, height));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n",
        width, height));
    s.append(text(10, 18, 14, "bold", "start", title));
    s.append(text(10, 34, 11, "normal", "start", "speed-up over plain HotSpot (plain time ÷"
        + " time), log scale; 1x is plain HotSpot"));
    s.append(String.format(Locale.ROOT, "<rect x=\"10\" y=\"42\" width=\"12\" height=\"8\""
        + " fill=\"%s\"/>%n", HOTLOOP_COLOUR));
    s.append(text(26, 50, 11, "normal", "start", "hotloop (the agent's kernel)"));
    s.append(String.format(Locale.ROOT, "<rect x=\"200\" y=\"42\" width=\"12\" height=\"8\""
        + " fill=\"%s\"/>%n", HAND_COLOUR));
    s.append(text(216, 50, 11, "normal", "start", "hand-written Vector API code"));
    for (int p = 0; p < sizes.size(); p++) {
      int left = LABEL_WIDTH + p * PANEL_WIDTH;
      s.append(text(left + PANEL_WIDTH / 2, HEADER - 6, 11, "bold", "middle",
          String.format(Locale.ROOT, "%,d elements", sizes.get(p))));
      for (int tick = (int) MIN_LOG; tick <= MAX_LOG; tick++) {
        double x = x(left, Math.pow(2, tick));
        s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
            + " stroke=\"%s\" stroke-width=\"%s\"/>%n", x, HEADER, x,
            HEADER + ROW_HEIGHT * rows.size(), tick == 0 ? "#333" : "#ddd",
            tick == 0 ? "1" : "0.5"));
        s.append(text(x, HEADER + ROW_HEIGHT * rows.size() + 14, 10, "normal", "middle",
            tick < 0 ? "1/" + (1 << -tick) + "x" : (1 << tick) + "x"));
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      int top = HEADER + r * ROW_HEIGHT;
      if (rows.get(r) instanceof LoopFamily f) {
        s.append(text(10, top + 14, 11, "bold", "start", f.title()));
        continue;
      }
      ComparedLoop loop = (ComparedLoop) rows.get(r);
      s.append(text(18, top + 14, 11, "normal", "start", loop.loop()));
      for (int p = 0; p < sizes.size(); p++) {
        int left = LABEL_WIDTH + p * PANEL_WIDTH;
        Cell c = byKey.get(loop.name() + "@" + sizes.get(p));
        if (c == null) {
          continue;
        }
        s.append(bar(left, top + 3, c.plain() / c.hotloop(), HOTLOOP_COLOUR));
        s.append(bar(left, top + 11, c.plain() / c.hand(), HAND_COLOUR));
      }
    }
    s.append("</svg>\n");
    return s.toString();
  }

  /** The x of speed-up {@code r} in the panel starting at {@code left}, clamped to the scale. */
  private static double x(int left, double r) {
    double log = Math.max(MIN_LOG, Math.min(MAX_LOG, Math.log(r) / Math.log(2)));
    return left + 10 + (log - MIN_LOG) / (MAX_LOG - MIN_LOG) * (PANEL_WIDTH - 30);
  }

  /** A bar from 1x to {@code r}, with its value; nothing where {@code r} is not a number. */
  private static String bar(int left, int top, double r, String colour) {
    if (!Double.isFinite(r) || r <= 0) {
      return "";
    }
    double one = x(left, 1);
    double end = x(left, r);
    double from = Math.min(one, end);
    double width = Math.max(1, Math.abs(end - one));
    return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"7\""
        + " fill=\"%s\"><title>%.2fx</title></rect>%n", from, top, width, colour, r);
  }

  private static String text(double x, double y, int size, String weight, String anchor,
      String text) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\""
        + " font-weight=\"%s\" text-anchor=\"%s\">%s</text>%n", x, y, size, weight, anchor,
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
  }
}
