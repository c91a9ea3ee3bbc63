package dev.hotloop.config;

import java.util.Optional;

/**
 * The two glob languages of a pattern line. Class globs run over dotted binary names, where
 * {@code *} and {@code ?} stay inside one package or class name and {@code **} crosses dots;
 * method globs run over method names, which have no dots, so {@code *} alone suffices.
 *
 * <p>Globs are interpreted from their text on each match rather than compiled, because the
 * records that hold them cannot carry a compiled form; a literal prefix and suffix check
 * rejects almost every non-matching name before any real work is done.
 */
enum Glob {

  /** Globs over dotted binary class names such as {@code com.example.Outer$Inner}. */
  CLASS_NAME(true) {
    @Override
    Optional<Flaw> check(String glob) {
      if (glob.isEmpty()) {
        return Optional.of(new Flaw(0, "expected a class glob"));
      }
      for (int i = 0; i < glob.length(); ) {
        int c = glob.codePointAt(i);
        if (c == '.') {
          if (i == 0 || glob.charAt(i - 1) == '.' || i == glob.length() - 1) {
            return Optional.of(new Flaw(i, "empty name in class glob '" + glob
                + "'; expected a name or glob on each side of every '.'"));
          }
        } else if (c == '*') {
          int run = starRun(glob, i);
          if (run > 2) {
            return Optional.of(new Flaw(i, "'" + "*".repeat(run) + "' in class glob '" + glob
                + "'; expected * (within one name) or ** (across dots)"));
          }
          i += run;
          continue;
        } else if (c != '?' && !isIdentifierPart(c)) {
          return Optional.of(new Flaw(i, "unexpected character " + Flaw.describe(c)
              + " in class glob '" + glob + "'; " + expectationAfter(c)));
        }
        i += Character.charCount(c);
      }
      return Optional.empty();
    }

    private String expectationAfter(int c) {
      switch (c) {
        case '/':
          return "expected a dotted class name, e.g. com.example.Stats";
        case ':':
          return "expected '::' between the class glob and the method glob";
        case '(':
          return "expected '::' and a method name before a descriptor, e.g. Stats::sum([J)J";
        default:
          return "expected Java identifier characters, '.', '$', '*' or '?'";
      }
    }
  },

  /** Globs over method names, including {@code <init>} and {@code <clinit>} written whole. */
  METHOD_NAME(false) {
    @Override
    Optional<Flaw> check(String glob) {
      if (glob.equals("<init>") || glob.equals("<clinit>")) {
        return Optional.empty();
      }
      if (glob.isEmpty()) {
        return Optional.of(new Flaw(0, "expected a method name or glob"));
      }
      for (int i = 0; i < glob.length(); ) {
        int c = glob.codePointAt(i);
        if (c == '*' && starRun(glob, i) > 1) {
          return Optional.of(new Flaw(i, "'" + "*".repeat(starRun(glob, i))
              + "' in method glob '" + glob + "'; expected * (method names have no dots)"));
        }
        if (c != '*' && c != '?' && !isIdentifierPart(c)) {
          return Optional.of(new Flaw(i, "unexpected character " + Flaw.describe(c)
              + " in method glob '" + glob
              + "'; expected Java identifier characters, '*' or '?', or exactly <init> or <clinit>"));
        }
        i += Character.charCount(c);
      }
      return Optional.empty();
    }
  };

  private final boolean dotsSeparate;

  Glob(boolean dotsSeparate) {
    this.dotsSeparate = dotsSeparate;
  }

  /** The first syntax error of {@code glob}, if it has one. */
  abstract Optional<Flaw> check(String glob);

  /** Whether {@code name} matches {@code glob}, which must have passed {@link #check}. */
  boolean matches(String glob, String name) {
    int prefix = 0;
    while (prefix < glob.length() && !isWildcard(glob.charAt(prefix))) {
      prefix++;
    }
    if (prefix == glob.length()) {
      return glob.equals(name);
    }
    if (!name.regionMatches(0, glob, 0, prefix)) {
      return false;
    }
    int suffixStart = glob.length();
    while (!isWildcard(glob.charAt(suffixStart - 1))) {
      suffixStart--;
    }
    int suffix = glob.length() - suffixStart;
    int nameEnd = name.length() - suffix;
    if (nameEnd < prefix || !name.regionMatches(nameEnd, glob, suffixStart, suffix)) {
      return false;
    }
    return matchesMiddle(glob, prefix, suffixStart, name, prefix, nameEnd);
  }

  /**
   * Matches glob[globFrom, globTo) against name[nameFrom, nameTo) by dynamic programming over
   * name positions: quadratic at worst, never the exponential backtracking of nested stars.
   */
  private boolean matchesMiddle(String glob, int globFrom, int globTo,
                                String name, int nameFrom, int nameTo) {
    int length = nameTo - nameFrom;
    // reachable[j]: the glob read so far can match the first j characters of the name part.
    boolean[] reachable = new boolean[length + 1];
    reachable[0] = true;
    int g = globFrom;
    while (g < globTo) {
      char token = glob.charAt(g);
      boolean any;
      if (token == '*') {
        boolean crossesDots = !dotsSeparate
            || (g + 1 < globTo && glob.charAt(g + 1) == '*');
        g += crossesDots && dotsSeparate ? 2 : 1;
        any = reachable[0];
        for (int j = 1; j <= length; j++) {
          reachable[j] |= reachable[j - 1]
              && (crossesDots || name.charAt(nameFrom + j - 1) != '.');
          any |= reachable[j];
        }
      } else {
        g++;
        any = false;
        for (int j = length; j >= 1; j--) {
          char c = name.charAt(nameFrom + j - 1);
          boolean step;
          if (token == '?') {
            // '?' stands for one character, so it takes a surrogate pair whole.
            boolean pairEnd = j >= 2 && Character.isLowSurrogate(c)
                && Character.isHighSurrogate(name.charAt(nameFrom + j - 2));
            step = pairEnd
                ? reachable[j - 2]
                : reachable[j - 1] && (!dotsSeparate || c != '.');
          } else {
            step = reachable[j - 1] && c == token;
          }
          reachable[j] = step;
          any |= step;
        }
        reachable[0] = false;
      }
      if (!any) {
        return false;
      }
    }
    return reachable[length];
  }

  private static boolean isWildcard(char c) {
    return c == '*' || c == '?';
  }

  private static int starRun(String glob, int from) {
    int end = from;
    while (end < glob.length() && glob.charAt(end) == '*') {
      end++;
    }
    return end - from;
  }

  private static boolean isIdentifierPart(int codePoint) {
    // Ignorable controls count as identifier parts to javac but never appear in class files.
    return Character.isJavaIdentifierPart(codePoint) && !Character.isIdentifierIgnorable(codePoint);
  }
}
