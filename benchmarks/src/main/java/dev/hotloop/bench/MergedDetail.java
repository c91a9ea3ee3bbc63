package dev.hotloop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detail of one verdict said by several JVMs in words that differ only in their figures,
 * such as the times a warm-up measured ("0.075 ns per element as vector code, 0.057 as scalar
 * code" in one fork, "0.079 ..., 0.060 ..." in the next): one text, with each figure that
 * differs given as its range ("0.075-0.079"). With several forks the agent column would
 * otherwise repeat the same verdict once per fork ("kept in 1/3 JVMs: ...; kept in 1/3 JVMs:
 * ..."), which hides that all three said the same thing.
 */
final class MergedDetail {

  /** A figure: digits, maybe with thousands separators and a fraction ("1,000", "0.075"). */
  private static final Pattern FIGURE = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");

  private static final char HOLE = '\u0001';

  private MergedDetail() {}

  /**
   * The detail with its figures taken out: details with the same shape read the same but for
   * their figures, and are merged by {@link #merge}.
   */
  static String shape(String detail) {
    return FIGURE.matcher(detail).replaceAll(String.valueOf(HOLE));
  }

  /**
   * One text for details of one {@link #shape}: the first's words, each figure the one all share
   * or, where they differ, the smallest and the largest as written, joined by a hyphen.
   *
   * @throws IllegalArgumentException when {@code details} is empty or the shapes differ
   */
  static String merge(List<String> details) {
    if (details.isEmpty()) {
      throw new IllegalArgumentException("no details to merge");
    }
    String shape = shape(details.get(0));
    List<List<String>> figures = new ArrayList<>();
    for (String d : details) {
      if (!shape(d).equals(shape)) {
        throw new IllegalArgumentException("details of different shapes: '" + details.get(0)
            + "' and '" + d + "'");
      }
      Matcher m = FIGURE.matcher(d);
      List<String> own = new ArrayList<>();
      while (m.find()) {
        own.add(m.group());
      }
      figures.add(own);
    }
    StringBuilder out = new StringBuilder();
    int figure = 0;
    for (int i = 0; i < shape.length(); i++) {
      char c = shape.charAt(i);
      if (c != HOLE) {
        out.append(c);
        continue;
      }
      String least = null;
      String most = null;
      for (List<String> own : figures) {
        String f = own.get(figure);
        if (least == null || value(f) < value(least)) {
          least = f;
        }
        if (most == null || value(f) > value(most)) {
          most = f;
        }
      }
      out.append(value(least) == value(most) ? least : least + "-" + most);
      figure++;
    }
    return out.toString();
  }

  private static double value(String figure) {
    return Double.parseDouble(figure.replace(",", ""));
  }
}
