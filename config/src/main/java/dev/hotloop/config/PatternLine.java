package dev.hotloop.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the words of one config line into a method pattern, or into the problems that keep
 * the line out. It reports every problem it can find on the line, not only the first, so a
 * user fixes a line in one round.
 */
final class PatternLine {

  private static final String OPTIONS_EXPECTED =
      "expected fastmath, parallel, calls=<n> or iterations=<n>";

  private final String source;
  private final int line;
  private final List<ConfigProblem> problems;
  private final int problemsBefore;

  private PatternLine(String source, int line, List<ConfigProblem> problems) {
    this.source = source;
    this.line = line;
    this.problems = problems;
    this.problemsBefore = problems.size();
  }

  /**
   * The pattern written by {@code tokens} (which must not be empty), or empty after adding the
   * line's problems to {@code problems}.
   */
  static Optional<MethodPattern> read(String source, int line, List<Token> tokens,
                                      List<ConfigProblem> problems) {
    return new PatternLine(source, line, problems).read(tokens);
  }

  private Optional<MethodPattern> read(List<Token> tokens) {
    Token head = tokens.get(0);
    String text = head.text();
    boolean exclude = text.charAt(0) == '!';
    int classStart = exclude ? 1 : 0;
    int separator = text.indexOf("::", classStart);
    String classGlob = text.substring(classStart, separator < 0 ? text.length() : separator);
    if (classGlob.isEmpty()) {
      report(head.columnAt(classStart), separator < 0
          ? "expected a class glob after '!'"
          : "expected a class glob before '::'");
    } else {
      check(Glob.CLASS_NAME, classGlob, head, classStart);
    }

    String methodGlob = "*";
    Optional<String> descriptor = Optional.empty();
    if (separator >= 0) {
      int methodStart = separator + 2;
      int paren = text.indexOf('(', methodStart);
      methodGlob = text.substring(methodStart, paren < 0 ? text.length() : paren);
      if (methodGlob.isEmpty()) {
        report(head.columnAt(methodStart), "expected a method name or glob after '::'");
      } else {
        check(Glob.METHOD_NAME, methodGlob, head, methodStart);
      }
      if (paren >= 0) {
        descriptor = Optional.of(text.substring(paren));
        if (!DescriptorGrammar.isValid(descriptor.get())) {
          report(head.columnAt(paren), "malformed method descriptor '" + descriptor.get()
              + "'; expected e.g. ([J)J");
        }
      }
    }

    List<Token> optionTokens = tokens.subList(1, tokens.size());
    PatternOptions options = PatternOptions.NONE;
    if (exclude && !optionTokens.isEmpty()) {
      Token first = optionTokens.get(0);
      report(first.column(), "expected nothing after an exclude pattern, got '"
          + first.text() + "'; excludes take no options");
    } else {
      options = readOptions(optionTokens);
    }

    if (problems.size() > problemsBefore) {
      return Optional.empty();
    }
    return Optional.of(new MethodPattern(
        classGlob, methodGlob, descriptor, exclude, options, source, line));
  }

  private PatternOptions readOptions(List<Token> tokens) {
    boolean fastmath = false;
    boolean parallel = false;
    OptionalInt calls = OptionalInt.empty();
    OptionalLong iterations = OptionalLong.empty();
    Set<String> seen = new HashSet<>();
    for (Token token : tokens) {
      String word = token.text();
      int equals = word.indexOf('=');
      String name = equals < 0 ? word : word.substring(0, equals);
      boolean known = name.equals("fastmath") || name.equals("parallel")
          || name.equals("calls") || name.equals("iterations");
      if (!known) {
        report(token.column(), "unknown option '" + name + "'; " + OPTIONS_EXPECTED);
        continue;
      }
      if (!seen.add(name)) {
        report(token.column(), "duplicate option '" + name + "'; expected each option at most once");
        continue;
      }
      if (name.equals("fastmath")) {
        if (equals >= 0) {
          report(token.column(), "option fastmath takes no value, got '" + word
              + "'; expected fastmath");
        }
        fastmath = true;
        continue;
      }
      if (name.equals("parallel")) {
        if (equals >= 0) {
          report(token.column(), "option parallel takes no value, got '" + word
              + "'; expected parallel");
        }
        parallel = true;
        continue;
      }
      if (equals < 0) {
        report(token.column(), "option " + name + " needs a value; expected " + name + "=<n>");
        continue;
      }
      PositiveNumber kind = name.equals("calls") ? PositiveNumber.INT : PositiveNumber.LONG;
      String value = word.substring(equals + 1);
      OptionalLong number = kind.parse(value);
      if (number.isEmpty()) {
        report(token.columnAt(equals + 1), kind.expectation(name, value));
      } else if (kind == PositiveNumber.INT) {
        calls = OptionalInt.of((int) number.getAsLong());
      } else {
        iterations = number;
      }
    }
    return problems.size() > problemsBefore
        ? PatternOptions.NONE
        : new PatternOptions(fastmath, calls, iterations, parallel);
  }

  private void check(Glob glob, String text, Token token, int start) {
    glob.check(text).ifPresent(
        flaw -> report(token.columnAt(start + flaw.offset()), flaw.message()));
  }

  private void report(int column, String message) {
    problems.add(new ConfigProblem(source, line, column, message));
  }
}
