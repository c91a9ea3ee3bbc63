package dev.hotloop.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random Java methods with one loop over primitive arrays, from the grammar the analyzer
 * accepts: an element type, a loop form (up or down, {@code <} or {@code <=}, a stride of 1 to
 * 3), and a body of reductions (sum, min, max, xor, count) and stores (maps into an output, in
 * place, under an {@code if} or a ternary, and to a second array of the type that may be the
 * same object), of expressions of array elements at the counter, a
 * loop-invariant scalar and constants. The same seed gives the same method: a failure is
 * reproduced from its seed.
 */
final class LoopGrammar {

  /** One generated method: its class's source, with the seed that made it. */
  record FuzzedLoop(long seed, String className, String methodName, String source) {
  }

  /** An element type with what the source needs to write its values. */
  private enum Type {
    INT("int", "int", false), LONG("long", "long", false), SHORT("short", "int", false),
    BYTE("byte", "int", false), FLOAT("float", "float", true), DOUBLE("double", "double", true);

    final String name;
    /** The type Java computes the elements in: byte and short compute as int. */
    final String computes;
    final boolean floating;

    Type(String name, String computes, boolean floating) {
      this.name = name;
      this.computes = computes;
      this.floating = floating;
    }

    String constant(SplittableRandom r) {
      int v = r.nextInt(-3, 8);
      return switch (this) {
        case LONG -> v + "L";
        case FLOAT -> v + ".5f";
        case DOUBLE -> v + ".25";
        default -> Integer.toString(v);
      };
    }
  }

  private final SplittableRandom random;
  private final Type type;
  private final boolean descending;
  private final int stride;

  private LoopGrammar(long seed) {
    this.random = new SplittableRandom(seed);
    Type[] types = Type.values();
    this.type = types[random.nextInt(types.length)];
    this.descending = random.nextInt(4) == 0;
    this.stride = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
  }

  /** The method of {@code seed}, in class {@code className}. */
  static FuzzedLoop generate(long seed, String className) {
    return new LoopGrammar(seed).loop(seed, className);
  }

  private FuzzedLoop loop(long seed, String className) {
    String t = type.name;
    String c = type.computes;
    boolean stores = random.nextBoolean();
    boolean inPlace = stores && random.nextInt(3) == 0;
    List<String> body = new ArrayList<>();
    String result;
    String returnType;
    if (stores) {
      String target = inPlace ? "a" : "out";
      String value = "(" + t + ") (" + expr(2) + ")";
      switch (random.nextInt(3)) {
        case 0 -> body.add(target + "[i] = " + value + ";");
        case 1 -> body.add("if (" + condition() + ") { " + target + "[i] = " + value + "; }");
        default -> body.add(target + "[i] = " + condition() + " ? " + value + " : (" + t + ") ("
            + expr(1) + ");");
      }
      if (random.nextInt(3) == 0) {
        // A second statement, which may read back what the first stored.
        body.add(target + "[i] = (" + t + ") (" + target + "[i] " + arithmetic() + " "
            + leaf() + ");");
      }
      if (random.nextInt(3) == 0) {
        // A store to another array of the type, before or after, reading what it likes: the
        // arrays may be one object at run time (the inputs pass one array twice).
        String other = "b[i] = (" + t + ") (" + expr(1) + " " + arithmetic() + " " + target
            + "[i]);";
        body.add(random.nextBoolean() ? 0 : body.size(), other);
      }
      returnType = "void";
      result = null;
    } else {
      returnType = type.floating ? c : (type == Type.LONG ? "long" : "int");
      String acc = returnType;
      String identity;
      String fold;
      int kind = random.nextInt(type.floating ? 3 : 5);
      String e = expr(2);
      switch (kind) {
        case 0 -> {
          identity = "0";
          fold = "s += " + e + ";";
        }
        case 1 -> {
          identity = type.floating ? "Double.POSITIVE_INFINITY" : maxOf(acc);
          fold = "s = Math.min(s, " + cast(acc, e) + ");";
        }
        case 2 -> {
          identity = type.floating ? "Double.NEGATIVE_INFINITY" : minOf(acc);
          fold = "s = Math.max(s, " + cast(acc, e) + ");";
        }
        case 3 -> {
          identity = "0";
          fold = "s ^= " + e + ";";
        }
        default -> {
          identity = "0";
          fold = "if (" + condition() + ") { s++; }";
        }
      }
      if (type.floating && kind == 0 && descending) {
        // A strict floating-point sum counting down is rejected; keep the case useful.
        fold = "s = Math.max(s, " + cast(acc, e) + ");";
        identity = "Double.NEGATIVE_INFINITY";
      }
      body.add(0, acc + " s = (" + acc + ") " + identity + ";");
      body.add("}");
      result = "s";
      String loopLine = loopHeader();
      String method = "  public static " + returnType + " run(" + t + "[] a, " + t + "[] b, "
          + c + " k) {\n    " + body.get(0) + "\n    " + loopLine + "\n      " + fold
          + "\n    }\n    return " + result + ";\n  }\n";
      return new FuzzedLoop(seed, className, "run", classSource(className, method));
    }
    String params = t + "[] a, " + t + "[] b" + (inPlace ? "" : ", " + t + "[] out") + ", " + c
        + " k";
    StringBuilder m = new StringBuilder("  public static void run(" + params + ") {\n    "
        + loopHeader() + "\n");
    for (String line : body) {
      m.append("      ").append(line).append('\n');
    }
    m.append("    }\n  }\n");
    return new FuzzedLoop(seed, className, "run", classSource(className, m.toString()));
  }

  private String loopHeader() {
    String step = stride == 1 ? (descending ? "i--" : "i++")
        : (descending ? "i -= " : "i += ") + stride;
    if (descending) {
      return "for (int i = a.length - 1; i >= 0; " + step + ") {";
    }
    return random.nextBoolean()
        ? "for (int i = 0; i < a.length; " + step + ") {"
        : "for (int i = 0; i <= a.length - 1; " + step + ") {";
  }

  private static String classSource(String className, String method) {
    return "public final class " + className + " {\n" + method + "}\n";
  }

  private static String cast(String type, String e) {
    return "(" + type + ") (" + e + ")";
  }

  private static String maxOf(String type) {
    return type.equals("long") ? "Long.MAX_VALUE" : "Integer.MAX_VALUE";
  }

  private static String minOf(String type) {
    return type.equals("long") ? "Long.MIN_VALUE" : "Integer.MIN_VALUE";
  }

  private String expr(int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return leaf();
    }
    return switch (random.nextInt(type.floating ? 4 : 5)) {
      case 0, 1 -> "(" + expr(depth - 1) + " " + arithmetic() + " " + expr(depth - 1) + ")";
      case 2 -> "Math." + (random.nextBoolean() ? "min" : "max") + "(" + expr(depth - 1) + ", "
          + expr(depth - 1) + ")";
      case 3 -> random.nextInt(3) == 0 ? pick()
          : "(" + condition() + " ? " + expr(depth - 1) + " : " + expr(depth - 1) + ")";
      default -> "(" + expr(depth - 1) + " " + bitwise() + " " + expr(depth - 1) + ")";
    };
  }

  /** {@code x < y ? x : y} and its kin: a choice between the two operands compared. */
  private String pick() {
    String[] relations = {"<", "<=", ">", ">="};
    String x = leaf();
    String y = leaf();
    String relation = relations[random.nextInt(relations.length)];
    return random.nextBoolean()
        ? "(" + x + " " + relation + " " + y + " ? " + x + " : " + y + ")"
        : "(" + x + " " + relation + " " + y + " ? " + y + " : " + x + ")";
  }

  private String leaf() {
    return switch (random.nextInt(5)) {
      case 0, 1 -> "a[i]";
      case 2 -> "b[i]";
      case 3 -> "k";
      default -> type.constant(random);
    };
  }

  private String arithmetic() {
    String[] ops = type.floating ? new String[] {"+", "-", "*", "/"} : new String[] {"+", "-", "*"};
    return ops[random.nextInt(ops.length)];
  }

  private String bitwise() {
    String[] ops = {"&", "|", "^"};
    return ops[random.nextInt(ops.length)];
  }

  private String condition() {
    String[] relations = {"<", "<=", ">", ">=", "==", "!="};
    String c = leaf() + " " + relations[random.nextInt(relations.length)] + " " + leaf();
    if (random.nextInt(4) == 0) {
      c = "(" + c + (random.nextBoolean() ? " && " : " || ") + leaf() + " "
          + relations[random.nextInt(relations.length)] + " " + leaf() + ")";
    }
    return c;
  }
}
