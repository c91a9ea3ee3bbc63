package dev.hotloop.codegen.kernel;

import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Expr;
import dev.hotloop.analyzer.plan.Identities;
import dev.hotloop.analyzer.plan.Reduction;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Vector API code of a reduction, in the shape of Lucene's hand-written kernels: four vector
 * partial sums over an unrolled main loop, a one-vector loop, the reduction across lanes, then a
 * scalar tail. Every node of the expression runs at the accumulator's lane count.
 */
final class VectorReductionEmitter implements LoopBodyEmitter {

  private static final int UNROLL = 4;

  private final KernelFrame frame;
  private final Reduction reduction;
  private final int lanes;
  private final VectorExpr vectors;

  /** The product each step adds with one rounding, or null: see {@link #fusedProduct}. */
  private final Expr.Binary fused;

  VectorReductionEmitter(KernelFrame frame, Reduction reduction, int bits, boolean fastmath) {
    this.frame = frame;
    this.reduction = reduction;
    this.lanes = bits / reduction.accumulator().type().bits();
    this.vectors = new VectorExpr(frame, lanes);
    this.fused = fastmath ? fusedProduct(reduction) : null;
  }

  /**
   * The product of a floating-point sum of products ({@code s += a[i] * b[i]}, the product of
   * the accumulator's type), which {@code fastmath} lets each step add to its partial sum with
   * one rounding ({@code FMA}), as Numba's {@code fastmath=True} contracts it; null for any other
   * reduction.
   */
  private static Expr.Binary fusedProduct(Reduction reduction) {
    ElementType acc = reduction.accumulator().type();
    if (reduction.operator() == Reduction.Operator.ADD
        && (acc == ElementType.FLOAT || acc == ElementType.DOUBLE)
        && reduction.value() instanceof Expr.Binary b && b.operator() == Expr.Operator.MUL
        && b.type() == acc) {
      return b;
    }
    return null;
  }

  /** Why the reduction cannot be vectorized at {@code bits}, or null when it can. */
  static String whyNot(Reduction reduction, int bits) {
    int lanes = bits / reduction.accumulator().type().bits();
    return VectorExpr.whyNot(reduction.value(), lanes, bits);
  }

  String description() {
    ElementType acc = frame.accumulatorType();
    return "vector, " + acc.vectorPrefix() + "Vector x " + lanes + " lanes ("
        + lanes * acc.bits() + "-bit), " + UNROLL + " partial results"
        + (fused != null ? ", fused multiply-add" : "");
  }

  @Override
  public void emit(MethodVisitor mv) {
    ElementType acc = frame.accumulatorType();
    String accVector = VectorExpr.vectorClass(acc);
    int i = frame.allocate(1);
    int[] partial = new int[UNROLL];
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitVarInsn(Opcodes.ISTORE, i);
    Reduction.Operator op = reduction.operator();
    for (int k = 0; k < UNROLL; k++) {
      partial[k] = frame.allocate(1);
      vectors.broadcast(mv, Identities.of(op, acc), acc);
      mv.visitVarInsn(Opcodes.ASTORE, partial[k]);
    }
    int upperUnrolled = frame.allocate(1);
    int upperOne = frame.allocate(1);
    // Lanes of one vector are stride apart in the arrays.
    int span = lanes * frame.stride();
    vectors.loopBound(mv, UNROLL * lanes, upperUnrolled);
    vectors.loopBound(mv, lanes, upperOne);

    // Main loop: UNROLL vectors per step into independent partial sums.
    Label test = new Label();
    Label done = new Label();
    mv.visitLabel(test);
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitVarInsn(Opcodes.ILOAD, upperUnrolled);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    for (int k = 0; k < UNROLL; k++) {
      step(mv, partial[k], i, k * span);
    }
    mv.visitIincInsn(i, UNROLL * span);
    mv.visitJumpInsn(Opcodes.GOTO, test);
    mv.visitLabel(done);

    // One vector at a time.
    Label testOne = new Label();
    Label doneOne = new Label();
    mv.visitLabel(testOne);
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitVarInsn(Opcodes.ILOAD, upperOne);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, doneOne);
    step(mv, partial[0], i, 0);
    mv.visitIincInsn(i, span);
    mv.visitJumpInsn(Opcodes.GOTO, testOne);
    mv.visitLabel(doneOne);

    // acc = acc op ((p0 op p1) op (p2 op p3)).reduceLanes(op)
    Type accType = acc.type();
    mv.visitVarInsn(accType.getOpcode(Opcodes.ILOAD), frame.accSlot());
    mv.visitVarInsn(Opcodes.ALOAD, partial[0]);
    mv.visitVarInsn(Opcodes.ALOAD, partial[1]);
    VectorExpr.lanewise(mv, op.asBinary(), acc);
    mv.visitVarInsn(Opcodes.ALOAD, partial[2]);
    mv.visitVarInsn(Opcodes.ALOAD, partial[3]);
    VectorExpr.lanewise(mv, op.asBinary(), acc);
    VectorExpr.lanewise(mv, op.asBinary(), acc);
    mv.visitFieldInsn(Opcodes.GETSTATIC, VectorExpr.OPERATORS,
        VectorExpr.operatorField(op.asBinary()), "L" + VectorExpr.OPERATORS + "$Associative;");
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, accVector, "reduceLanes",
        "(L" + VectorExpr.OPERATORS + "$Associative;)" + accType.getDescriptor(), false);
    ScalarExpr.fold(mv, op, acc);
    mv.visitVarInsn(accType.getOpcode(Opcodes.ISTORE), frame.accSlot());

    // Scalar tail.
    ScalarReductionEmitter.emitInOrder(mv, frame, reduction, i);
    mv.visitVarInsn(accType.getOpcode(Opcodes.ILOAD), frame.accSlot());
    mv.visitInsn(accType.getOpcode(Opcodes.IRETURN));
  }

  /** {@code partial = partial op value(i + offset ..)}, or {@code fma(x, y, partial)}. */
  private void step(MethodVisitor mv, int partial, int i, int offset) {
    ElementType acc = frame.accumulatorType();
    if (fused != null) {
      vectors.emitFma(mv, fused.left(), fused.right(), partial, i, offset, acc);
    } else {
      mv.visitVarInsn(Opcodes.ALOAD, partial);
      vectors.emit(mv, reduction.value(), i, offset);
      VectorExpr.lanewise(mv, reduction.operator().asBinary(), acc);
    }
    mv.visitVarInsn(Opcodes.ASTORE, partial);
  }
}
