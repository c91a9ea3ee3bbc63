package dev.hotloop.codegen.kernel;

import dev.hotloop.analyzer.plan.ArrayInput;
import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Identities;
import dev.hotloop.analyzer.plan.Reduction;
import dev.hotloop.analyzer.plan.ScalarInput;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The parallel form of a kernel pass, for methods whose pattern says {@code parallel}: the pass's
 * loop stays in {@code seqK}, and {@code runK} calls it directly below the runtime's
 * {@code Parallel.minElements()} elements, else hands the runtime's {@code Parallel} a chunk
 * (a lambda over {@code chunkK}, which runs {@code seqK} from the fold's identity) to split the
 * range into chunks, which its {@code SplitChoice} runs on the calling thread or across threads,
 * as it has measured pays. A reduction folds the chunks' results in index order and then into the
 * accumulator it was given, so only a pass whose fold may be reordered is parallel: integer
 * arithmetic, {@code min} and {@code max}, and floating-point sums and products under
 * {@code fastmath}. A pass of stores is always exact: each index is written from its own
 * elements only.
 */
final class ParallelPass {

  static final String PARALLEL = "dev/hotloop/runtime/Parallel";
  static final String SPLIT_CHOICE = "Ldev/hotloop/runtime/SplitChoice;";
  /** Appended to the description of a parallel pass. */
  static final String DESCRIPTION = ", in parallel on large ranges";

  private static final Handle METAFACTORY = new Handle(Opcodes.H_INVOKESTATIC,
      "java/lang/invoke/LambdaMetafactory", "metafactory",
      "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
          + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;"
          + "Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;", false);

  private ParallelPass() {
  }

  /** Whether a reduction into an accumulator of {@code type} can be folded in chunks. */
  static boolean accepts(ElementType type) {
    return type == ElementType.INT || type == ElementType.LONG || type == ElementType.FLOAT
        || type == ElementType.DOUBLE;
  }

  /** The name of the method that holds pass {@code k}'s loop. */
  static String sequentialMethod(int k) {
    return "seq" + k;
  }

  /**
   * The name of the kernel class's static final field that holds pass {@code k}'s
   * {@code SplitChoice}: whether its runs go faster split, learnt from the application's.
   */
  static String choiceField(int k) {
    return "SPLIT" + k;
  }

  /**
   * Declares pass {@code k}'s choice field and, in the {@code <clinit>} that {@code clinit}
   * emits, sets it to {@code Parallel.choice(loopId, k)}.
   */
  static void emitChoiceField(ClassWriter cw, MethodVisitor clinit, String owner, int loopId,
      int k) {
    cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, choiceField(k),
        SPLIT_CHOICE, null, null).visitEnd();
    ScalarExpr.pushInt(clinit, loopId);
    ScalarExpr.pushInt(clinit, k);
    clinit.visitMethodInsn(Opcodes.INVOKESTATIC, PARALLEL, "choice",
        "(II)" + SPLIT_CHOICE, false);
    clinit.visitFieldInsn(Opcodes.PUTSTATIC, owner, choiceField(k), SPLIT_CHOICE);
  }

  private static String chunkMethod(int k) {
    return "chunk" + k;
  }

  /** Emits {@code runK} and {@code chunkK} around {@code seqK}, already emitted. */
  static void emit(ClassWriter cw, String owner, KernelFrame frame, int k) {
    ElementType acc = frame.accumulatorType();
    String captures = captureDescriptor(frame);
    String chunkResult = acc == null ? "V" : acc.type().getDescriptor();
    String chunkDescriptor = "(" + captures + "II)" + chunkResult;
    emitChunk(cw, owner, frame, k, chunkDescriptor);

    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
        Kernel.runMethod(k), frame.runDescriptor(), null, null);
    mv.visitAnnotation("Ljdk/internal/vm/annotation/ForceInline;", true).visitEnd();
    mv.visitCode();
    Label split = new Label();
    mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitInsn(Opcodes.ISUB);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, PARALLEL, "minElements", "()I", false);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, split);
    loadCaptures(mv, frame);
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
    if (acc != null) {
      mv.visitVarInsn(acc.type().getOpcode(Opcodes.ILOAD), frame.accSlot());
    }
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, sequentialMethod(k), frame.runDescriptor(),
        false);
    mv.visitInsn(acc == null ? Opcodes.RETURN : acc.type().getOpcode(Opcodes.IRETURN));

    mv.visitLabel(split);
    if (acc != null) {
      mv.visitVarInsn(acc.type().getOpcode(Opcodes.ILOAD), frame.accSlot());
    }
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
    ScalarExpr.pushInt(mv, frame.stride());
    String chunkType;
    String runtimeMethod;
    if (acc == null) {
      chunkType = "StoreChunk";
      runtimeMethod = "store";
    } else {
      ScalarExpr.pushInt(mv, foldCode(frame.reduction().operator()));
      String prefix = switch (acc) {
        case INT -> "Int";
        case LONG -> "Long";
        case FLOAT -> "Float";
        case DOUBLE -> "Double";
        default -> throw new IllegalArgumentException("no parallel fold into " + acc);
      };
      chunkType = prefix + "Chunk";
      runtimeMethod = "fold" + prefix + "s";
    }
    String chunkInterface = "L" + PARALLEL + "$" + chunkType + ";";
    loadCaptures(mv, frame);
    makeChunk(mv, owner, k, acc, captures, chunkInterface, chunkResult, chunkDescriptor);
    mv.visitFieldInsn(Opcodes.GETSTATIC, owner, choiceField(k), SPLIT_CHOICE);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, PARALLEL, runtimeMethod,
        acc == null ? "(III" + chunkInterface + SPLIT_CHOICE + ")V"
            : "(IIII" + chunkInterface + SPLIT_CHOICE + ")" + chunkResult, false);
    if (acc == null) {
      mv.visitInsn(Opcodes.RETURN);
    } else {
      // The accumulator it was given, folded with the chunks' fold.
      fold(mv, frame.reduction().operator(), acc);
      mv.visitInsn(acc.type().getOpcode(Opcodes.IRETURN));
    }
    mv.visitMaxs(0, 0);
    mv.visitEnd();

    // linkK(): the same call site, with empty captures, run once by the agent to link it.
    MethodVisitor link = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
        Kernel.linkMethod(k), "()Ljava/lang/Object;", null, null);
    link.visitCode();
    for (ArrayInput a : frame.arrays()) {
      link.visitInsn(Opcodes.ACONST_NULL);
    }
    for (ScalarInput s : frame.scalars()) {
      link.visitInsn(switch (s.type().type().getSort()) {
        case Type.LONG -> Opcodes.LCONST_0;
        case Type.FLOAT -> Opcodes.FCONST_0;
        case Type.DOUBLE -> Opcodes.DCONST_0;
        default -> Opcodes.ICONST_0;
      });
    }
    makeChunk(link, owner, k, acc, captures, chunkInterface, chunkResult, chunkDescriptor);
    link.visitInsn(Opcodes.ARETURN);
    link.visitMaxs(0, 0);
    link.visitEnd();
  }

  /** The chunk, a lambda over {@code chunkK} capturing the arrays and scalars on the stack. */
  private static void makeChunk(MethodVisitor mv, String owner, int k, ElementType acc,
      String captures, String chunkInterface, String chunkResult, String chunkDescriptor) {
    Type samType = Type.getMethodType("(II)" + chunkResult);
    mv.visitInvokeDynamicInsn(acc == null ? "store" : "fold", "(" + captures + ")"
        + chunkInterface, METAFACTORY, samType, new Handle(Opcodes.H_INVOKESTATIC, owner,
        chunkMethod(k), chunkDescriptor, false), samType);
  }

  /** {@code chunkK(captures..., from, to)}: {@code seqK} from the fold's identity. */
  private static void emitChunk(ClassWriter cw, String owner, KernelFrame frame, int k,
      String descriptor) {
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC
        | Opcodes.ACC_SYNTHETIC, chunkMethod(k), descriptor, null, null);
    mv.visitCode();
    loadCaptures(mv, frame);
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
    ElementType acc = frame.accumulatorType();
    if (acc != null) {
      ScalarExpr.pushConstant(mv, Identities.of(frame.reduction().operator(), acc), acc);
    }
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, sequentialMethod(k), frame.runDescriptor(),
        false);
    mv.visitInsn(acc == null ? Opcodes.RETURN : acc.type().getOpcode(Opcodes.IRETURN));
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** The arrays and scalars, as the lambda captures them: the run method's first parameters. */
  private static String captureDescriptor(KernelFrame frame) {
    StringBuilder d = new StringBuilder();
    for (ArrayInput a : frame.arrays()) {
      d.append(a.elementType().arrayType().getDescriptor());
    }
    for (ScalarInput s : frame.scalars()) {
      d.append(s.type().type().getDescriptor());
    }
    return d.toString();
  }

  private static void loadCaptures(MethodVisitor mv, KernelFrame frame) {
    for (ArrayInput a : frame.arrays()) {
      mv.visitVarInsn(Opcodes.ALOAD, frame.arraySlot(a));
    }
    for (ScalarInput s : frame.scalars()) {
      mv.visitVarInsn(s.type().type().getOpcode(Opcodes.ILOAD), frame.scalarSlot(s));
    }
  }

  private static int foldCode(Reduction.Operator op) {
    return switch (op) {
      case ADD -> 0;
      case MUL -> 1;
      case MIN -> 2;
      case MAX -> 3;
      case AND -> 4;
      case OR -> 5;
      case XOR -> 6;
    };
  }

  /** Folds the two values of type {@code acc} on the stack into one with {@code op}. */
  private static void fold(MethodVisitor mv, Reduction.Operator op, ElementType acc) {
    Type t = acc.type();
    switch (op) {
      case ADD -> mv.visitInsn(t.getOpcode(Opcodes.IADD));
      case MUL -> mv.visitInsn(t.getOpcode(Opcodes.IMUL));
      case AND -> mv.visitInsn(t.getOpcode(Opcodes.IAND));
      case OR -> mv.visitInsn(t.getOpcode(Opcodes.IOR));
      case XOR -> mv.visitInsn(t.getOpcode(Opcodes.IXOR));
      case MIN, MAX -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Math",
          op == Reduction.Operator.MIN ? "min" : "max",
          "(" + t.getDescriptor() + t.getDescriptor() + ")" + t.getDescriptor(), false);
    }
  }
}
