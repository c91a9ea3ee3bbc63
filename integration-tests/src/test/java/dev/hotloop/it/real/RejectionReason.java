package dev.hotloop.it.real;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A rejection reason of the agent's report with the names in it left out, so that reasons of
 * one kind count together: "calls java.io.InputStream.read inside the loop" and "calls
 * java.util.HashMap.get inside the loop" are both "calls a method inside the loop". Such kinds
 * are the shapes to support next.
 */
public record RejectionReason(String kind) {

  /** A pattern of the analyzer's reasons that name something, and its kind. */
  private record Naming(Pattern pattern, String kind) {
  }

  private static final List<Naming> NAMINGS = List.of(
      new Naming(Pattern.compile("calls \\S+ inside the loop"), "calls a method inside the loop"),
      new Naming(Pattern.compile("writes static field \\S+ inside the loop"),
          "writes a static field inside the loop"),
      new Naming(Pattern.compile("writes field \\S+ inside the loop"),
          "writes a field inside the loop"),
      new Naming(Pattern.compile("reads volatile field \\S+ inside the loop"),
          "reads a volatile field inside the loop"),
      new Naming(Pattern.compile("reads field \\S+ of \\S+, which is not declared by the class"
          + " itself.*"), "reads a field another class declares"));

  /** The kind of {@code reason}, the first line that describes a rejected loop. */
  public static RejectionReason of(String reason) {
    for (Naming naming : NAMINGS) {
      if (naming.pattern().matcher(reason).matches()) {
        return new RejectionReason(naming.kind());
      }
    }
    return new RejectionReason(reason);
  }
}
