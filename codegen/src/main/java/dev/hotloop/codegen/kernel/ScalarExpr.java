package dev.hotloop.codegen.kernel;

import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Expr;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Emits the scalar code of one lane of an expression: the value at index {@code i + offset}. */
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
    } else if (expr instanceof Expr.Widen w) {
      emit(mv, frame, w.operand(), indexSlot, offset);
      mv.visitInsn(widenOpcode(w.operand().type(), w.type()));
    } else {
      throw new IllegalArgumentException("no scalar form for " + expr);
    }
  }

  static int widenOpcode(ElementType from, ElementType to) {
    if (from == ElementType.INT && to == ElementType.LONG) {
      return Opcodes.I2L;
    } else if (from == ElementType.FLOAT && to == ElementType.DOUBLE) {
      return Opcodes.F2D;
    }
    throw new IllegalArgumentException("no widening from " + from + " to " + to);
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

  static int addOpcode(ElementType type) {
    return switch (type) {
      case LONG -> Opcodes.LADD;
      case FLOAT -> Opcodes.FADD;
      case DOUBLE -> Opcodes.DADD;
      default -> Opcodes.IADD;
    };
  }
}
