package dev.hotloop.codegen.kernel;

import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Identities;
import dev.hotloop.analyzer.plan.Expr;
import dev.hotloop.analyzer.plan.Reduction;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Vector API kernel code, in the shape of Lucene's hand-written kernels: four vector partial
 * sums over an unrolled main loop, a one-vector loop, the reduction across lanes, then a scalar
 * tail. Every node of the expression runs at the accumulator's lane count, so narrower element
 * types are loaded with smaller species and widened lane for lane.
 */
final class VectorLoopEmitter implements LoopBodyEmitter {

  private static final String PKG = "jdk/incubator/vector/";
  private static final String VECTOR = PKG + "Vector";
  private static final String SPECIES = "L" + PKG + "VectorSpecies;";
  private static final String OPERATORS = PKG + "VectorOperators";
  private static final String MASK = PKG + "VectorMask";
  private static final int UNROLL = 4;

  private final KernelFrame frame;
  private final Reduction reduction;
  private final int lanes;
  private final java.util.Map<ElementType, Integer> scratchSlots =
      new java.util.EnumMap<>(ElementType.class);

  VectorLoopEmitter(KernelFrame frame, Reduction reduction, int bits) {
    this.frame = frame;
    this.reduction = reduction;
    this.lanes = bits / reduction.accumulator().type().bits();
  }

  /** Why the reduction cannot be vectorized at {@code bits}, or null when it can. */
  static String whyNot(Reduction reduction, int bits) {
    int lanes = bits / reduction.accumulator().type().bits();
    return whyNot(reduction.value(), lanes, bits);
  }

  /**
   * Every node runs at the accumulator's lane count, so each needs a vector of its own type
   * with that many lanes: no smaller than 64 bits, and no larger than the machine's vectors
   * (a larger species would not be compiled to SIMD instructions).
   */
  private static String whyNot(Expr expr, int lanes, int maxBits) {
    int bits = lanes * (expr instanceof Expr.ArrayElement e
        ? e.array().elementType().bits() : expr.type().bits());
    if (bits < 64 || bits > maxBits) {
      return "no " + bits + "-bit vector of " + (expr instanceof Expr.ArrayElement e
          ? e.array().elementType() : expr.type()).javaName() + "s on this machine";
    }
    if (expr instanceof Expr.ArrayElement || expr instanceof Expr.Invariant
        || expr instanceof Expr.Constant) {
      return null;
    } else if (expr instanceof Expr.Widen w) {
      return whyNot(w.operand(), lanes, maxBits);
    } else if (expr instanceof Expr.Binary b) {
      String left = whyNot(b.left(), lanes, maxBits);
      return left != null ? left : whyNot(b.right(), lanes, maxBits);
    } else if (expr instanceof Expr.Unary u) {
      return whyNot(u.operand(), lanes, maxBits);
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

  String description() {
    ElementType acc = frame.accumulatorType();
    return "vector, " + acc.vectorPrefix() + "Vector x " + lanes + " lanes ("
        + lanes * acc.bits() + "-bit), " + UNROLL + " partial results";
  }

  @Override
  public void emit(MethodVisitor mv) {
    ElementType acc = frame.accumulatorType();
    String accVector = vectorClass(acc);
    int i = frame.allocate(1);
    int[] partial = new int[UNROLL];
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitVarInsn(Opcodes.ISTORE, i);
    Reduction.Operator op = reduction.operator();
    for (int k = 0; k < UNROLL; k++) {
      partial[k] = frame.allocate(1);
      broadcast(mv, Identities.of(op, acc), acc);
      mv.visitVarInsn(Opcodes.ASTORE, partial[k]);
    }
    int upperUnrolled = frame.allocate(1);
    int upperOne = frame.allocate(1);
    loopBound(mv, UNROLL * lanes, upperUnrolled);
    loopBound(mv, lanes, upperOne);

    // Main loop: UNROLL vectors per step into independent partial sums.
    Label test = new Label();
    Label done = new Label();
    mv.visitLabel(test);
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitVarInsn(Opcodes.ILOAD, upperUnrolled);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    for (int k = 0; k < UNROLL; k++) {
      mv.visitVarInsn(Opcodes.ALOAD, partial[k]);
      emitVector(mv, reduction.value(), i, k * lanes);
      lanewise(mv, op.asBinary(), acc);
      mv.visitVarInsn(Opcodes.ASTORE, partial[k]);
    }
    mv.visitIincInsn(i, UNROLL * lanes);
    mv.visitJumpInsn(Opcodes.GOTO, test);
    mv.visitLabel(done);

    // One vector at a time.
    Label testOne = new Label();
    Label doneOne = new Label();
    mv.visitLabel(testOne);
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitVarInsn(Opcodes.ILOAD, upperOne);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, doneOne);
    mv.visitVarInsn(Opcodes.ALOAD, partial[0]);
    emitVector(mv, reduction.value(), i, 0);
    lanewise(mv, op.asBinary(), acc);
    mv.visitVarInsn(Opcodes.ASTORE, partial[0]);
    mv.visitIincInsn(i, lanes);
    mv.visitJumpInsn(Opcodes.GOTO, testOne);
    mv.visitLabel(doneOne);

    // acc = acc op ((p0 op p1) op (p2 op p3)).reduceLanes(op)
    Type accType = acc.type();
    mv.visitVarInsn(accType.getOpcode(Opcodes.ILOAD), frame.accSlot());
    mv.visitVarInsn(Opcodes.ALOAD, partial[0]);
    mv.visitVarInsn(Opcodes.ALOAD, partial[1]);
    lanewise(mv, op.asBinary(), acc);
    mv.visitVarInsn(Opcodes.ALOAD, partial[2]);
    mv.visitVarInsn(Opcodes.ALOAD, partial[3]);
    lanewise(mv, op.asBinary(), acc);
    lanewise(mv, op.asBinary(), acc);
    mv.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, operatorField(op.asBinary()),
        "L" + OPERATORS + "$Associative;");
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, accVector, "reduceLanes",
        "(L" + OPERATORS + "$Associative;)" + accType.getDescriptor(), false);
    ScalarExpr.fold(mv, op, acc);
    mv.visitVarInsn(accType.getOpcode(Opcodes.ISTORE), frame.accSlot());

    // Scalar tail.
    ScalarLoopEmitter.emitInOrder(mv, frame, reduction, i);
    mv.visitVarInsn(accType.getOpcode(Opcodes.ILOAD), frame.accSlot());
    mv.visitInsn(accType.getOpcode(Opcodes.IRETURN));
  }

  /** {@code slot = from + ((to - from) & -step)}, for a power-of-two {@code step}. */
  private void loopBound(MethodVisitor mv, int step, int slot) {
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitInsn(Opcodes.ISUB);
    ScalarExpr.pushInt(mv, -step);
    mv.visitInsn(Opcodes.IAND);
    mv.visitInsn(Opcodes.IADD);
    mv.visitVarInsn(Opcodes.ISTORE, slot);
  }

  /** {@code a.lanewise(op, b)} for the two vectors of {@code type} on the stack. */
  private static void lanewise(MethodVisitor mv, Expr.Operator op, ElementType type) {
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
  private static String operatorField(Expr.Operator op) {
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
  private void broadcast(MethodVisitor mv, Number value, ElementType type) {
    String vectorClass = vectorClass(type);
    species(mv, type);
    ScalarExpr.pushConstant(mv, value, type);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, vectorClass, "broadcast",
        "(" + SPECIES + type.type().getDescriptor() + ")L" + vectorClass + ";", false);
  }

  /** Pushes the vector of {@code expr} for lanes {@code i + offset ..}, typed as its class. */
  private ElementType emitVector(MethodVisitor mv, Expr expr, int i, int offset) {
    if (expr instanceof Expr.ArrayElement e) {
      ElementType element = e.array().elementType();
      species(mv, element);
      mv.visitVarInsn(Opcodes.ALOAD, frame.arraySlot(e.array()));
      mv.visitVarInsn(Opcodes.ILOAD, i);
      if (offset != 0) {
        ScalarExpr.pushInt(mv, offset);
        mv.visitInsn(Opcodes.IADD);
      }
      String vectorClass = vectorClass(element);
      String load = element == ElementType.CHAR ? "fromCharArray" : "fromArray";
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, vectorClass, load,
          "(" + SPECIES + element.arrayType().getDescriptor() + "I)L" + vectorClass + ";", false);
      if (element.computational() != element) {
        // byte, short and char lanes compute as int, as the JVM does.
        convert(mv, element, ElementType.INT);
        if (element == ElementType.CHAR) {
          mv.visitLdcInsn(0xFFFF);
          mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass(ElementType.INT), "and",
              "(I)L" + vectorClass(ElementType.INT) + ";", false);
        }
        return ElementType.INT;
      }
      return element;
    } else if (expr instanceof Expr.Widen w) {
      ElementType from = emitVector(mv, w.operand(), i, offset);
      convert(mv, from, w.type());
      return w.type();
    } else if (expr instanceof Expr.Invariant || expr instanceof Expr.Constant) {
      String vectorClass = vectorClass(expr.type());
      species(mv, expr.type());
      ScalarExpr.emit(mv, frame, expr, i, offset);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, vectorClass, "broadcast",
          "(" + SPECIES + expr.type().type().getDescriptor() + ")L" + vectorClass + ";", false);
      return expr.type();
    } else if (expr instanceof Expr.Binary b) {
      ElementType type = emitVector(mv, b.left(), i, offset);
      if (b.right() instanceof Expr.Invariant || b.right() instanceof Expr.Constant) {
        // A scalar operand stays scalar: no broadcast, and shift counts keep Java's masking.
        ScalarExpr.emit(mv, frame, b.right(), i, offset);
        if (type == ElementType.LONG && b.right().type() == ElementType.INT) {
          mv.visitInsn(Opcodes.I2L);
        }
        lanewiseScalar(mv, b.operator(), type, scratch(type));
      } else {
        ElementType right = emitVector(mv, b.right(), i, offset);
        if (right != type) {
          convert(mv, right, type);
        }
        lanewise(mv, b.operator(), type);
      }
      return type;
    } else if (expr instanceof Expr.Select sel) {
      // ifFalse.blend(ifTrue, mask): lanes where the condition holds take ifTrue.
      ElementType type = sel.type();
      coerce(mv, emitVector(mv, sel.ifFalse(), i, offset), type);
      coerce(mv, emitVector(mv, sel.ifTrue(), i, offset), type);
      ElementType compared = emitMask(mv, sel.condition(), i, offset);
      if (compared != type) {
        species(mv, type);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, MASK, "cast",
            "(" + SPECIES + ")L" + MASK + ";", false);
      }
      String vectorClass = vectorClass(type);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, "blend",
          "(L" + VECTOR + ";L" + MASK + ";)L" + vectorClass + ";", false);
      return type;
    } else if (expr instanceof Expr.Unary u) {
      ElementType type = emitVector(mv, u.operand(), i, offset);
      String vectorClass = vectorClass(type);
      mv.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, u.operator().name(),
          "L" + OPERATORS + "$Unary;");
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, "lanewise",
          "(L" + OPERATORS + "$Unary;)L" + vectorClass + ";", false);
      return type;
    }
    throw new IllegalArgumentException("no vector form for " + expr);
  }

  /** Pushes the mask of lanes where {@code c} holds; returns the type of its operands. */
  private ElementType emitMask(MethodVisitor mv, Expr.Condition c, int i, int offset) {
    ElementType type = emitVector(mv, c.left(), i, offset);
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
      coerce(mv, emitVector(mv, c.right(), i, offset), type);
      mv.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, c.relation().name(), comparison);
      mv.visitInsn(Opcodes.SWAP);
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, vectorClass, "compare",
          "(" + comparison + "L" + VECTOR + ";)L" + MASK + ";", false);
    }
    return type;
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
  private void convert(MethodVisitor mv, ElementType from, ElementType to) {
    String fromClass = vectorClass(from);
    mv.visitFieldInsn(Opcodes.GETSTATIC, OPERATORS, conversionName(from, to),
        "L" + OPERATORS + "$Conversion;");
    species(mv, to);
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, fromClass, "convertShape",
        "(L" + OPERATORS + "$Conversion;" + SPECIES + "I)L" + VECTOR + ";", false);
    mv.visitTypeInsn(Opcodes.CHECKCAST, vectorClass(to));
  }

  private static String conversionName(ElementType from, ElementType to) {
    return letter(from) + "2" + letter(to);
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

  /** Pushes {@code XVector.SPECIES_n} for this kernel's lane count. */
  private void species(MethodVisitor mv, ElementType type) {
    int bits = lanes * type.bits();
    mv.visitFieldInsn(Opcodes.GETSTATIC, vectorClass(type), "SPECIES_" + bits, SPECIES);
  }

  private static String vectorClass(ElementType type) {
    return PKG + type.vectorPrefix() + "Vector";
  }
}
