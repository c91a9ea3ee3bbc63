package dev.hotloop.codegen.kernel;

import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Expr;
import dev.hotloop.analyzer.plan.Reduction;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Emits the scalar code of one lane of an expression (the value at index {@code i + offset}),
 * with exactly the instructions javac would use, and the scalar forms of reduction folds.
 */
final class ScalarExpr {

  private ScalarExpr() {
  }

  static void emit(MethodVisitor mv, KernelFrame frame, Expr expr, int indexSlot, int offset) {
    if (expr instanceof Expr.ArrayElement e) {
      mv.visitVarInsn(Opcodes.ALOAD, frame.arraySlot(e.array()));
      mv.visitVarInsn(Opcodes.ILOAD, indexSlot);
      if (offset != 0) {
        pushInt(mv, offset);
        mv.visitInsn(Opcodes.IADD);
      }
      mv.visitInsn(e.array().elementType().arrayLoadOpcode());
    } else if (expr instanceof Expr.Invariant v) {
      mv.visitVarInsn(v.type().type().getOpcode(Opcodes.ILOAD), frame.scalarSlot(v.input()));
    } else if (expr instanceof Expr.Constant c) {
      pushConstant(mv, c.value(), c.type());
    } else if (expr instanceof Expr.Convert c) {
      emit(mv, frame, c.operand(), indexSlot, offset);
      convert(mv, c.operand().type(), c.to());
    } else if (expr instanceof Expr.Binary b) {
      emit(mv, frame, b.left(), indexSlot, offset);
      emit(mv, frame, b.right(), indexSlot, offset);
      binary(mv, b.operator(), b.type());
    } else if (expr instanceof Expr.Fma f) {
      emit(mv, frame, f.a(), indexSlot, offset);
      emit(mv, frame, f.b(), indexSlot, offset);
      emit(mv, frame, f.c(), indexSlot, offset);
      String t = f.type().type().getDescriptor();
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "fma",
          "(" + t + t + t + ")" + t, false);
    } else if (expr instanceof Expr.Unary u) {
      emit(mv, frame, u.operand(), indexSlot, offset);
      Type t = u.type().type();
      switch (u.operator()) {
        case NEG -> mv.visitInsn(t.getOpcode(Opcodes.INEG));
        case ABS -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "abs",
            "(" + t.getDescriptor() + ")" + t.getDescriptor(), false);
        case SQRT -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "sqrt",
            "(D)D", false);
      }
    } else if (expr instanceof Expr.Select sel) {
      Label whenTrue = new Label();
      Label done = new Label();
      jumpIf(mv, frame, sel.condition(), indexSlot, offset, whenTrue);
      emit(mv, frame, sel.ifFalse(), indexSlot, offset);
      mv.visitJumpInsn(Opcodes.GOTO, done);
      mv.visitLabel(whenTrue);
      emit(mv, frame, sel.ifTrue(), indexSlot, offset);
      mv.visitLabel(done);
    } else {
      throw new IllegalArgumentException("no scalar form for " + expr);
    }
  }

  /**
   * Jumps to {@code target} when the condition holds, with Java's comparison instructions (for
   * floating point the NaN-false ones: {@code fcmpl} before {@code >}/{@code >=}, {@code fcmpg}
   * before {@code <}/{@code <=}, as javac chooses).
   */
  static void jumpIf(MethodVisitor mv, KernelFrame frame, Expr.Predicate p, int indexSlot,
      int offset, Label target) {
    if (p instanceof Expr.Not n) {
      Label skip = new Label();
      jumpIf(mv, frame, n.operand(), indexSlot, offset, skip);
      mv.visitJumpInsn(Opcodes.GOTO, target);
      mv.visitLabel(skip);
      return;
    } else if (p instanceof Expr.Both b && b.all()) {
      Label skip = new Label();
      jumpIf(mv, frame, new Expr.Not(b.left()), indexSlot, offset, skip);
      jumpIf(mv, frame, b.right(), indexSlot, offset, target);
      mv.visitLabel(skip);
      return;
    } else if (p instanceof Expr.Both b) {
      jumpIf(mv, frame, b.left(), indexSlot, offset, target);
      jumpIf(mv, frame, b.right(), indexSlot, offset, target);
      return;
    }
    Expr.Condition c = (Expr.Condition) p;
    emit(mv, frame, c.left(), indexSlot, offset);
    emit(mv, frame, c.right(), indexSlot, offset);
    ElementType t = c.left().type();
    if (t == ElementType.INT) {
      mv.visitJumpInsn(switch (c.relation()) {
        case EQ -> Opcodes.IF_ICMPEQ;
        case NE -> Opcodes.IF_ICMPNE;
        case LT -> Opcodes.IF_ICMPLT;
        case LE -> Opcodes.IF_ICMPLE;
        case GT -> Opcodes.IF_ICMPGT;
        case GE -> Opcodes.IF_ICMPGE;
      }, target);
      return;
    }
    boolean greater = c.relation() == Expr.Relation.GT || c.relation() == Expr.Relation.GE;
    mv.visitInsn(switch (t) {
      case LONG -> Opcodes.LCMP;
      case FLOAT -> greater ? Opcodes.FCMPL : Opcodes.FCMPG;
      default -> greater ? Opcodes.DCMPL : Opcodes.DCMPG;
    });
    mv.visitJumpInsn(switch (c.relation()) {
      case EQ -> Opcodes.IFEQ;
      case NE -> Opcodes.IFNE;
      case LT -> Opcodes.IFLT;
      case LE -> Opcodes.IFLE;
      case GT -> Opcodes.IFGT;
      case GE -> Opcodes.IFGE;
    }, target);
  }

  /** Applies {@code operator} to the two values on the stack, as Java does for {@code type}. */
  static void binary(MethodVisitor mv, Expr.Operator operator, ElementType type) {
    Type t = type.type();
    switch (operator) {
      case ADD -> mv.visitInsn(t.getOpcode(Opcodes.IADD));
      case SUB -> mv.visitInsn(t.getOpcode(Opcodes.ISUB));
      case MUL -> mv.visitInsn(t.getOpcode(Opcodes.IMUL));
      case DIV -> mv.visitInsn(t.getOpcode(Opcodes.IDIV));
      case AND -> mv.visitInsn(t.getOpcode(Opcodes.IAND));
      case OR -> mv.visitInsn(t.getOpcode(Opcodes.IOR));
      case XOR -> mv.visitInsn(t.getOpcode(Opcodes.IXOR));
      case SHL -> mv.visitInsn(t.getOpcode(Opcodes.ISHL));
      case SHR -> mv.visitInsn(t.getOpcode(Opcodes.ISHR));
      case USHR -> mv.visitInsn(t.getOpcode(Opcodes.IUSHR));
      case MIN, MAX -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math",
          operator == Expr.Operator.MIN ? "min" : "max",
          "(" + t.getDescriptor() + t.getDescriptor() + ")" + t.getDescriptor(), false);
    }
  }

  /** Folds the value on top of the stack into the one below it: {@code acc op value}. */
  static void fold(MethodVisitor mv, Reduction.Operator operator, ElementType type) {
    binary(mv, operator.asBinary(), type);
  }

  /** Pushes {@code value} as a constant of {@code type}. */
  static void pushConstant(MethodVisitor mv, Number value, ElementType type) {
    switch (type) {
      case LONG -> mv.visitLdcInsn(value.longValue());
      case FLOAT -> mv.visitLdcInsn(value.floatValue());
      case DOUBLE -> mv.visitLdcInsn(value.doubleValue());
      default -> pushInt(mv, value.intValue());
    }
  }

  /**
   * Converts the value of computational type {@code from} on the stack to {@code to}, with the
   * instructions javac emits for the cast: {@code (byte) aLong} is {@code l2i}, {@code i2b}.
   */
  static void convert(MethodVisitor mv, ElementType from, ElementType to) {
    ElementType target = to.computational();
    if (from != target) {
      mv.visitInsn(switch (from) {
        case INT -> switch (target) {
          case LONG -> Opcodes.I2L;
          case FLOAT -> Opcodes.I2F;
          default -> Opcodes.I2D;
        };
        case LONG -> switch (target) {
          case INT -> Opcodes.L2I;
          case FLOAT -> Opcodes.L2F;
          default -> Opcodes.L2D;
        };
        case FLOAT -> switch (target) {
          case INT -> Opcodes.F2I;
          case LONG -> Opcodes.F2L;
          default -> Opcodes.F2D;
        };
        case DOUBLE -> switch (target) {
          case INT -> Opcodes.D2I;
          case LONG -> Opcodes.D2L;
          default -> Opcodes.D2F;
        };
        default -> throw new IllegalArgumentException("no conversion from " + from);
      });
    }
    switch (to) {
      case BYTE -> mv.visitInsn(Opcodes.I2B);
      case SHORT -> mv.visitInsn(Opcodes.I2S);
      case CHAR -> mv.visitInsn(Opcodes.I2C);
      default -> {
      }
    }
  }

  static void pushInt(MethodVisitor mv, int value) {
    if (value >= -1 && value <= 5) {
      mv.visitInsn(Opcodes.ICONST_0 + value);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      mv.visitIntInsn(Opcodes.BIPUSH, value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      mv.visitIntInsn(Opcodes.SIPUSH, value);
    } else {
      mv.visitLdcInsn(value);
    }
  }
}
