package dev.hotloop.codegen.kernel;

import java.util.EnumMap;
import java.util.Map;

import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Expr;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Emits the Vector API code of an expression at one lane count: every node is a vector of its
 * own type with that many lanes, so narrower element types are loaded with smaller species and
 * converted lane for lane, as the JVM converts each value. Every operation here computes each
 * lane exactly as Java computes that element.
 */
final class VectorExpr {

  static final String PKG = "jdk/incubator/vector/";
  static final String VECTOR = PKG + "Vector";
  static final String SPECIES = "L" + PKG + "VectorSpecies;";
  static final String OPERATORS = PKG + "VectorOperators";
  static final String MASK = PKG + "VectorMask";
  /** The kernel class's index map of lanes, where the loop steps by more than one. */
  static final String LANE_INDEXES = "LANE_INDEXES";
  /** Lanes of the widest vector there is: 512 bits of bytes. */
  static final int MAX_LANES = 64;

  private final KernelFrame frame;
  private final int lanes;
  private final Map<ElementType, Integer> scratchSlots = new EnumMap<>(ElementType.class);

  VectorExpr(KernelFrame frame, int lanes) {
    this.frame = frame;
    this.lanes = lanes;
  }

  int lanes() {
    return lanes;
  }

  /**
   * Why {@code expr} has no vector form at {@code lanes} lanes on a machine with vectors of up
   * to {@code maxBits} bits, or null when it has one. Each node needs a vector of its own type
   * with that many lanes: no smaller than 64 bits, and no larger than the machine's vectors (a
   * larger species would not be compiled to SIMD instructions).
   */
  static String whyNot(Expr expr, int lanes, int maxBits) {
    if (expr instanceof Expr.Not n) {
      return whyNot(n.operand(), lanes, maxBits);
    } else if (expr instanceof Expr.Both b) {
      String left = whyNot(b.left(), lanes, maxBits);
      return left != null ? left : whyNot(b.right(), lanes, maxBits);
    }
    ElementType lane = expr instanceof Expr.ArrayElement e ? e.array().elementType()
        : expr instanceof Expr.Convert c ? c.to() : expr.type();
    String tooWide = whyNotLanes(lane, lanes, maxBits);
    if (tooWide != null) {
      return tooWide;
    }
    if (expr instanceof Expr.ArrayElement e) {
      // Loaded at the element's width, then widened to the int lanes it computes in.
      return whyNotLanes(e.array().elementType().computational(), lanes, maxBits);
    } else if (expr instanceof Expr.Invariant || expr instanceof Expr.Constant) {
      return null;
    } else if (expr instanceof Expr.Convert c) {
      if (!hasExactVectorForm(c.operand().type(), c.to())) {
        return "no vector conversion from " + c.operand().type().javaName() + " to "
            + c.to().javaName() + " known to round as Java does";
      }
      String operand = whyNot(c.operand(), lanes, maxBits);
      return operand != null ? operand : whyNotLanes(c.type(), lanes, maxBits);
    } else if (expr instanceof Expr.Binary b) {
      String left = whyNot(b.left(), lanes, maxBits);
      return left != null ? left : whyNot(b.right(), lanes, maxBits);
    } else if (expr instanceof Expr.Unary u) {
      return whyNot(u.operand(), lanes, maxBits);
    } else if (expr instanceof Expr.Fma f) {
      for (Expr part : new Expr[] {f.a(), f.b(), f.c()}) {
        String why = whyNot(part, lanes, maxBits);
        if (why != null) {
          return why;
        }
      }
      return null;
    } else if (expr instanceof Expr.Condition c) {
      String left = whyNot(c.left(), lanes, maxBits);
      return left != null ? left : whyNot(c.right(), lanes, maxBits);
    } else if (expr instanceof Expr.Select sel) {
      for (Expr part : new Expr[] {sel.condition(), sel.ifTrue(), sel.ifFalse()}) {
        String why = whyNot(part, lanes, maxBits);
        if (why != null) {
          return why;
        }
      }
      return null;
    }
    return "no vector form for " + expr;
  }

  /** Why there is no vector of {@code lanes} lanes of {@code type}, or null when there is. */
  static String whyNotLanes(ElementType type, int lanes, int maxBits) {
    int bits = lanes * type.bits();
    if (bits < 64 || bits > maxBits) {
      return "no " + bits + "-bit vector of " + type.javaName() + "s on this machine";
    }
    return null;
  }

  /**
   * Whether the Vector API converts lanes from {@code from} to {@code to} bit for bit as Java
   * does: widening, truncating integers, and round-to-nearest between int, float and double.
   * Floating point to integer is left out: Java saturates and takes NaN to 0, which SIMD
   * conversions of older JDKs do not.
   */
  private static boolean hasExactVectorForm(ElementType from, ElementType to) {
    return switch (to) {
      case BYTE, SHORT, CHAR -> from == ElementType.INT;
      case INT -> from == ElementType.INT || from == ElementType.LONG;
      case LONG -> from == ElementType.INT || from == ElementType.LONG;
      case FLOAT -> from == ElementType.INT || from == ElementType.FLOAT
          || from == ElementType.DOUBLE;
      case DOUBLE -> from == ElementType.INT || from == ElementType.FLOAT
          || from == ElementType.DOUBLE;
    };
  }

  /** Pushes the vector of {@code expr} for lanes {@code i + offset ..}; returns its type. */
  ElementType emit(MethodVisitor mv, Expr expr, int i, int offset) {
    if (expr instanceof Expr.ArrayElement e) {
      ElementType element = e.array().elementType();
      species(mv, element);
      mv.visitVarInsn(Opcodes.ALOAD, frame.arraySlot(e.array()));
      index(mv, i, offset);
      String vectorClass = vectorClass(element);
      String load = element == ElementType.CHAR ? "fromCharArray" : "fromArray";
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, vectorClass, load,
          "(" + SPECIES + element.arrayType().getDescriptor() + "I" + laneIndexes(mv) + ")L"
              + vectorClass + ";", false);
      if (element.computational() != element) {
        // byte, short and char lanes compute as int, as the JVM does.
        widenToInt(mv, element);
        return ElementType.INT;
      }
      return element;
    } else if (expr instanceof Expr.Convert c) {
      ElementType from = emit(mv, c.operand(), i, offset);
      if (c.to().computational() != c.to()) {
        // (byte) x: truncate to byte lanes, then back to int lanes holding a byte's value.
        convert(mv, from, c.to());
        widenToInt(mv, c.to());
      } else if (from != c.to()) {
        convert(mv, from, c.to());
      }
      return c.type();
    } else if (expr instanceof Expr.Invariant || expr instanceof Expr.Constant) {
      String vectorClass = vectorClass(expr.type());
      species(mv, expr.type());
      ScalarExpr.emit(mv, frame, expr, i, offset);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, vectorClass, "broadcast",
          "(" + SPECIES + expr.type().type().getDescriptor() + ")L" + vectorClass + ";", false);
      return expr.type();
    } else if (expr instanceof Expr.Binary b) {
      ElementType type = emit(mv, b.left(), i, offset);
      if (b.right() instanceof Expr.Invariant || b.right() instanceof Expr.Constant) {
        // A scalar operand stays scalar: no broadcast, and shift counts keep Java's masking.
        ScalarExpr.emit(mv, frame, b.right(), i, offset);
        if (type == ElementType.LONG && b.right().type() == ElementType.INT) {
          mv.visitInsn(Opcodes.I2L);
        }
        lanewiseScalar(mv, b.operator(), type, scratch(type));
      } else {
        ElementType right = emit(mv, b.right(), i, offset);
        if (right != type) {
          convert(mv, right, type);
        }
        lanewise(mv, b.operator(), type);
      }
      return type;
    } else if (expr instanceof Expr.Select sel) {
      // ifFalse.blend(ifTrue, mask): lanes where the condition holds take ifTrue.
      ElementType type = sel.type();
      coerce(mv, emit(mv, sel.ifFalse(), i, offset), type);
      coerce(mv, emit(mv, sel.ifTrue(), i, offset), type);
      emitMask(mv, sel.condition(), i, offset, type);
      String vectorClass = vectorClass(type);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, "blend",
          "(L" + VECTOR + ";L" + MASK + ";)L" + vectorClass + ";", false);
      return type;
    } else if (expr instanceof Expr.Fma f) {
      ElementType type = f.type();
      coerce(mv, emit(mv, f.a(), i, offset), type);
      mv.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, "FMA", "L" + OPERATORS + "$Ternary;");
      coerce(mv, emit(mv, f.b(), i, offset), type);
      coerce(mv, emit(mv, f.c(), i, offset), type);
      String vectorClass = vectorClass(type);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, "lanewise",
          "(L" + OPERATORS + "$Ternary;L" + VECTOR + ";L" + VECTOR + ";)L" + vectorClass + ";",
          false);
      return type;
    } else if (expr instanceof Expr.Unary u) {
      ElementType type = emit(mv, u.operand(), i, offset);
      String vectorClass = vectorClass(type);
      mv.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, u.operator().name(),
          "L" + OPERATORS + "$Unary;");
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, "lanewise",
          "(L" + OPERATORS + "$Unary;)L" + vectorClass + ";", false);
      return type;
    }
    throw new IllegalArgumentException("no vector form for " + expr);
  }

  /**
   * Pushes {@code a.lanewise(FMA, b, c)} for lanes {@code i + offset ..}, {@code c} the vector of
   * {@code type} in local {@code cSlot}: {@code a * b + c} with one rounding.
   */
  void emitFma(MethodVisitor mv, Expr a, Expr b, int cSlot, int i, int offset,
      ElementType type) {
    coerce(mv, emit(mv, a, i, offset), type);
    mv.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, "FMA", "L" + OPERATORS + "$Ternary;");
    coerce(mv, emit(mv, b, i, offset), type);
    mv.visitVarInsn(Opcodes.ALOAD, cSlot);
    String vectorClass = vectorClass(type);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, "lanewise",
        "(L" + OPERATORS + "$Ternary;L" + VECTOR + ";L" + VECTOR + ";)L" + vectorClass + ";",
        false);
  }

  /**
   * Pushes the mask of lanes where {@code c} holds, as a mask of the species of {@code lanesOf}
   * lanes (masks of another element type are cast lane for lane).
   */
  void emitMask(MethodVisitor mv, Expr.Predicate p, int i, int offset, ElementType lanesOf) {
    if (p instanceof Expr.Not n) {
      emitMask(mv, n.operand(), i, offset, lanesOf);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, MASK, "not", "()L" + MASK + ";", false);
      return;
    } else if (p instanceof Expr.Both b) {
      emitMask(mv, b.left(), i, offset, lanesOf);
      emitMask(mv, b.right(), i, offset, lanesOf);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, MASK, b.all() ? "and" : "or",
          "(L" + MASK + ";)L" + MASK + ";", false);
      return;
    }
    Expr.Condition c = (Expr.Condition) p;
    ElementType type = emit(mv, c.left(), i, offset);
    String vectorClass = vectorClass(type);
    String comparison = "L" + OPERATORS + "$Comparison;";
    if (c.right() instanceof Expr.Invariant || c.right() instanceof Expr.Constant) {
      ScalarExpr.emit(mv, frame, c.right(), i, offset);
      Type t = type.type();
      int scratch = scratch(type);
      mv.visitVarInsn(t.getOpcode(Opcodes.ISTORE), scratch);
      mv.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, c.relation().name(), comparison);
      mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), scratch);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, "compare",
          "(" + comparison + t.getDescriptor() + ")L" + MASK + ";", false);
    } else {
      coerce(mv, emit(mv, c.right(), i, offset), type);
      mv.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, c.relation().name(), comparison);
      mv.visitInsn(Opcodes.SWAP);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, "compare",
          "(" + comparison + "L" + VECTOR + ";)L" + MASK + ";", false);
    }
    if (!vectorClass(type).equals(vectorClass(lanesOf))) {
      species(mv, lanesOf);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, MASK, "cast",
          "(" + SPECIES + ")L" + MASK + ";", false);
    }
  }

  /**
   * Stores the vector of {@code type} on the stack into {@code array[i + offset ..]}, narrowed
   * lane for lane to the array's element type, under the mask below it when {@code masked}.
   */
  void store(MethodVisitor mv, ElementType type, ElementType element, int arraySlot, int i,
      int offset, boolean masked, int maskSlot) {
    if (element != type) {
      convert(mv, type, element);
    }
    String vectorClass = vectorClass(element);
    mv.visitVarInsn(Opcodes.ALOAD, arraySlot);
    index(mv, i, offset);
    String method = element == ElementType.CHAR ? "intoCharArray" : "intoArray";
    String map = laneIndexes(mv);
    if (masked) {
      mv.visitVarInsn(Opcodes.ALOAD, maskSlot);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, method,
          "(" + element.arrayType().getDescriptor() + "I" + map + "L" + MASK + ";)V", false);
    } else {
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, method,
          "(" + element.arrayType().getDescriptor() + "I" + map + ")V", false);
    }
  }

  /**
   * Where the loop steps by more than one, pushes the index map of the lanes (the kernel's
   * {@code LANE_INDEXES}, from its start) and returns the descriptor of those two arguments of a
   * gather or scatter; else pushes nothing and returns "": lanes are then adjacent elements.
   */
  private String laneIndexes(MethodVisitor mv) {
    if (frame.stride() == 1) {
      return "";
    }
    mv.visitFieldInsn(Opcodes.GETSTATIC, frame.owner(), LANE_INDEXES, "[I");
    mv.visitInsn(Opcodes.ICONST_0);
    return "[II";
  }

  private static void index(MethodVisitor mv, int i, int offset) {
    mv.visitVarInsn(Opcodes.ILOAD, i);
    if (offset != 0) {
      ScalarExpr.pushInt(mv, offset);
      mv.visitInsn(Opcodes.IADD);
    }
  }

  /** Widens byte, short or char lanes on the stack to int lanes holding the same values. */
  private void widenToInt(MethodVisitor mv, ElementType narrow) {
    convert(mv, narrow, ElementType.INT);
    if (narrow == ElementType.CHAR) {
      // char lanes are loaded as shorts: a sign extension to undo.
      mv.visitLdcInsn(0xFFFF);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass(ElementType.INT), "and",
          "(I)L" + vectorClass(ElementType.INT) + ";", false);
    }
  }

  /** {@code a.lanewise(op, b)} for the two vectors of {@code type} on the stack. */
  static void lanewise(MethodVisitor mv, Expr.Operator op, ElementType type) {
    String vectorClass = vectorClass(type);
    mv.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, operatorField(op),
        "L" + OPERATORS + "$" + operatorKind(op) + ";");
    mv.visitInsn(Opcodes.SWAP);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, "lanewise",
        "(L" + OPERATORS + "$Binary;L" + VECTOR + ";)L" + vectorClass + ";", false);
  }

  /** {@code a.lanewise(op, s)} for the vector and then the scalar of {@code type} on the stack. */
  private static void lanewiseScalar(MethodVisitor mv, Expr.Operator op, ElementType type,
      int scalarSlot) {
    String vectorClass = vectorClass(type);
    Type t = type.type();
    mv.visitVarInsn(t.getOpcode(Opcodes.ISTORE), scalarSlot);
    mv.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, operatorField(op),
        "L" + OPERATORS + "$" + operatorKind(op) + ";");
    mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), scalarSlot);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, "lanewise",
        "(L" + OPERATORS + "$Binary;" + t.getDescriptor() + ")L" + vectorClass + ";", false);
  }

  /** The name of the {@code VectorOperators} constant for {@code op}. */
  static String operatorField(Expr.Operator op) {
    return switch (op) {
      case SHL -> "LSHL";
      case SHR -> "ASHR";
      case USHR -> "LSHR";
      default -> op.name();
    };
  }

  /** The declared type of that constant: associative operators are declared as such. */
  private static String operatorKind(Expr.Operator op) {
    return switch (op) {
      case ADD, MUL, AND, OR, XOR, MIN, MAX -> "Associative";
      default -> "Binary";
    };
  }

  /** Pushes {@code XVector.broadcast(species, value)}. */
  void broadcast(MethodVisitor mv, Number value, ElementType type) {
    String vectorClass = vectorClass(type);
    species(mv, type);
    ScalarExpr.pushConstant(mv, value, type);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, vectorClass, "broadcast",
        "(" + SPECIES + type.type().getDescriptor() + ")L" + vectorClass + ";", false);
  }

  private void coerce(MethodVisitor mv, ElementType from, ElementType to) {
    if (from != to) {
      convert(mv, from, to);
    }
  }

  /** A local for a scalar operand of {@code type}, allocated once per type. */
  private int scratch(ElementType type) {
    return scratchSlots.computeIfAbsent(type, t -> frame.allocate(t.type().getSize()));
  }

  /** Converts the vector on the stack lane for lane to the same lane count of {@code to}. */
  void convert(MethodVisitor mv, ElementType from, ElementType to) {
    String fromClass = vectorClass(from);
    mv.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, letter(from) + "2" + letter(to),
        "L" + OPERATORS + "$Conversion;");
    species(mv, to);
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, fromClass, "convertShape",
        "(L" + OPERATORS + "$Conversion;" + SPECIES + "I)L" + VECTOR + ";", false);
    mv.visitTypeInsn(Opcodes.CHECKCAST, vectorClass(to));
  }

  private static String letter(ElementType t) {
    return switch (t) {
      case BYTE -> "B";
      case SHORT, CHAR -> "S";
      case INT -> "I";
      case LONG -> "L";
      case FLOAT -> "F";
      case DOUBLE -> "D";
    };
  }

  /**
   * The bound below which the counter may start {@code step} lanes at once (a power of two):
   * {@code slot = from + ((to - from) & -step)}; where the loop steps by {@code stride > 1},
   * {@code slot = to - (step - 1) * stride}, below which the last lane's index is below
   * {@code to} ({@code to >= 0} and both factors are small, so no overflow).
   */
  void loopBound(MethodVisitor mv, int step, int slot) {
    if (frame.stride() > 1) {
      mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
      ScalarExpr.pushInt(mv, (step - 1) * frame.stride());
      mv.visitInsn(Opcodes.ISUB);
      mv.visitVarInsn(Opcodes.ISTORE, slot);
      return;
    }
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitInsn(Opcodes.ISUB);
    ScalarExpr.pushInt(mv, -step);
    mv.visitInsn(Opcodes.IAND);
    mv.visitInsn(Opcodes.IADD);
    mv.visitVarInsn(Opcodes.ISTORE, slot);
  }

  /** Pushes {@code XVector.SPECIES_n} for this lane count. */
  void species(MethodVisitor mv, ElementType type) {
    int bits = lanes * type.bits();
    mv.visitFieldInsn(Opcodes.GETSTATIC, vectorClass(type), "SPECIES_" + bits, SPECIES);
  }

  static String vectorClass(ElementType type) {
    return PKG + type.vectorPrefix() + "Vector";
  }
}
