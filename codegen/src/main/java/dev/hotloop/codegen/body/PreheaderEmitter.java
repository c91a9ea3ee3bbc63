package dev.hotloop.codegen.body;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import dev.hotloop.analyzer.plan.Accumulator;
import dev.hotloop.analyzer.plan.ArrayInput;
import dev.hotloop.analyzer.plan.Bound;
import dev.hotloop.analyzer.plan.DistinctArrays;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.analyzer.plan.Reduction;
import dev.hotloop.analyzer.plan.ScalarInput;
import dev.hotloop.analyzer.plan.Source;
import dev.hotloop.codegen.kernel.Kernel;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Emits the code that runs on entry to one loop, in a new block that every entry edge of the loop
 * now reaches (the back edge still goes straight to the loop test).
 *
 * <p>Profiling: count the entry and the trip count, then run the loop. Accelerated: the guards
 * (arrays non-null, the whole index range inside every array, arrays that must differ not the
 * same object, a boxed accumulator non-null), then the kernel's passes (each reduction, then
 * the stores), the accumulators and counter set to their values after the loop, and a jump
 * past the loop; when any guard fails, the original loop runs unchanged. Every new jump target
 * carries a copy of the loop header's stack map frame: the state is the same there, since the
 * code only stores values of the types the frame already names.
 *
 * <p>An accelerated loop is timed on a sample of its runs long enough to time (see the
 * runtime's {@code Probes}): the probe before the kernel returns a clock reading, or a negated
 * one that sends the run to the original loop so the two can be compared; shorter runs only
 * count, on a path with no call. The reading lives in a new {@code long} local,
 * and the original loop's exits pass through a probe that reads it: so the loop's frames, from
 * its header to that probe, name the new local too.
 */
final class PreheaderEmitter {

  private final MethodNode method;
  private final LoopPlan plan;
  private final LoopRewrite rewrite;
  private final LabelNode header;
  private final FrameNode headerFrame;
  private final AbstractInsnNode exitInsn;
  private LabelNode exit;
  /** The local holding the timing probe's clock reading, in an accelerated loop. */
  private int stampSlot = -1;
  private final List<AbstractInsnNode> loopInsns;
  private final SourceEmitter sources;

  private PreheaderEmitter(MethodNode method, LoopPlan plan, LoopRewrite rewrite,
      LabelNode header, FrameNode headerFrame, AbstractInsnNode exitInsn,
      List<AbstractInsnNode> loopInsns) {
    this.method = method;
    this.plan = plan;
    this.rewrite = rewrite;
    this.header = header;
    this.headerFrame = headerFrame;
    this.exitInsn = exitInsn;
    this.loopInsns = loopInsns;
    this.sources = new SourceEmitter((method.access & Opcodes.ACC_STATIC) == 0);
  }

  static PreheaderEmitter resolve(MethodNode method, LoopPlan plan, LoopRewrite rewrite) {
    InsnList insns = method.instructions;
    if (!(insns.get(plan.headerInsn()) instanceof LabelNode header)) {
      throw new CodegenException("the loop test of " + plan.site() + " is not a jump target");
    }
    AbstractInsnNode exit = insns.get(plan.exitInsn());
    FrameNode frame = frameAfter(header);
    if (frame != null && frame.type != Opcodes.F_NEW) {
      throw new CodegenException("frames of " + method.name + " were not read expanded");
    }
    if (frame == null && hasFrames(method)) {
      throw new CodegenException("the loop test of " + plan.site() + " has no stack map frame");
    }
    List<AbstractInsnNode> loopInsns = new ArrayList<>();
    for (int i = plan.bodyInsns().nextSetBit(0); i >= 0; i = plan.bodyInsns().nextSetBit(i + 1)) {
      loopInsns.add(insns.get(i));
    }
    return new PreheaderEmitter(method, plan, rewrite, header, frame, exit, loopInsns);
  }

  /** The stack map frame of the instruction that follows {@code label}, or null. */
  private static FrameNode frameAfter(LabelNode label) {
    for (AbstractInsnNode n = label.getNext(); n != null && n.getOpcode() < 0; n = n.getNext()) {
      if (n instanceof FrameNode f) {
        return f;
      }
    }
    return null;
  }

  private static boolean hasFrames(MethodNode method) {
    for (AbstractInsnNode n : method.instructions) {
      if (n instanceof FrameNode) {
        return true;
      }
    }
    return false;
  }

  /** Inserts the preheader; returns the operand stack depth its code needs. */
  int insert() {
    InsnList insns = method.instructions;
    // Where the loop test falls through to the exit (a loop entered by a jump to its test, as
    // Kotlin and others compile them) the exit becomes a jump target, in the header's state:
    // only the test ran since the header, and it stores nothing.
    if (exitInsn instanceof LabelNode label) {
      exit = label;
    } else {
      exit = new LabelNode();
      insns.insertBefore(exitInsn, exit);
    }
    if (headerFrame != null && frameAfter(exit) == null) {
      InsnList frame = new InsnList();
      addFrame(frame);
      insns.insert(exit, frame);
    }
    LabelNode preheader = new LabelNode();
    // Entry edges now go to the preheader; the back edge (from inside the loop) stays.
    Set<AbstractInsnNode> inside = Collections.newSetFromMap(new IdentityHashMap<>());
    inside.addAll(loopInsns);
    for (AbstractInsnNode n : insns) {
      if (!inside.contains(n)) {
        retarget(n, header, preheader);
      }
    }
    InsnList code = new InsnList();
    AbstractInsnNode before = realPrevious(header);
    if (before != null && inside.contains(before) && fallsThrough(before)) {
      // The loop's own code falls into its test: keep that path away from the preheader.
      code.add(new JumpInsnNode(Opcodes.GOTO, header));
    }
    code.add(preheader);
    addFrame(code);
    if (plan.site().line() >= 0) {
      // The preheader belongs to the loop statement, not to the statement before it.
      code.add(new LineNumberNode(plan.site().line(), preheader));
    }
    int stack;
    if (rewrite instanceof LoopRewrite.Accelerate a) {
      stampSlot = method.maxLocals;
      method.maxLocals += 2;
      stack = emitAccelerated(code, a);
      insertExitProbe(inside);
      addStampToLoopFrames(inside);
    } else {
      stack = emitProfile(code);
    }
    insns.insertBefore(header, code);
    return stack;
  }

  /**
   * Sends the original loop's exits through a probe that ends its timed runs; the kernel's
   * jump to the exit passes it by.
   */
  private void insertExitProbe(Set<AbstractInsnNode> inside) {
    InsnList insns = method.instructions;
    LabelNode loopExit = new LabelNode();
    for (AbstractInsnNode n : inside) {
      retarget(n, exit, loopExit);
    }
    InsnList probe = new InsnList();
    AbstractInsnNode before = realPrevious(exit);
    if (before != null && !inside.contains(before) && fallsThrough(before)) {
      // Code outside the loop falls into its exit: it must not run the loop's exit probe.
      probe.add(new JumpInsnNode(Opcodes.GOTO, exit));
    }
    probe.add(loopExit);
    FrameNode exitFrame = frameAfter(exit);
    if (headerFrame != null) {
      probe.add(withStamp(exitFrame != null ? exitFrame : headerFrame));
    }
    // As after the kernel: an untimed run (stamp 0) ends without a call.
    LabelNode ended = exitFrame != null ? exit : new LabelNode();
    probe.add(new VarInsnNode(Opcodes.LLOAD, stampSlot));
    probe.add(new InsnNode(Opcodes.LCONST_0));
    probe.add(new InsnNode(Opcodes.LCMP));
    probe.add(new JumpInsnNode(Opcodes.IFEQ, ended));
    probe.add(new LdcInsnNode(rewrite.loopId()));
    probe.add(new VarInsnNode(Opcodes.LLOAD, stampSlot));
    probe.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeContract.PROBES,
        RuntimeContract.LOOP_EXIT, RuntimeContract.LOOP_EXIT_DESC, false));
    if (ended != exit) {
      // The exit has no frame of its own (the loop fell into it): this one is the exit's.
      probe.add(ended);
      if (headerFrame != null) {
        probe.add(withStamp(headerFrame));
      }
    }
    insns.insertBefore(exit, probe);
  }

  /**
   * Names the clock reading's local in every frame of the loop, so that it still holds the
   * reading when the loop exits: a frame belongs to the loop when the next instruction does.
   */
  private void addStampToLoopFrames(Set<AbstractInsnNode> inside) {
    for (AbstractInsnNode n : method.instructions) {
      if (n instanceof FrameNode f && inside.contains(nextReal(f))) {
        FrameNode stamped = withStamp(f);
        f.local = stamped.local;
      }
    }
  }

  /** A copy of {@code frame} in which the clock reading's local holds a {@code long}. */
  private FrameNode withStamp(FrameNode frame) {
    List<Object> locals = new ArrayList<>();
    int slots = 0;
    for (Object type : frame.local) {
      if (slots >= stampSlot) {
        break;
      }
      locals.add(type);
      slots += type == Opcodes.LONG || type == Opcodes.DOUBLE ? 2 : 1;
    }
    while (slots < stampSlot) {
      locals.add(Opcodes.TOP);
      slots++;
    }
    locals.add(Opcodes.LONG);
    return new FrameNode(Opcodes.F_NEW, locals.size(), locals.toArray(),
        frame.stack.size(), frame.stack.toArray());
  }

  private static AbstractInsnNode nextReal(AbstractInsnNode node) {
    AbstractInsnNode n = node.getNext();
    while (n != null && n.getOpcode() < 0) {
      n = n.getNext();
    }
    return n;
  }

  private int emitProfile(InsnList code) {
    // A probe must never throw: where reading the bound could, an entry goes uncounted.
    sources.guard(code, boundSource(), header);
    code.add(new LdcInsnNode(rewrite.loopId()));
    if (plan.bound() instanceof Bound.ArrayLength len && !plan.descending()) {
      code.add(new VarInsnNode(Opcodes.ILOAD, plan.inductionSlot()));
      // Null-safe in the runtime. The count ignores the offset.
      loadArray(code, len.array());
      code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeContract.PROBES,
          RuntimeContract.LOOP_OVER, RuntimeContract.loopOverDescriptor(
              len.array().elementType()), false));
    } else {
      loadFrom(code);
      loadTo(code);
      code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeContract.PROBES,
          RuntimeContract.LOOP, RuntimeContract.LOOP_DESC, false));
    }
    // The loop id, from, and to counting down (i + 1); guards of a row's source push three.
    return 4;
  }

  private int emitAccelerated(InsnList code, LoopRewrite.Accelerate accelerate) {
    Kernel kernel = accelerate.kernel();
    LabelNode shadow = new LabelNode();
    // Every way into the loop from here carries a clock reading, 0 where the run is not timed.
    code.add(new InsnNode(Opcodes.LCONST_0));
    code.add(new VarInsnNode(Opcodes.LSTORE, stampSlot));

    // Guards: any failure runs the original loop, which then behaves exactly as before. Null
    // checks come first, so that nothing here can throw: every exception comes from the loop.
    for (ArrayInput a : plan.arrays()) {
      sources.guard(code, a.source(), shadow);
      loadArray(code, a);
      code.add(new JumpInsnNode(Opcodes.IFNULL, shadow));
    }
    for (ScalarInput s : plan.scalars()) {
      sources.guard(code, s.source(), shadow);
    }
    sources.guard(code, boundSource(), shadow);
    int stride = plan.stride();
    if (plan.descending() && stride > 1) {
      // Before the first index is computed from the counter and the bound: a counter already
      // below the bound is an empty range, and a negative bound is for the original loop.
      code.add(new VarInsnNode(Opcodes.ILOAD, plan.inductionSlot()));
      loadBound(code);
      code.add(new JumpInsnNode(Opcodes.IF_ICMPLT, header));
      loadBound(code);
      code.add(new JumpInsnNode(Opcodes.IFLT, shadow));
    } else if (stride > 1) {
      // The counter's last step must not wrap, as it would in the original loop.
      loadTo(code);
      code.add(new LdcInsnNode(Integer.MAX_VALUE - stride));
      code.add(new JumpInsnNode(Opcodes.IF_ICMPGT, shadow));
    }
    // An empty range runs the original loop, which exits at once and touches nothing (a boxed
    // accumulator keeps its very object).
    loadFrom(code);
    loadTo(code);
    code.add(new JumpInsnNode(Opcodes.IF_ICMPGE, header));
    loadFrom(code);
    code.add(new JumpInsnNode(Opcodes.IFLT, shadow));
    for (ArrayInput a : plan.arrays()) {
      loadTo(code);
      loadArray(code, a);
      code.add(new InsnNode(Opcodes.ARRAYLENGTH));
      code.add(new JumpInsnNode(Opcodes.IF_ICMPGT, shadow));
    }
    for (DistinctArrays d : plan.distinct()) {
      loadArray(code, d.first());
      loadArray(code, d.second());
      code.add(new JumpInsnNode(Opcodes.IF_ACMPEQ, shadow));
    }
    for (Reduction r : plan.reductions()) {
      if (r.accumulator().isBoxed()) {
        code.add(new VarInsnNode(Opcodes.ALOAD, r.accumulator().slot()));
        code.add(new JumpInsnNode(Opcodes.IFNULL, shadow));
      }
    }

    // A run too short to time is only counted: its own branch, which C2 profiles at this site
    // alone, so that where every run is short the timed path below is never compiled in.
    LabelNode timed = new LabelNode();
    LabelNode run = new LabelNode();
    loadTo(code);
    loadFrom(code);
    code.add(new InsnNode(Opcodes.ISUB));
    code.add(new LdcInsnNode(accelerate.timedFrom()));
    code.add(new JumpInsnNode(Opcodes.IF_ICMPGE, timed));
    code.add(new FieldInsnNode(Opcodes.GETSTATIC, kernel.className(),
        RuntimeContract.COUNTERS_FIELD, RuntimeContract.LOOP_COUNTERS_DESC));
    loadFrom(code);
    loadTo(code);
    code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeContract.PROBES,
        RuntimeContract.KERNEL_UNTIMED, RuntimeContract.KERNEL_UNTIMED_DESC, false));
    code.add(new JumpInsnNode(Opcodes.GOTO, run));

    code.add(timed);
    addStampedFrame(code);
    code.add(new FieldInsnNode(Opcodes.GETSTATIC, kernel.className(),
        RuntimeContract.COUNTERS_FIELD, RuntimeContract.LOOP_COUNTERS_DESC));
    code.add(new LdcInsnNode(rewrite.loopId()));
    loadFrom(code);
    loadTo(code);
    code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeContract.PROBES,
        RuntimeContract.KERNEL, RuntimeContract.KERNEL_DESC, false));
    code.add(new VarInsnNode(Opcodes.LSTORE, stampSlot));
    // A negative reading: this run goes to the original loop, timed, to compare it with the
    // kernel. Nothing has changed yet, so the loop starts as it would have.
    code.add(new VarInsnNode(Opcodes.LLOAD, stampSlot));
    code.add(new InsnNode(Opcodes.LCONST_0));
    code.add(new InsnNode(Opcodes.LCMP));
    code.add(new JumpInsnNode(Opcodes.IFLT, header));
    code.add(run);
    addStampedFrame(code);

    // accK = Kernel.runK(arrays..., scalars..., i, bound, accK), for each reduction K: they are
    // independent of one another, so one pass each gives what the loop's one pass gives.
    int maxAcc = 1;
    for (int k = 0; k < plan.reductions().size(); k++) {
      Accumulator acc = plan.reductions().get(k).accumulator();
      Type accType = acc.type().type();
      maxAcc = Math.max(maxAcc, accType.getSize());
      loadInputs(code);
      loadFrom(code);
      loadTo(code);
      if (acc.isBoxed()) {
        code.add(new VarInsnNode(Opcodes.ALOAD, acc.slot()));
        code.add(new MethodInsnNode(Opcodes.INVOKEVIRTUAL, acc.boxing().wrapper(),
            acc.boxing().unboxMethod(), "()" + accType.getDescriptor(), false));
      } else {
        code.add(new VarInsnNode(accType.getOpcode(Opcodes.ILOAD), acc.slot()));
      }
      code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, kernel.className(), Kernel.runMethod(k),
          kernel.runDescriptors().get(k), false));
      if (acc.isBoxed()) {
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, acc.boxing().wrapper(), "valueOf",
            acc.boxing().valueOfDescriptor(), false));
        code.add(new VarInsnNode(Opcodes.ASTORE, acc.slot()));
      } else {
        code.add(new VarInsnNode(accType.getOpcode(Opcodes.ISTORE), acc.slot()));
      }
    }
    if (!plan.stores().isEmpty()) {
      // Then the stores, in one pass: Kernel.runR(arrays..., scalars..., i, bound).
      int pass = plan.reductions().size();
      loadInputs(code);
      loadFrom(code);
      loadTo(code);
      code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, kernel.className(),
          Kernel.runMethod(pass), kernel.runDescriptors().get(pass), false));
    }
    // Only a timed run calls out when it ends. C2 inlines what it meets first and may stop at
    // its node budget after the kernel's vector code: measured, the probe after the kernel was
    // then a call per row of a long matrix-vector product, and around it every register went to
    // the stack (1.3x the hand-written kernel's time). Behind this test, never taken where no
    // run is timed, C2 leaves the call out of the compiled loop.
    LabelNode ended = new LabelNode();
    code.add(new VarInsnNode(Opcodes.LLOAD, stampSlot));
    code.add(new InsnNode(Opcodes.LCONST_0));
    code.add(new InsnNode(Opcodes.LCMP));
    code.add(new JumpInsnNode(Opcodes.IFEQ, ended));
    code.add(new LdcInsnNode(rewrite.loopId()));
    code.add(new VarInsnNode(Opcodes.LLOAD, stampSlot));
    code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeContract.PROBES,
        RuntimeContract.KERNEL_END, RuntimeContract.KERNEL_END_DESC, false));
    code.add(ended);
    addStampedFrame(code);
    // The counter leaves the (non-empty) loop where the original's would: at the bound counting
    // up, one step below the first index counting down; stepping by more than one, up, at the
    // first index the step reaches at or past the bound.
    if (plan.descending()) {
      loadFrom(code);
      code.add(new LdcInsnNode(stride));
      code.add(new InsnNode(Opcodes.ISUB));
    } else if (stride > 1) {
      // from + (to - from + stride - 1) / stride * stride; the guard above keeps it from wrapping.
      loadFrom(code);
      loadTo(code);
      loadFrom(code);
      code.add(new InsnNode(Opcodes.ISUB));
      code.add(new LdcInsnNode(stride - 1));
      code.add(new InsnNode(Opcodes.IADD));
      code.add(new LdcInsnNode(stride));
      code.add(new InsnNode(Opcodes.IDIV));
      code.add(new LdcInsnNode(stride));
      code.add(new InsnNode(Opcodes.IMUL));
      code.add(new InsnNode(Opcodes.IADD));
    } else {
      loadTo(code);
    }
    code.add(new VarInsnNode(Opcodes.ISTORE, plan.inductionSlot()));
    code.add(new JumpInsnNode(Opcodes.GOTO, exit));

    code.add(shadow);
    addFrame(code);
    code.add(new LdcInsnNode(rewrite.loopId()));
    code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeContract.PROBES,
        RuntimeContract.SHADOW, RuntimeContract.SHADOW_DESC, false));
    code.add(new VarInsnNode(Opcodes.LSTORE, stampSlot));
    int scalars = plan.scalars().stream().mapToInt(x -> x.type().type().getSize()).sum();
    // The inputs, from and to (to counting down is i + 1), the accumulator; a source of a row
    // pushes its array and index before the element: a margin for those.
    return plan.arrays().size() + scalars + 3 + maxAcc + 2;
  }

  /**
   * Pushes the lowest index the loop visits: the counter counting up; counting down, the bound,
   * or stepping by more than one, {@code i - (i - bound) / stride * stride}.
   */
  private void loadFrom(InsnList code) {
    if (plan.descending() && plan.stride() > 1) {
      code.add(new VarInsnNode(Opcodes.ILOAD, plan.inductionSlot()));
      code.add(new VarInsnNode(Opcodes.ILOAD, plan.inductionSlot()));
      loadBound(code);
      code.add(new InsnNode(Opcodes.ISUB));
      code.add(new LdcInsnNode(plan.stride()));
      code.add(new InsnNode(Opcodes.IDIV));
      code.add(new LdcInsnNode(plan.stride()));
      code.add(new InsnNode(Opcodes.IMUL));
      code.add(new InsnNode(Opcodes.ISUB));
    } else if (plan.descending()) {
      loadBound(code);
    } else {
      code.add(new VarInsnNode(Opcodes.ILOAD, plan.inductionSlot()));
    }
  }

  /**
   * Pushes one past the last index the loop visits: the bound counting up, the counter plus one
   * counting down (where that wraps, the range looks empty and the original loop runs).
   */
  private void loadTo(InsnList code) {
    if (plan.descending()) {
      code.add(new VarInsnNode(Opcodes.ILOAD, plan.inductionSlot()));
      code.add(new InsnNode(Opcodes.ICONST_1));
      code.add(new InsnNode(Opcodes.IADD));
    } else {
      loadBound(code);
    }
  }

  /** Pushes the kernel's first arguments: the arrays, then the loop-invariant scalars. */
  private void loadInputs(InsnList code) {
    for (ArrayInput a : plan.arrays()) {
      loadArray(code, a);
    }
    for (ScalarInput s : plan.scalars()) {
      sources.load(code, s.source(), s.type().type());
    }
  }

  private void loadBound(InsnList code) {
    if (plan.bound() instanceof Bound.ArrayLength len) {
      loadArray(code, len.array());
      code.add(new InsnNode(Opcodes.ARRAYLENGTH));
    } else if (plan.bound() instanceof Bound.Value value) {
      sources.load(code, value.value(), Type.INT_TYPE);
    } else {
      // A constant bound is its offset.
      code.add(new LdcInsnNode(0));
    }
    if (plan.bound().offset() != 0) {
      // In int arithmetic, as the loop computes it: a bound that wraps looks like an empty
      // range, for which the original loop runs.
      code.add(new LdcInsnNode(plan.bound().offset()));
      code.add(new InsnNode(Opcodes.IADD));
    }
  }

  private void loadArray(InsnList code, ArrayInput array) {
    sources.load(code, array.source(), array.elementType().arrayType());
  }

  /** Where the bound comes from: the array whose length it is, its value, or null. */
  private Source boundSource() {
    return plan.bound() instanceof Bound.ArrayLength len ? len.array().source()
        : plan.bound() instanceof Bound.Value value ? value.value() : null;
  }

  private void addFrame(InsnList code) {
    if (headerFrame != null) {
      code.add(new FrameNode(Opcodes.F_NEW, headerFrame.local.size(),
          headerFrame.local.toArray(), headerFrame.stack.size(), headerFrame.stack.toArray()));
    }
  }

  /** The loop header's frame with the clock reading's local, where the reading is set. */
  private void addStampedFrame(InsnList code) {
    if (headerFrame != null) {
      code.add(withStamp(headerFrame));
    }
  }

  /** Sends {@code insn}, where it is a jump or a switch, to {@code to} instead of {@code from}. */
  private static void retarget(AbstractInsnNode insn, LabelNode from, LabelNode to) {
    if (insn instanceof JumpInsnNode j && j.label == from) {
      j.label = to;
    } else if (insn instanceof TableSwitchInsnNode ts) {
      if (ts.dflt == from) {
        ts.dflt = to;
      }
      ts.labels.replaceAll(l -> l == from ? to : l);
    } else if (insn instanceof LookupSwitchInsnNode ls) {
      if (ls.dflt == from) {
        ls.dflt = to;
      }
      ls.labels.replaceAll(l -> l == from ? to : l);
    }
  }

  private static AbstractInsnNode realPrevious(AbstractInsnNode node) {
    AbstractInsnNode n = node.getPrevious();
    while (n != null && n.getOpcode() < 0) {
      n = n.getPrevious();
    }
    return n;
  }

  private static boolean fallsThrough(AbstractInsnNode insn) {
    int op = insn.getOpcode();
    return !(op == Opcodes.GOTO || op == Opcodes.ATHROW || op == Opcodes.TABLESWITCH
        || op == Opcodes.LOOKUPSWITCH || (op >= Opcodes.IRETURN && op <= Opcodes.RETURN));
  }
}
