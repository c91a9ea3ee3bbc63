package dev.hotloop.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A word of a config line and the 1-based column it starts at. Columns count code points, so
 * a tab is one column and a character outside the BMP is one column, not two.
 */
record Token(String text, int column) {

  /**
   * The words of a line, split at spaces and tabs. A word that would start with {@code #}
   * begins a comment that runs to the end of the line; a {@code #} inside a word is kept, so
   * that it is reported as the stray character it is instead of silently cutting the word.
   */
  static List<Token> split(String line) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int column = 1;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (isBlank(c)) {
        i++;
        column++;
        continue;
      }
      if (c == '#') {
        break;
      }
      int start = i;
      int startColumn = column;
      while (i < line.length() && !isBlank(line.charAt(i))) {
        i += Character.charCount(line.codePointAt(i));
        column++;
      }
      tokens.add(new Token(line.substring(start, i), startColumn));
    }
    return tokens;
  }

  /** The column of the character at {@code offset} (a char index) within this token. */
  int columnAt(int offset) {
    return column + text.codePointCount(0, offset);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
