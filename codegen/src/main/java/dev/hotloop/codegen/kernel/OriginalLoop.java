package dev.hotloop.codegen.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.hotloop.analyzer.plan.ArrayInput;
import dev.hotloop.analyzer.plan.Bound;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.analyzer.plan.ScalarInput;
import dev.hotloop.analyzer.plan.Source;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * A loop as the application's own bytecode, lifted out of its method, for a kernel class to run
 * in a kernel's calling convention ({@link KernelBackend.Original}): the yardstick a vector
 * kernel is timed against at warm-up. The plan's scalar form of a loop can be code that C2
 * compiles better than the loop itself: {@code a[i] = a[i] < lo ? lo : a[i]; a[i] = a[i] > hi ?
 * hi : a[i];} is one {@code Math.min(Math.max(a[i], lo), hi)} store in the plan, which C2 on
 * JDK 25 vectorizes, while the loop's two conditional stores stay scalar, 8x slower; timed
 * against the plan's form, the vector kernel looked no faster and the loop was kept. Timed
 * against the loop's own code, C2 compiles what it compiles of the application's.
 *
 * <p>Only loops that read their inputs from locals and call nothing but the boxing and
 * {@code Math} methods of {@code java.lang} are lifted: the kernel class lives in the boot
 * loader, where the application's classes cannot be named. The others are timed against the
 * plan's scalar form ({@link KernelBackend.Baseline}), and {@link #whyNot()} says why.
 */
public final class OriginalLoop {

  /** The classes whose static and instance methods the lifted code may call. */
  private static final Set<String> CALLABLE = Set.of("java/lang/Math", "java/lang/StrictMath",
      "java/lang/Integer", "java/lang/Long", "java/lang/Float", "java/lang/Double",
      "java/lang/Short", "java/lang/Byte", "java/lang/Character", "java/lang/Boolean",
      "java/lang/Number");

  private final LoopPlan plan;
  /** The body in code order, its exits jumping to {@link #exit}; null when not liftable. */
  private final InsnList body;
  private final LabelNode header;
  private final LabelNode exit;
  private final int maxLocals;
  private final String whyNot;

  private OriginalLoop(LoopPlan plan, InsnList body, LabelNode header, LabelNode exit,
      int maxLocals, String whyNot) {
    this.plan = plan;
    this.body = body;
    this.header = header;
    this.exit = exit;
    this.maxLocals = maxLocals;
    this.whyNot = whyNot;
  }

  /**
   * The loop of {@code plan} in {@code method}, which the plan was made from, copied out of it:
   * the method is left as it is.
   */
  public static OriginalLoop of(MethodNode method, LoopPlan plan) {
    String why = whyNotLiftable(method, plan);
    if (why != null) {
      return new OriginalLoop(plan, null, null, null, 0, why);
    }
    Map<LabelNode, LabelNode> labels = new HashMap<>();
    LabelNode exit = new LabelNode();
    var bodyInsns = plan.bodyInsns();
    for (int i = 0; i < method.instructions.size(); i++) {
      if (method.instructions.get(i) instanceof LabelNode l) {
        // Every jump out of the body leaves the loop: the analyzer accepts one exit only.
        labels.put(l, bodyInsns.get(i) ? new LabelNode() : exit);
      }
    }
    InsnList body = new InsnList();
    LabelNode header = null;
    for (int i = bodyInsns.nextSetBit(0); i >= 0; i = bodyInsns.nextSetBit(i + 1)) {
      AbstractInsnNode insn = method.instructions.get(i);
      if (i == plan.headerInsn()) {
        header = insn instanceof LabelNode l ? labels.get(l) : new LabelNode();
        if (!(insn instanceof LabelNode)) {
          body.add(header);
        }
      }
      if (!(insn instanceof FrameNode) && !(insn instanceof LineNumberNode)) {
        body.add(insn.clone(labels));
      }
      if (fallsThrough(insn) && !bodyInsns.get(i + 1)) {
        body.add(new JumpInsnNode(Opcodes.GOTO, exit));
      }
    }
    // whyNotLiftable has checked that the header is in the body: it is set.
    return new OriginalLoop(plan, body, header, exit, method.maxLocals, null);
  }

  /** Why the loop cannot be lifted, or null. */
  public String whyNot() {
    return whyNot;
  }

  /** Whether a kernel class can run the loop. */
  public boolean liftable() {
    return whyNot == null;
  }

  LoopPlan plan() {
    return plan;
  }

  /** The loop's locals, as many as its method has. */
  int maxLocals() {
    return maxLocals;
  }

  /**
   * A copy of the body, with the label the loop is entered at and the one its exit jumps to.
   */
  record Copy(InsnList body, LabelNode entry, LabelNode exit) {
  }

  /** A fresh copy of the body: labels are bound to the one method they are written into. */
  Copy copy() {
    Map<LabelNode, LabelNode> labels = new HashMap<>();
    for (AbstractInsnNode insn : body) {
      if (insn instanceof LabelNode l) {
        labels.put(l, new LabelNode());
      }
    }
    labels.put(exit, new LabelNode());
    InsnList copy = new InsnList();
    for (AbstractInsnNode insn : body) {
      copy.add(insn.clone(labels));
    }
    return new Copy(copy, labels.get(header), labels.get(exit));
  }

  private static String whyNotLiftable(MethodNode method, LoopPlan plan) {
    if (plan.descending()) {
      return "it counts down";
    }
    for (ArrayInput a : plan.arrays()) {
      if (!(a.source() instanceof Source.Local)) {
        return "it reads the array " + a + " from a field or an array of arrays";
      }
    }
    for (ScalarInput s : plan.scalars()) {
      if (!(s.source() instanceof Source.Local)) {
        return "it reads " + s + " from a field or an array";
      }
    }
    if (plan.bound() instanceof Bound.Value v && !(v.value() instanceof Source.Local)) {
      return "its bound is " + v;
    }
    // The lifted loop ends where its own test ends it: a constant bound, or one past an array's
    // end, would run it past the end of the warm-up's arrays.
    if (plan.bound() instanceof Bound.Constant c) {
      return "its bound is the constant " + c.offset();
    }
    if (plan.bound() instanceof Bound.ArrayLength a && a.offset() > 0) {
      return "its bound is past the end of " + a.array();
    }
    if (!plan.bodyInsns().get(plan.headerInsn())) {
      return "its header is not in its body";
    }
    var bodyInsns = plan.bodyInsns();
    for (int i = bodyInsns.nextSetBit(0); i >= 0; i = bodyInsns.nextSetBit(i + 1)) {
      if (i >= method.instructions.size()) {
        return "its plan is not of this method";
      }
      String why = whyNotCopyable(method.instructions.get(i));
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  /** Why a kernel class in the boot loader cannot run {@code insn}, or null. */
  private static String whyNotCopyable(AbstractInsnNode insn) {
    int op = insn.getOpcode();
    switch (insn.getType()) {
      case AbstractInsnNode.LABEL, AbstractInsnNode.LINE, AbstractInsnNode.FRAME,
          AbstractInsnNode.VAR_INSN, AbstractInsnNode.IINC_INSN,
          AbstractInsnNode.TABLESWITCH_INSN, AbstractInsnNode.LOOKUPSWITCH_INSN -> {
        return op == Opcodes.RET ? "it uses a subroutine" : null;
      }
      case AbstractInsnNode.JUMP_INSN -> {
        return op == Opcodes.JSR ? "it uses a subroutine" : null;
      }
      case AbstractInsnNode.INT_INSN -> {
        return op == Opcodes.NEWARRAY ? "it allocates an array" : null;
      }
      case AbstractInsnNode.LDC_INSN -> {
        Object c = ((LdcInsnNode) insn).cst;
        return c instanceof Number ? null : "it loads the constant " + c;
      }
      case AbstractInsnNode.METHOD_INSN -> {
        MethodInsnNode m = (MethodInsnNode) insn;
        return CALLABLE.contains(m.owner) && op != Opcodes.INVOKESPECIAL ? null
            : "it calls " + m.owner.replace('/', '.') + "." + m.name;
      }
      case AbstractInsnNode.TYPE_INSN -> {
        TypeInsnNode t = (TypeInsnNode) insn;
        return op == Opcodes.CHECKCAST && CALLABLE.contains(t.desc) ? null
            : "it uses the type " + t.desc.replace('/', '.');
      }
      case AbstractInsnNode.INSN -> {
        boolean leaves = op >= Opcodes.IRETURN && op <= Opcodes.RETURN || op == Opcodes.ATHROW;
        boolean locks = op == Opcodes.MONITORENTER || op == Opcodes.MONITOREXIT;
        return leaves ? "it returns or throws inside the loop"
            : locks ? "it takes a lock" : null;
      }
      default -> {
        return "it uses the instruction " + insn.getClass().getSimpleName() + " (opcode " + op
            + ")";
      }
    }
  }

  private static boolean fallsThrough(AbstractInsnNode insn) {
    int op = insn.getOpcode();
    return op != Opcodes.GOTO && op != Opcodes.TABLESWITCH && op != Opcodes.LOOKUPSWITCH
        && !(op >= Opcodes.IRETURN && op <= Opcodes.RETURN) && op != Opcodes.ATHROW;
  }
}
