package dev.hotloop.config;

/**
 * A syntax error inside one token: the char offset it starts at within the token and what was
 * expected there. The parser turns it into a {@link ConfigProblem} once it knows the column.
 */
record Flaw(int offset, String message) {

  private static final int REPLACEMENT_CHARACTER = 0xFFFD;

  /** How a character is shown in a message: quoted, or as U+XXXX when it would not print. */
  static String describe(int codePoint) {
    if (codePoint == REPLACEMENT_CHARACTER) {
      // The parser decodes files leniently, so this is almost always a byte that is not UTF-8.
      return "U+FFFD (input that is not UTF-8)";
    }
    boolean invisible = Character.isISOControl(codePoint)
        || Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint)
        || Character.getType(codePoint) == Character.FORMAT
        || Character.getType(codePoint) == Character.SURROGATE
        || !Character.isDefined(codePoint);
    return invisible
        ? String.format("U+%04X", codePoint)
        : "'" + Character.toString(codePoint) + "'";
  }
}
