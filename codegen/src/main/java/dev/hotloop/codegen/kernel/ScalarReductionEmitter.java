package dev.hotloop.codegen.kernel;

import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Identities;
import dev.hotloop.analyzer.plan.Reduction;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Scalar kernel code. Where the reduction may be reordered it keeps four partial results over an
 * unrolled body, which breaks the dependency chain of one accumulator; otherwise it folds in
 * Java's left-to-right order, unboxed and free of per-element bounds checks.
 */
final class ScalarReductionEmitter implements LoopBodyEmitter {

  private static final int UNROLL = 4;

  private final KernelFrame frame;
  private final Reduction reduction;
  private final boolean reorderable;

  ScalarReductionEmitter(KernelFrame frame, Reduction reduction, boolean reorderable) {
    this.frame = frame;
    this.reduction = reduction;
    this.reorderable = reorderable;
  }

  String description() {
    return reorderable
        ? "scalar, " + UNROLL + " partial results"
        : "scalar, in order";
  }

  @Override
  public void emit(MethodVisitor mv) {
    ElementType acc = frame.accumulatorType();
    Type accType = acc.type();
    int load = accType.getOpcode(Opcodes.ILOAD);
    int store = accType.getOpcode(Opcodes.ISTORE);
    int i = frame.allocate(1);
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitVarInsn(Opcodes.ISTORE, i);

    if (reorderable) {
      int[] partial = new int[UNROLL];
      for (int k = 0; k < UNROLL; k++) {
        partial[k] = frame.allocate(accType.getSize());
        ScalarExpr.pushConstant(mv, Identities.of(reduction.operator(), acc), acc);
        mv.visitVarInsn(store, partial[k]);
      }
      int upper = frame.allocate(1);
      int stride = frame.stride();
      // upper = to - (UNROLL - 1) * stride: i < upper means the last index of the step is below
      // to; to >= 0 and stride <= 64, so no overflow.
      mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
      ScalarExpr.pushInt(mv, (UNROLL - 1) * stride);
      mv.visitInsn(Opcodes.ISUB);
      mv.visitVarInsn(Opcodes.ISTORE, upper);
      Label test = new Label();
      Label done = new Label();
      mv.visitLabel(test);
      mv.visitVarInsn(Opcodes.ILOAD, i);
      mv.visitVarInsn(Opcodes.ILOAD, upper);
      mv.visitJumpInsn(Opcodes.IF_ICMPGE, done);
      for (int k = 0; k < UNROLL; k++) {
        mv.visitVarInsn(load, partial[k]);
        ScalarExpr.emit(mv, frame, reduction.value(), i, k * stride);
        ScalarExpr.fold(mv, reduction.operator(), acc);
        mv.visitVarInsn(store, partial[k]);
      }
      mv.visitIincInsn(i, UNROLL * stride);
      mv.visitJumpInsn(Opcodes.GOTO, test);
      mv.visitLabel(done);
      // acc = acc op ((p0 op p1) op (p2 op p3))
      mv.visitVarInsn(load, frame.accSlot());
      mv.visitVarInsn(load, partial[0]);
      mv.visitVarInsn(load, partial[1]);
      ScalarExpr.fold(mv, reduction.operator(), acc);
      mv.visitVarInsn(load, partial[2]);
      mv.visitVarInsn(load, partial[3]);
      ScalarExpr.fold(mv, reduction.operator(), acc);
      ScalarExpr.fold(mv, reduction.operator(), acc);
      ScalarExpr.fold(mv, reduction.operator(), acc);
      mv.visitVarInsn(store, frame.accSlot());
    }
    emitInOrder(mv, frame, reduction, i);
    mv.visitVarInsn(load, frame.accSlot());
    mv.visitInsn(accType.getOpcode(Opcodes.IRETURN));
  }

  /** {@code for (; i < to; i += stride) acc = acc op value(i);} in Java's order. */
  static void emitInOrder(MethodVisitor mv, KernelFrame frame, Reduction reduction, int i) {
    Type accType = frame.accumulatorType().type();
    Label test = new Label();
    Label done = new Label();
    mv.visitLabel(test);
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    mv.visitVarInsn(accType.getOpcode(Opcodes.ILOAD), frame.accSlot());
    ScalarExpr.emit(mv, frame, reduction.value(), i, 0);
    ScalarExpr.fold(mv, reduction.operator(), frame.accumulatorType());
    mv.visitVarInsn(accType.getOpcode(Opcodes.ISTORE), frame.accSlot());
    mv.visitIincInsn(i, frame.stride());
    mv.visitJumpInsn(Opcodes.GOTO, test);
    mv.visitLabel(done);
  }
}
