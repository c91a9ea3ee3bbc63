package dev.hotloop.codegen.kernel;

import java.util.List;

import dev.hotloop.analyzer.plan.Store;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Scalar code of a loop's stores: one iteration at a time, the stores in the loop's order, free
 * of per-element bounds checks. It is also the tail of the vector form.
 */
final class ScalarStoreEmitter implements LoopBodyEmitter {

  private final KernelFrame frame;
  private final List<Store> stores;

  ScalarStoreEmitter(KernelFrame frame, List<Store> stores) {
    this.frame = frame;
    this.stores = List.copyOf(stores);
  }

  String description() {
    return "scalar, stores in order";
  }

  @Override
  public void emit(MethodVisitor mv) {
    int i = frame.allocate(1);
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitVarInsn(Opcodes.ISTORE, i);
    emitInOrder(mv, frame, stores, i);
    mv.visitInsn(Opcodes.RETURN);
  }

  /**
   * {@code for (; i < to; i += stride) { stores }}, each store under its condition if it has
   * one.
   */
  static void emitInOrder(MethodVisitor mv, KernelFrame frame, List<Store> stores, int i) {
    emitInOrder(mv, frame, stores, i, frame.toSlot());
  }

  /**
   * As {@link #emitInOrder(MethodVisitor, KernelFrame, List, int)}, up to the local {@code end}.
   */
  static void emitInOrder(MethodVisitor mv, KernelFrame frame, List<Store> stores, int i,
      int end) {
    Label test = new Label();
    Label done = new Label();
    mv.visitLabel(test);
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitVarInsn(Opcodes.ILOAD, end);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    for (Store s : stores) {
      Label skip = null;
      if (s.when() != null) {
        Label store = new Label();
        skip = new Label();
        ScalarExpr.jumpIf(mv, frame, s.when(), i, 0, store);
        mv.visitJumpInsn(Opcodes.GOTO, skip);
        mv.visitLabel(store);
      }
      mv.visitVarInsn(Opcodes.ALOAD, frame.arraySlot(s.array()));
      mv.visitVarInsn(Opcodes.ILOAD, i);
      ScalarExpr.emit(mv, frame, s.value(), i, 0);
      mv.visitInsn(s.array().elementType().arrayStoreOpcode());
      if (skip != null) {
        mv.visitLabel(skip);
      }
    }
    mv.visitIincInsn(i, frame.stride());
    mv.visitJumpInsn(Opcodes.GOTO, test);
    mv.visitLabel(done);
  }
}
