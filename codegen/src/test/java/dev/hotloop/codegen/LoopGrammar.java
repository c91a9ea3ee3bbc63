package dev.hotloop.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random Java methods with one loop over primitive arrays, from the grammar the analyzer
 * accepts, as trees that print as source and {@linkplain LoopCase#smaller() shrink}: an element
 * type; a loop form (up or down, {@code <} or {@code <=}, from a start or to a bound with an
 * offset, to a bound given as a parameter, a stride of 1 to 3, over an array or over each row of
 * a matrix); a body of reductions (sum, min, max, xor, count-if) and stores (into an output, in
 * place, to a second array of the type that may be the same object, under an {@code if} or a
 * ternary, reading back what was stored); expressions of elements of up to three arrays of the
 * type and one of another type, a loop-invariant scalar and constants. One case in ten is a
 * near-miss: the same, plus one statement that makes the loop one the analyzer must reject
 * (a loop-carried dependency, a call, an early exit, a store elsewhere than at the counter, a
 * swap between arrays that may be one object).
 * The same seed gives the same case: a failure is reproduced from its seed.
 */
final class LoopGrammar {

  /** One generated case: its class's name and the tree its source prints from. */
  record FuzzedLoop(long seed, String className, LoopCase loopCase) {

    /** The class's source. */
    String source() {
      return loopCase.source(className);
    }
  }

  /** An element type with what the source needs to write its values. */
  enum Type {
    INT("int", "int", int.class), LONG("long", "long", long.class),
    SHORT("short", "int", short.class), BYTE("byte", "int", byte.class),
    CHAR("char", "int", char.class), FLOAT("float", "float", float.class),
    DOUBLE("double", "double", double.class);

    final String name;
    /** The type Java computes the elements in: byte, short and char compute as int. */
    final String computes;
    final Class<?> javaType;

    Type(String name, String computes, Class<?> javaType) {
      this.name = name;
      this.computes = computes;
      this.javaType = javaType;
    }

    boolean floating() {
      return this == FLOAT || this == DOUBLE;
    }

    /** The type of the loop's scalar parameter and accumulators. */
    Class<?> computesAs() {
      return switch (computes) {
        case "long" -> long.class;
        case "float" -> float.class;
        case "double" -> double.class;
        default -> int.class;
      };
    }

    String constant(SplittableRandom r) {
      int v = r.nextInt(-3, 8);
      return switch (this) {
        case LONG -> v + "L";
        case FLOAT -> v + ".5f";
        case DOUBLE -> v + ".25";
        default -> v < 0 ? "(" + v + ")" : Integer.toString(v);
      };
    }
  }

  /** The names a tree prints with: element accesses differ between flat loops and rows. */
  record Names(Type type, boolean rows, boolean descending) {

    String element(Operand operand) {
      return switch (operand) {
        case A -> rows ? "m[r][i]" : "a[i]";
        case B -> "b[i]";
        case D -> "d[i]";
        case OUT -> "out[i]";
        case P -> "((" + type.computes + ") p[i])";
      };
    }
  }

  /** The arrays an expression reads at the counter: {@code P} is of another element type. */
  enum Operand { A, B, D, OUT, P }

  /** An expression of the loop type's computational type. */
  sealed interface Expr {
    String source(Names names);

    /** Simpler expressions to try in its place while shrinking, simplest first. */
    List<Expr> smaller();
  }

  /** An array element at the counter. */
  record Element(Operand operand) implements Expr {
    @Override
    public String source(Names names) {
      return names.element(operand);
    }

    @Override
    public List<Expr> smaller() {
      return operand == Operand.A ? List.of() : List.of(new Element(Operand.A));
    }
  }

  /** The loop-invariant scalar parameter {@code k}, or a constant. */
  record Leaf(String text) implements Expr {
    @Override
    public String source(Names names) {
      return text;
    }

    @Override
    public List<Expr> smaller() {
      return List.of(new Element(Operand.A));
    }
  }

  /** {@code (left op right)}, an arithmetic or bitwise operator. */
  record Binary(Expr left, String op, Expr right) implements Expr {
    @Override
    public String source(Names names) {
      return "(" + left.source(names) + " " + op + " " + right.source(names) + ")";
    }

    @Override
    public List<Expr> smaller() {
      List<Expr> out = new ArrayList<>(List.of(left, right));
      left.smaller().forEach(l -> out.add(new Binary(l, op, right)));
      right.smaller().forEach(r -> out.add(new Binary(left, op, r)));
      return out;
    }
  }

  /** {@code Math.min} or {@code Math.max}. */
  record Call(String name, Expr left, Expr right) implements Expr {
    @Override
    public String source(Names names) {
      return "Math." + name + "(" + left.source(names) + ", " + right.source(names) + ")";
    }

    @Override
    public List<Expr> smaller() {
      List<Expr> out = new ArrayList<>(List.of(left, right));
      left.smaller().forEach(l -> out.add(new Call(name, l, right)));
      right.smaller().forEach(r -> out.add(new Call(name, left, r)));
      return out;
    }
  }

  /** {@code (cond ? then : otherwise)}; with the compared operands as the choices, a pick. */
  record Choice(Cond cond, Expr then, Expr otherwise) implements Expr {
    @Override
    public String source(Names names) {
      return "(" + cond.source(names) + " ? " + then.source(names) + " : "
          + otherwise.source(names) + ")";
    }

    @Override
    public List<Expr> smaller() {
      List<Expr> out = new ArrayList<>(List.of(then, otherwise));
      cond.smaller().forEach(c -> out.add(new Choice(c, then, otherwise)));
      then.smaller().forEach(t -> out.add(new Choice(cond, t, otherwise)));
      otherwise.smaller().forEach(o -> out.add(new Choice(cond, then, o)));
      return out;
    }
  }

  /** A condition: a comparison, or two joined by {@code &&} or {@code ||}. */
  sealed interface Cond {
    String source(Names names);

    List<Cond> smaller();
  }

  /** {@code left relation right}. */
  record Compare(Expr left, String relation, Expr right) implements Cond {
    @Override
    public String source(Names names) {
      return left.source(names) + " " + relation + " " + right.source(names);
    }

    @Override
    public List<Cond> smaller() {
      List<Cond> out = new ArrayList<>();
      left.smaller().forEach(l -> out.add(new Compare(l, relation, right)));
      right.smaller().forEach(r -> out.add(new Compare(left, relation, r)));
      return out;
    }
  }

  /** {@code (left && right)} or {@code (left || right)}. */
  record Junction(Cond left, String op, Cond right) implements Cond {
    @Override
    public String source(Names names) {
      return "(" + left.source(names) + " " + op + " " + right.source(names) + ")";
    }

    @Override
    public List<Cond> smaller() {
      List<Cond> out = new ArrayList<>(List.of(left, right));
      left.smaller().forEach(l -> out.add(new Junction(l, op, right)));
      right.smaller().forEach(r -> out.add(new Junction(left, op, r)));
      return out;
    }
  }

  /** One statement of the loop's body. */
  sealed interface Statement {
    /** The statement's source; {@code bound} adds what the fastmath bound method counts. */
    String source(Names names, boolean bound);

    List<Statement> smaller();

    default boolean stores() {
      return false;
    }
  }

  /** What a reduction folds. */
  enum Fold { SUM, MIN, MAX, XOR, COUNT }

  /** A reduction into accumulator {@code s<index>}, of {@code value} or counting {@code cond}. */
  record Reduction(Fold fold, int index, Expr value, Cond cond, String accType)
      implements Statement {
    @Override
    public String source(Names names, boolean bound) {
      String s = "s" + index;
      return switch (fold) {
        case SUM -> {
          String v = value.source(names);
          yield cond == null
              ? "s" + index + " += " + v + ";" + (bound ? " bound += Math.abs((double) " + v
                  + "); terms++;" : "")
              : "if (" + cond.source(names) + ") { " + s + " += " + v + ";"
                  + (bound ? " bound += Math.abs((double) " + v + "); terms++;" : "") + " }";
        }
        case MIN, MAX -> s + " = Math." + fold.name().toLowerCase() + "(" + s + ", (" + accType
            + ") " + value.source(names) + ");";
        case XOR -> s + " ^= " + value.source(names) + ";";
        case COUNT -> "if (" + cond.source(names) + ") { " + s + "++; }";
      };
    }

    @Override
    public List<Statement> smaller() {
      List<Statement> out = new ArrayList<>();
      if (cond != null && fold == Fold.SUM) {
        out.add(new Reduction(fold, index, value, null, accType));
      }
      if (value != null) {
        value.smaller().forEach(v -> out.add(new Reduction(fold, index, v, cond, accType)));
      }
      if (cond != null) {
        cond.smaller().forEach(c -> out.add(new Reduction(fold, index, value, c, accType)));
      }
      return out;
    }

    String identity() {
      boolean floating = accType.equals("float") || accType.equals("double");
      return switch (fold) {
        case MIN -> floating ? "Double.POSITIVE_INFINITY"
            : accType.equals("long") ? "Long.MAX_VALUE" : "Integer.MAX_VALUE";
        case MAX -> floating ? "Double.NEGATIVE_INFINITY"
            : accType.equals("long") ? "Long.MIN_VALUE" : "Integer.MIN_VALUE";
        default -> "0";
      };
    }
  }

  /**
   * {@code target[i] = (t) (value)}; under {@code if (cond)} when {@code otherwise} is null,
   * else the ternary {@code cond ? value : otherwise}.
   */
  record Store(Operand target, Expr value, Cond cond, Expr otherwise, Type type)
      implements Statement {
    @Override
    public String source(Names names, boolean bound) {
      String t = names.element(target) + " = ";
      String v = "(" + type.name + ") (" + value.source(names) + ")";
      if (cond == null) {
        return t + v + ";";
      } else if (otherwise == null) {
        return "if (" + cond.source(names) + ") { " + t + v + "; }";
      }
      return t + cond.source(names) + " ? " + v + " : (" + type.name + ") ("
          + otherwise.source(names) + ");";
    }

    @Override
    public List<Statement> smaller() {
      List<Statement> out = new ArrayList<>();
      if (cond != null) {
        out.add(new Store(target, value, null, null, type));
      }
      value.smaller().forEach(v -> out.add(new Store(target, v, cond, otherwise, type)));
      if (cond != null) {
        cond.smaller().forEach(c -> out.add(new Store(target, value, c, otherwise, type)));
      }
      if (otherwise != null) {
        otherwise.smaller().forEach(o -> out.add(new Store(target, value, cond, o, type)));
      }
      return out;
    }

    @Override
    public boolean stores() {
      return true;
    }
  }

  /** What makes a near-miss one the analyzer must reject. */
  enum Miss {
    /** {@code a[i] = a[i - 1] + e}: each element needs the one before. */
    CARRIED,
    /** {@code t += e; d[i] = t}: a running total stored per element. */
    RUNNING_TOTAL,
    /** {@code s += twice(e)}: a call to a method of the class. */
    CALL,
    /** {@code if (cond) break;}. */
    BREAK,
    /** {@code if (cond) return;} (of the accumulators, or of nothing). */
    RETURN,
    /** {@code a[a.length - 1 - i] = e}: a store at another index than the counter's. */
    REVERSED_STORE,
    /** {@code a[0] += e}: a store at one index, read again by the next iteration. */
    FIXED_STORE,
    /** {@code t = t * 31 + e}: a fold that does not reassociate. */
    POLYNOMIAL,
    /** {@code if (a[i] > t) t = a[i]} on floating point: NaN makes it order-dependent. */
    FLOATING_IF_MAX,
    /**
     * {@code x = a[i]; a[i] = b[i]; b[i] = x}: stores that read each other's arrays, which may
     * be one object.
     */
    SWAP,
    /** {@code if (cond) i++} (or {@code i--}, the way it counts): the body moves the counter. */
    COUNTER_WRITE
  }

  /** The statement that makes a near-miss; it stays through shrinking. */
  record NearMiss(Miss miss, Expr value, Cond cond, Type type) implements Statement {
    @Override
    public String source(Names names, boolean bound) {
      String a = names.element(Operand.A);
      String v = value.source(names);
      String t = type.name;
      return switch (miss) {
        case CARRIED -> "if (i > 0) { " + a + " = (" + t + ") (" + a.replace("[i]", "[i - 1]")
            + " + " + v + "); }";
        case RUNNING_TOTAL -> "t += " + v + "; d[i] = (" + t + ") t;";
        case CALL -> "t += twice(" + v + ");";
        case BREAK -> "if (" + cond.source(names) + ") { break; }";
        case RETURN -> "if (" + cond.source(names) + ") { return RESULT; }";
        case REVERSED_STORE -> a.replace("[i]", "[" + (names.rows() ? "m[r]" : "a")
            + ".length - 1 - i]") + " = (" + t + ") (" + v + ");";
        case FIXED_STORE -> a.replace("[i]", "[0]") + " += " + v + ";";
        case POLYNOMIAL -> "t = t * 31 + " + v + ";";
        case FLOATING_IF_MAX -> "if (" + v + " > t) { t = " + v + "; }";
        case SWAP -> "{ " + t + " x = " + a + "; " + a + " = b[i]; b[i] = x; }";
        case COUNTER_WRITE -> "if (" + cond.source(names) + ") { i" + (names.descending() ? "--"
            : "++") + "; }";
      };
    }

    @Override
    public List<Statement> smaller() {
      List<Statement> out = new ArrayList<>();
      value.smaller().forEach(v -> out.add(new NearMiss(miss, v, cond, type)));
      if (cond != null) {
        cond.smaller().forEach(c -> out.add(new NearMiss(miss, value, c, type)));
      }
      return out;
    }

    @Override
    public boolean stores() {
      return miss == Miss.CARRIED || miss == Miss.RUNNING_TOTAL
          || miss == Miss.REVERSED_STORE || miss == Miss.FIXED_STORE;
    }
  }

  /** Where the counter starts and stops. */
  enum Bound {
    /** {@code i < a.length} (down: from {@code a.length - 1} to {@code i >= 0}). */
    LENGTH,
    /** {@code i <= a.length - 1} (down: {@code i > 0}, skipping element 0). */
    LENGTH_INCLUSIVE,
    /** {@code i < a.length - 2} (down: from {@code a.length - 3}). */
    LENGTH_MINUS,
    /** From 1 (down: to {@code i >= 1}). */
    FROM_ONE,
    /** {@code i < n}, a parameter (down: from {@code n - 1}). */
    PARAMETER
  }

  /** The loop's form: direction, stride, bounds, and whether it runs over each row. */
  record Form(boolean descending, int stride, Bound bound, boolean rows) {

    String header(String length) {
      String step = stride == 1 ? (descending ? "i--" : "i++")
          : (descending ? "i -= " : "i += ") + stride;
      if (descending) {
        return switch (bound) {
          case LENGTH -> "for (int i = " + length + " - 1; i >= 0; " + step + ") {";
          case LENGTH_INCLUSIVE -> "for (int i = " + length + " - 1; i > 0; " + step + ") {";
          case LENGTH_MINUS -> "for (int i = " + length + " - 3; i >= 0; " + step + ") {";
          case FROM_ONE -> "for (int i = " + length + " - 1; i >= 1; " + step + ") {";
          case PARAMETER -> "for (int i = n - 1; i >= 0; " + step + ") {";
        };
      }
      return switch (bound) {
        case LENGTH -> "for (int i = 0; i < " + length + "; " + step + ") {";
        case LENGTH_INCLUSIVE -> "for (int i = 0; i <= " + length + " - 1; " + step + ") {";
        case LENGTH_MINUS -> "for (int i = 0; i < " + length + " - 2; " + step + ") {";
        case FROM_ONE -> "for (int i = 1; i < " + length + "; " + step + ") {";
        case PARAMETER -> "for (int i = 0; i < n; " + step + ") {";
      };
    }

    List<Form> smaller() {
      List<Form> out = new ArrayList<>();
      if (rows) {
        out.add(new Form(descending, stride, bound, false));
      }
      if (descending) {
        out.add(new Form(false, stride, bound, rows));
      }
      if (stride > 1) {
        out.add(new Form(descending, 1, bound, rows));
      }
      if (bound != Bound.LENGTH) {
        out.add(new Form(descending, stride, Bound.LENGTH, rows));
      }
      return out;
    }
  }

  /**
   * A whole case: the element type, the type of array {@code p}, the loop's form, its body,
   * whether the method is compiled with {@code fastmath}.
   */
  record LoopCase(Type type, Type other, Form form, List<Statement> body, boolean fastmath) {

    /** Whether this is a near-miss, whose loop the analyzer must reject. */
    boolean nearMiss() {
      return body.stream().anyMatch(s -> s instanceof NearMiss);
    }

    /** The accumulators {@code s0, s1, ...}: the reductions, in order of index. */
    List<Reduction> reductions() {
      List<Reduction> out = new ArrayList<>();
      for (Statement s : body) {
        if (s instanceof Reduction r) {
          out.add(r);
        }
      }
      out.sort((x, y) -> Integer.compare(x.index(), y.index()));
      return out;
    }

    /** Whether a reduction may be reassociated, so that results are compared within a bound. */
    boolean reassociates() {
      return fastmath && type.floating()
          && reductions().stream().anyMatch(r -> r.fold() == Fold.SUM);
    }

    boolean uses(String text) {
      Names names = new Names(type, form.rows(), form.descending());
      return body.stream().anyMatch(s -> s.source(names, false).contains(text))
          || (text.equals("out[") && form.rows() && !reductions().isEmpty());
    }

    /** The parameters, in order, each as its Java type and name. */
    List<Parameter> parameters() {
      List<Parameter> out = new ArrayList<>();
      Class<?> array = type.javaType.arrayType();
      out.add(form.rows() ? new Parameter(array.arrayType(), "m") : new Parameter(array, "a"));
      out.add(new Parameter(array, "b"));
      if (uses("d[")) {
        out.add(new Parameter(array, "d"));
      }
      if (uses("out[")) {
        out.add(new Parameter(array, "out"));
      }
      if (uses("p[")) {
        out.add(new Parameter(other.javaType.arrayType(), "p"));
      }
      if (form.bound() == Bound.PARAMETER) {
        out.add(new Parameter(int.class, "n"));
      }
      out.add(new Parameter(type.computesAs(), "k"));
      return out;
    }

    /** The class's source: method {@code run}, and {@code bound} where {@link #reassociates}. */
    String source(String className) {
      StringBuilder c = new StringBuilder("public final class " + className + " {\n");
      c.append(method("run", false));
      if (reassociates()) {
        c.append(method("bound", true));
      }
      if (body.stream().anyMatch(s -> s instanceof NearMiss n && n.miss() == Miss.CALL)) {
        c.append("  private static ").append(type.computes).append(" twice(")
            .append(type.computes).append(" x) {\n    return x + x;\n  }\n");
      }
      return c.append("}\n").toString();
    }

    /**
     * Method {@code run}, or the fastmath bound: the same loop, returning {@code n} times the
     * sum of the magnitudes of the terms its floating-point sums add, and {@code n}.
     */
    private String method(String name, boolean bound) {
      Names names = new Names(type, form.rows(), form.descending());
      List<Reduction> reductions = reductions();
      String acc = type.computes;
      boolean perRow = form.rows() && !reductions.isEmpty();
      // A near-miss's temporary is returned: dead, it could be left out of the loop rightly.
      boolean temp = body.stream().anyMatch(s -> s instanceof NearMiss n
          && List.of(Miss.RUNNING_TOTAL, Miss.CALL, Miss.POLYNOMIAL, Miss.FLOATING_IF_MAX)
              .contains(n.miss()));
      boolean folds = !reductions.isEmpty() && !perRow;
      String returns = bound ? "double[]" : folds || temp ? acc : "void";
      StringBuilder params = new StringBuilder();
      for (Parameter p : parameters()) {
        params.append(params.length() == 0 ? "" : ", ").append(p.type().getCanonicalName())
            .append(' ').append(p.name());
      }
      String result;
      if (bound) {
        result = "new double[] {bound * terms, terms}";
      } else if (returns.equals("void")) {
        result = "";
      } else {
        List<String> parts = new ArrayList<>();
        if (folds) {
          reductions.forEach(r -> parts.add("s" + r.index()));
        }
        if (temp) {
          parts.add("t");
        }
        result = String.join(" + ", parts);
      }
      StringBuilder m = new StringBuilder("  public static " + returns + " " + name + "("
          + params + ") {\n");
      String indent = "    ";
      if (bound) {
        m.append(indent).append("double bound = 0;\n").append(indent).append("long terms = 0;\n");
      }
      if (temp) {
        m.append(indent).append(type.computes).append(" t = 0;\n");
      }
      if (form.rows()) {
        m.append(indent).append("for (int r = 0; r < m.length; r++) {\n");
        indent = "      ";
      }
      for (Reduction r : reductions) {
        m.append(indent).append(acc).append(" s").append(r.index()).append(" = (").append(acc)
            .append(") ").append(r.identity()).append(";\n");
      }
      m.append(indent).append(form.header(form.rows() ? "m[r].length" : "a.length"))
          .append('\n');
      String returned = returns.equals("void") || bound ? "" : result;
      for (Statement s : body) {
        m.append(indent).append("  ")
            .append(s.source(names, bound).replace("RESULT", bound ? "null" : returned))
            .append('\n');
      }
      m.append(indent).append("}\n");
      if (perRow) {
        String sum = reductions.stream().map(r -> "s" + r.index())
            .reduce((x, y) -> x + " + " + y).orElseThrow();
        m.append(indent).append("out[r] = (").append(type.name).append(") (").append(sum)
            .append(");\n");
      }
      if (form.rows()) {
        m.append("    }\n");
      }
      if (!returns.equals("void")) {
        m.append("    return ").append(bound ? result : returned).append(";\n");
      }
      return m.append("  }\n").toString();
    }

    /** Smaller cases to try in its place while shrinking: fewer statements, simpler parts. */
    List<LoopCase> smaller() {
      List<LoopCase> out = new ArrayList<>();
      for (int k = 0; k < body.size(); k++) {
        if (body.size() > 1 && !(body.get(k) instanceof NearMiss)) {
          List<Statement> fewer = new ArrayList<>(body);
          fewer.remove(k);
          out.add(new LoopCase(type, other, form, fewer, fastmath));
        }
      }
      form.smaller().forEach(f -> out.add(new LoopCase(type, other, f, body, fastmath)));
      for (int k = 0; k < body.size(); k++) {
        for (Statement s : body.get(k).smaller()) {
          List<Statement> simpler = new ArrayList<>(body);
          simpler.set(k, s);
          out.add(new LoopCase(type, other, form, simpler, fastmath));
        }
      }
      return out;
    }
  }

  /** A parameter of the generated method. */
  record Parameter(Class<?> type, String name) {
  }

  private final SplittableRandom random;
  private final Type type;
  private final Type other;

  private LoopGrammar(long seed) {
    this.random = new SplittableRandom(seed);
    Type[] types = Type.values();
    this.type = types[random.nextInt(types.length)];
    this.other = types[random.nextInt(types.length)];
  }

  /** The case of {@code seed}, in class {@code className}. */
  static FuzzedLoop generate(long seed, String className) {
    return new FuzzedLoop(seed, className, new LoopGrammar(seed).loopCase());
  }

  private LoopCase loopCase() {
    LoopCase c;
    do {
      c = draw();
    } while (!c.uses("[i]"));
    return c;
  }

  /** A case, which may not read any array (the analyzer then sees no loop over one). */
  private LoopCase draw() {
    boolean rows = random.nextInt(6) == 0;
    boolean descending = random.nextInt(4) == 0;
    int stride = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
    Bound[] bounds = Bound.values();
    Bound bound = random.nextInt(2) == 0 ? Bound.LENGTH : bounds[random.nextInt(bounds.length)];
    // Rows store each row's sum: fastmath's reassociated sums would then differ in an array.
    boolean fastmath = type.floating() && !rows && random.nextInt(3) == 0;
    Form form = new Form(descending, stride, bound, rows);
    List<Statement> body = new ArrayList<>();
    int shape = random.nextInt(5);
    boolean folds = shape < 2 || shape == 4;
    boolean stores = shape >= 2;
    if (folds) {
      int count = random.nextInt(4) == 0 ? 2 : 1;
      for (int k = 0; k < count; k++) {
        body.add(reduction(k, descending));
      }
    }
    if (stores) {
      Operand target = rows || random.nextInt(3) == 0 ? Operand.A : Operand.OUT;
      body.add(random.nextBoolean() ? 0 : body.size(), store(target, rows));
      if (random.nextInt(3) == 0) {
        // A second statement, which reads back what the first stored.
        body.add(new Store(target, new Binary(new Element(target), arithmetic(), leaf(false)),
            null, null, type));
      }
      if (random.nextInt(3) == 0) {
        // A store to another array of the type, before or after, reading what it likes: the
        // arrays may be one object at run time (the inputs pass one array twice).
        Store other = new Store(Operand.B,
            new Binary(expr(1, false), arithmetic(), new Element(target)), null, null, type);
        body.add(random.nextBoolean() ? 0 : body.size(), other);
      }
    }
    if (random.nextInt(10) == 0) {
      Miss[] misses = Miss.values();
      Miss miss = misses[random.nextInt(misses.length)];
      if (miss == Miss.FLOATING_IF_MAX && !type.floating()) {
        miss = Miss.POLYNOMIAL;
      }
      // The condition reads an element: javac drops an if whose condition is constant.
      Cond cond = new Compare(new Element(Operand.A), ">", leaf(false));
      if (miss == Miss.SWAP) {
        // A swap alone: after a store to a[i] the analyzer rightly knows the value the swap
        // reads, and a store after it may overwrite one side; either way it is no swap.
        body.clear();
      }
      body.add(random.nextInt(body.size() + 1), new NearMiss(miss,
          miss == Miss.FLOATING_IF_MAX ? new Element(Operand.A) : expr(1, false), cond, type));
    }
    return new LoopCase(type, other, form, List.copyOf(body), fastmath);
  }

  private Reduction reduction(int index, boolean order) {
    String acc = type.computes;
    Fold[] folds = type.floating() ? new Fold[] {Fold.SUM, Fold.MIN, Fold.MAX, Fold.COUNT}
        : Fold.values();
    Fold fold = folds[random.nextInt(folds.length)];
    if ((fold == Fold.SUM || fold == Fold.COUNT) && order && type.floating()) {
      // A floating-point sum counting down is rejected (even where fastmath would allow it: the
      // analyzer does not know the config), and so is a count into a float; keep the case
      // useful.
      fold = Fold.MAX;
    }
    Expr value = fold == Fold.COUNT ? null : expr(2, true);
    Cond cond = fold == Fold.COUNT || (fold == Fold.SUM && random.nextInt(4) == 0)
        ? condition() : null;
    return new Reduction(fold, index, value, cond, acc);
  }

  private Store store(Operand target, boolean rows) {
    Expr value = expr(2, true);
    return switch (random.nextInt(3)) {
      case 0 -> new Store(target, value, null, null, type);
      case 1 -> new Store(target, value, condition(), null, type);
      default -> new Store(target, value, condition(), expr(1, true), type);
    };
  }

  private Expr expr(int depth, boolean anyArray) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return leaf(anyArray);
    }
    return switch (random.nextInt(type.floating() ? 4 : 5)) {
      case 0, 1 -> new Binary(expr(depth - 1, anyArray), arithmetic(), expr(depth - 1, anyArray));
      case 2 -> new Call(random.nextBoolean() ? "min" : "max", expr(depth - 1, anyArray),
          expr(depth - 1, anyArray));
      case 3 -> random.nextInt(3) == 0 ? pick()
          : new Choice(condition(), expr(depth - 1, anyArray), expr(depth - 1, anyArray));
      default -> new Binary(expr(depth - 1, anyArray), bitwise(), expr(depth - 1, anyArray));
    };
  }

  /** {@code x < y ? x : y} and its kin: a choice between the two operands compared. */
  private Expr pick() {
    String[] relations = {"<", "<=", ">", ">="};
    Expr x = leaf(false);
    Expr y = leaf(false);
    Cond c = new Compare(x, relations[random.nextInt(relations.length)], y);
    return random.nextBoolean() ? new Choice(c, x, y) : new Choice(c, y, x);
  }

  private Expr leaf(boolean anyArray) {
    return switch (random.nextInt(anyArray ? 7 : 5)) {
      case 0, 1 -> new Element(Operand.A);
      case 2 -> new Element(Operand.B);
      case 3 -> new Leaf("k");
      case 4 -> new Leaf(type.constant(random));
      case 5 -> new Element(Operand.D);
      default -> new Element(Operand.P);
    };
  }

  private String arithmetic() {
    String[] ops = type.floating() ? new String[] {"+", "-", "*", "/"}
        : new String[] {"+", "-", "*"};
    return ops[random.nextInt(ops.length)];
  }

  private String bitwise() {
    String[] ops = {"&", "|", "^"};
    return ops[random.nextInt(ops.length)];
  }

  private Cond condition() {
    String[] relations = {"<", "<=", ">", ">=", "==", "!="};
    Cond c = new Compare(leaf(false), relations[random.nextInt(relations.length)], leaf(false));
    if (random.nextInt(4) == 0) {
      c = new Junction(c, random.nextBoolean() ? "&&" : "||", new Compare(leaf(false),
          relations[random.nextInt(relations.length)], leaf(false)));
    }
    return c;
  }
}
