package dev.hotloop.codegen.kernel;

import java.util.List;

import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Expr;
import dev.hotloop.analyzer.plan.Store;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Vector API code of a loop's stores: one vector of lanes per step, the stores in the loop's
 * order (each lane sees what the loop's iteration for its element saw, since every access is at
 * the lane's own index), a store under a condition written through a mask so that other lanes
 * are never written, and not at all where no lane's condition holds (four vectors tested at
 * once where the loop's one store is conditional, four steps per iteration elsewhere); then a
 * scalar tail. All stores run at one lane count, set by the widest type any of them computes
 * with.
 */
final class VectorStoreEmitter implements LoopBodyEmitter {

  private final KernelFrame frame;
  private final List<Store> stores;
  private final int lanes;
  private final VectorExpr vectors;
  private final ArrayPlacement placement;

  VectorStoreEmitter(KernelFrame frame, List<Store> stores, int bits, ArrayPlacement placement) {
    this.frame = frame;
    this.stores = List.copyOf(stores);
    this.placement = placement;
    this.lanes = lanes(stores, bits);
    this.vectors = new VectorExpr(frame, lanes);
  }

  /** The lane count of the stores at {@code bits}: as many lanes as the widest type fits. */
  static int lanes(List<Store> stores, int bits) {
    int widest = 8;
    for (Store s : stores) {
      widest = Math.max(widest, Math.max(s.array().elementType().bits(), widest(s.value())));
      if (s.when() != null) {
        widest = Math.max(widest, widest(s.when()));
      }
    }
    return Math.max(1, bits / widest);
  }

  private static int widest(Expr e) {
    // A condition has no lanes of its own: its operands' lanes count. An element of a byte,
    // short or char array is loaded at its own width but computes as an int lane, as in Java.
    int own = e instanceof Expr.Predicate ? 0
        : e instanceof Expr.ArrayElement a ? a.array().elementType().computational().bits()
        : e.type().bits();
    for (Expr operand : e.operands()) {
      own = Math.max(own, widest(operand));
    }
    return own;
  }

  /** Why the stores cannot be vectorized at {@code bits}, or null when they can. */
  static String whyNot(List<Store> stores, int bits) {
    int lanes = lanes(stores, bits);
    for (Store s : stores) {
      String why = VectorExpr.whyNotLanes(s.array().elementType(), lanes, bits);
      if (why == null) {
        why = VectorExpr.whyNot(s.value(), lanes, bits);
      }
      if (why == null && s.when() != null) {
        why = VectorExpr.whyNot(s.when(), lanes, bits);
      }
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  String description() {
    return "vector, " + lanes + " lanes per step, stores"
        + (skipsQuietSteps() ? "" : ", unrolled " + UNROLL_VECTORS + "x")
        + (peelsToLine() ? ", aligned on large arrays" : "");
  }

  /**
   * Vectors a step of the skipping loop tests at once ({@link #skipsQuietSteps}): steps with one
   * branch each ran in-place ReLU over non-negative floats at a third of the speed of a
   * hand-written kernel that blends and stores every vector, which the loop's memory effects
   * forbid (AMD EPYC, AVX-512, JDK 25: 565 against 192 ns for 10,000).
   */
  static final int SKIP_VECTORS = 4;

  /** Vector steps an iteration of the unrolled loop makes ({@link #unrolled}). */
  static final int UNROLL_VECTORS = 4;

  /** Vector steps a run must have at least for the unrolled loop to run. */
  static final int UNROLL_MIN_VECTORS = 16;

  /**
   * Whether the vector steps are preceded by a loop that tests {@link #SKIP_VECTORS} vectors'
   * conditions at once and steps over them together where no lane's condition holds: for a
   * loop whose one store is conditional, over adjacent elements. Nothing is stored while it
   * tests, so the conditions it computes ahead are those the steps would.
   */
  private boolean skipsQuietSteps() {
    return stores.size() == 1 && stores.get(0).when() != null && frame.stride() == 1;
  }

  /**
   * Whether the vector steps start where the first store's array starts a cache line, on arrays
   * the collector places at a known offset from one ({@link ArrayPlacement}): as C2's pre-loop
   * does for the loop's own code.
   */
  private boolean peelsToLine() {
    if (placement == null || frame.stride() != 1) {
      return false;
    }
    ElementType element = stores.get(0).array().elementType();
    return placement.fromLength(element) >= 0
        && placement.baseOffset(element) % (element.bits() / 8) == 0;
  }

  /**
   * On an array the collector places at a line's offset, the scalar steps up to the first
   * element that starts a line, then the vector steps start there: {@code from} is moved on.
   */
  private void peelToLine(MethodVisitor mv, int i) {
    if (!peelsToLine()) {
      return;
    }
    Store first = stores.get(0);
    ElementType element = first.array().elementType();
    int bytes = element.bits() / 8;
    int end = frame.allocate(1);
    Label whole = new Label();
    mv.visitVarInsn(Opcodes.ALOAD, frame.arraySlot(first.array()));
    mv.visitInsn(Opcodes.ARRAYLENGTH);
    ScalarExpr.pushInt(mv, placement.fromLength(element));
    mv.visitJumpInsn(Opcodes.IF_ICMPLT, whole);
    // end = min(to, i + ((LINE - (base + i * bytes) % LINE) % LINE) / bytes)
    ScalarExpr.pushInt(mv, ArrayPlacement.LINE_BYTES);
    mv.visitVarInsn(Opcodes.ILOAD, i);
    ScalarExpr.pushInt(mv, Integer.numberOfTrailingZeros(bytes));
    mv.visitInsn(Opcodes.ISHL);
    ScalarExpr.pushInt(mv, placement.baseOffset(element));
    mv.visitInsn(Opcodes.IADD);
    ScalarExpr.pushInt(mv, ArrayPlacement.LINE_BYTES - 1);
    mv.visitInsn(Opcodes.IAND);
    mv.visitInsn(Opcodes.ISUB);
    ScalarExpr.pushInt(mv, ArrayPlacement.LINE_BYTES - 1);
    mv.visitInsn(Opcodes.IAND);
    ScalarExpr.pushInt(mv, Integer.numberOfTrailingZeros(bytes));
    mv.visitInsn(Opcodes.IUSHR);
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitInsn(Opcodes.IADD);
    mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math", "min", "(II)I", false);
    mv.visitVarInsn(Opcodes.ISTORE, end);
    ScalarStoreEmitter.emitInOrder(mv, frame, stores, i, end);
    // The vector steps' bounds count from here.
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitVarInsn(Opcodes.ISTORE, frame.fromSlot());
    mv.visitLabel(whole);
  }

  @Override
  public void emit(MethodVisitor mv) {
    int i = frame.allocate(1);
    int upper = frame.allocate(1);
    int mask = frame.allocate(1);
    int limit = frame.allocate(1);
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitVarInsn(Opcodes.ISTORE, i);
    peelToLine(mv, i);
    // The start of the scalar tail.
    vectors.loopBound(mv, lanes, upper);

    Label test = new Label();
    Label done = new Label();
    Label quiet = null;
    if (skipsQuietSteps()) {
      // while (i < upper4) { if no lane of the next four vectors holds, i += 4 vectors; else
      // make those four vectors' steps }, then the steps up to upper.
      int upper4 = frame.allocate(1);
      vectors.loopBound(mv, SKIP_VECTORS * lanes, upper4);
      Store s = stores.get(0);
      ElementType element = s.array().elementType();
      quiet = new Label();
      Label busy = new Label();
      Label rest = new Label();
      mv.visitLabel(quiet);
      mv.visitVarInsn(Opcodes.ILOAD, i);
      mv.visitVarInsn(Opcodes.ILOAD, upper4);
      mv.visitJumpInsn(Opcodes.IF_ICMPGE, rest);
      vectors.emitMask(mv, s.when(), i, 0, element);
      for (int k = 1; k < SKIP_VECTORS; k++) {
        vectors.emitMask(mv, s.when(), i, k * lanes, element);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, VectorExpr.MASK, "or",
            "(L" + VectorExpr.MASK + ";)L" + VectorExpr.MASK + ";", false);
      }
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, VectorExpr.MASK, "anyTrue", "()Z", false);
      mv.visitJumpInsn(Opcodes.IFNE, busy);
      mv.visitIincInsn(i, SKIP_VECTORS * lanes);
      mv.visitJumpInsn(Opcodes.GOTO, quiet);
      mv.visitLabel(busy);
      mv.visitVarInsn(Opcodes.ILOAD, i);
      ScalarExpr.pushInt(mv, SKIP_VECTORS * lanes);
      mv.visitInsn(Opcodes.IADD);
      mv.visitVarInsn(Opcodes.ISTORE, limit);
      mv.visitJumpInsn(Opcodes.GOTO, test);
      mv.visitLabel(rest);
    } else {
      unrolled(mv, i, mask);
    }
    mv.visitVarInsn(Opcodes.ILOAD, upper);
    mv.visitVarInsn(Opcodes.ISTORE, limit);
    mv.visitLabel(test);
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitVarInsn(Opcodes.ILOAD, limit);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    step(mv, i, 0, mask);
    mv.visitIincInsn(i, lanes * frame.stride());
    mv.visitJumpInsn(Opcodes.GOTO, test);
    mv.visitLabel(done);
    if (quiet != null) {
      // Four busy vectors done: back to testing four at a time, which ends at upper4 and then
      // sets the limit to upper; past upper, on to the tail.
      mv.visitVarInsn(Opcodes.ILOAD, i);
      mv.visitVarInsn(Opcodes.ILOAD, upper);
      mv.visitJumpInsn(Opcodes.IF_ICMPLT, quiet);
    }

    ScalarStoreEmitter.emitInOrder(mv, frame, stores, i);
    mv.visitInsn(Opcodes.RETURN);
  }

  /**
   * The loop of {@link #UNROLL_VECTORS} vector steps at once, ahead of the one-vector loop, on
   * runs of {@link #UNROLL_MIN_VECTORS} steps or more: each step as the one-vector loop makes
   * it, in the loop's order, so that the stores are the same. C2 unrolls the one-vector loop of
   * a hand-written kernel four times, but left the kernel's alone (JDK 17, {@code out[i] =
   * alpha * x[i] + y[i]} over floats: one 16-lane step per iteration, {@code PrintAssembly}),
   * and at 1,000,000 elements the kernel took 0.17 ns per element to C2's 0.126; with {@code
   * -XX:LoopUnrollLimit=240}, which let C2 unroll it, 0.121. On short runs the unrolled loop
   * cost more than it saved (ReLU into a separate output over 100 floats: 8.8 ns a call
   * without it, 15.9 with it).
   */
  private void unrolled(MethodVisitor mv, int i, int mask) {
    int upperUnrolled = frame.allocate(1);
    vectors.loopBound(mv, UNROLL_VECTORS * lanes, upperUnrolled);
    Label test = new Label();
    Label done = new Label();
    mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitInsn(Opcodes.ISUB);
    ScalarExpr.pushInt(mv, UNROLL_MIN_VECTORS * lanes * frame.stride());
    mv.visitJumpInsn(Opcodes.IF_ICMPLT, done);
    mv.visitLabel(test);
    mv.visitVarInsn(Opcodes.ILOAD, i);
    mv.visitVarInsn(Opcodes.ILOAD, upperUnrolled);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    int span = lanes * frame.stride();
    for (int k = 0; k < UNROLL_VECTORS; k++) {
      step(mv, i, k * span, mask);
    }
    mv.visitIincInsn(i, UNROLL_VECTORS * span);
    mv.visitJumpInsn(Opcodes.GOTO, test);
    mv.visitLabel(done);
  }

  /** The stores of one vector step, for the lanes from {@code i + offset}. */
  private void step(MethodVisitor mv, int i, int offset, int mask) {
    for (Store s : stores) {
      ElementType element = s.array().elementType();
      Label skip = null;
      if (s.when() != null) {
        vectors.emitMask(mv, s.when(), i, offset, element);
        mv.visitVarInsn(Opcodes.ASTORE, mask);
        // A step where the condition holds in no lane writes nothing: skipping it spares the
        // masked store, slow without AVX-512's mask registers (in-place ReLU with no lane set,
        // this 2-core AMD EPYC: 2.5 against 0.7 ns per element on JDK 17, 0.84 against 0.17 on
        // JDK 25). Only the loop's reads are skipped with it, and they have no effect.
        skip = new Label();
        mv.visitVarInsn(Opcodes.ALOAD, mask);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, VectorExpr.MASK, "anyTrue", "()Z", false);
        mv.visitJumpInsn(Opcodes.IFEQ, skip);
        // The store's mask is computed again, past the test: the one tested then has no use but
        // the test. JDK 17 runs a partly set masked store as Java code, which needs the mask as
        // an object, and C2 then allocates that mask where it is computed, on every step: once
        // the store had run at warm-up, steps that store nothing ran 4.5x slower (in-place ReLU
        // over non-negative floats, 2,139 against 474 ns for 10,000 on AVX-512). Nothing is stored
        // between the two, so they give the same lanes.
        vectors.emitMask(mv, s.when(), i, offset, element);
        mv.visitVarInsn(Opcodes.ASTORE, mask);
      }
      ElementType type = vectors.emit(mv, s.value(), i, offset);
      vectors.store(mv, type, element, frame.arraySlot(s.array()), i, offset,
          s.when() != null, mask);
      if (skip != null) {
        mv.visitLabel(skip);
      }
    }
  }
}
