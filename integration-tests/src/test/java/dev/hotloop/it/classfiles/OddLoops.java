package dev.hotloop.it.classfiles;

import static org.objectweb.asm.Opcodes.*;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Valid class files whose {@code public static long run(long[])} sums the array (or nearly) in
 * bytecode that no Java compiler emits but the JVM accepts: the sum kept on the operand stack
 * across the back edge, a jump from outside into the middle of the loop, exception handlers
 * around and inside the loop, the loop header at offset 0, Java 5 class files without stack
 * map frames and with a subroutine ({@code jsr}) in the loop, locals past slot 255, a slot
 * that changes type after the loop, and stack shuffling in the body. Plus two that the
 * verifier refuses (an {@code int} load from the {@code long[]}, in the loop and after it),
 * whose {@code VerifyError} must read the same with the agent.
 *
 * <p>Locals, where the method has them: 0 the array, 1 the counter, 2-3 the sum.
 */
public final class OddLoops {

  /** The package of every class here, as an internal name prefix. */
  public static final String PACKAGE = "dev/hotloop/it/odd/";

  private OddLoops() {
  }

  /** Every class, by binary name. */
  public static Map<String, byte[]> all() {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    put(classes, "StackAcrossBackEdge", V17, OddLoops::stackAcrossBackEdge);
    put(classes, "JumpIntoLoop", V17, OddLoops::jumpIntoLoop);
    put(classes, "HandlerAroundLoop", V17, OddLoops::handlerAroundLoop);
    put(classes, "HandlerInsideLoop", V17, OddLoops::handlerInsideLoop);
    put(classes, "WideLocals", V17, OddLoops::wideLocals);
    put(classes, "StackShuffle", V17, OddLoops::stackShuffle);
    put(classes, "SlotChangesType", V17, OddLoops::slotChangesType);
    put(classes, "Java5NoFrames", V1_5, OddLoops::plainSum);
    put(classes, "Java5Subroutine", V1_5, OddLoops::subroutineInLoop);
    put(classes, "FailsVerification", V17, OddLoops::failsVerification);
    put(classes, "FailsVerificationAfterLoop", V17, OddLoops::failsVerificationAfterLoop);
    classes.put(binary("LoopAtOffsetZero"), loopAtOffsetZero());
    return classes;
  }

  /** A plain, javac-shaped sum loop in a class of the given name: the base of broken files. */
  public static byte[] plainSumClass(String simpleName) {
    return klass(simpleName, V17, OddLoops::plainSum);
  }

  static String binary(String simpleName) {
    return (PACKAGE + simpleName).replace('/', '.');
  }

  private static void put(Map<String, byte[]> classes, String simpleName, int version,
      Consumer<MethodVisitor> body) {
    classes.put(binary(simpleName), klass(simpleName, version, body));
  }

  static byte[] klass(String simpleName, int version, Consumer<MethodVisitor> body) {
    // Java 5 class files have no frames; ASM then computes maxima only (and handles jsr).
    ClassWriter cw = new ClassWriter(version >= V1_7 ? ClassWriter.COMPUTE_FRAMES
        : ClassWriter.COMPUTE_MAXS);
    cw.visit(version, ACC_PUBLIC | ACC_SUPER, PACKAGE + simpleName, null, "java/lang/Object",
        null);
    cw.visitSource(simpleName + ".gen", null);
    MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "([J)J", null, null);
    mv.visitCode();
    body.accept(mv);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** {@code long s = 0; for (int i = 0; i < a.length; i++) s += a[i]; return s;} */
  static void plainSum(MethodVisitor mv) {
    Label head = new Label();
    Label end = new Label();
    zeroSumAndCounter(mv);
    mv.visitLabel(head);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitInsn(ARRAYLENGTH);
    mv.visitJumpInsn(IF_ICMPGE, end);
    addElement(mv);
    mv.visitIincInsn(1, 1);
    mv.visitJumpInsn(GOTO, head);
    mv.visitLabel(end);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitInsn(LRETURN);
  }

  private static void stackAcrossBackEdge(MethodVisitor mv) {
    Label head = new Label();
    Label end = new Label();
    mv.visitInsn(LCONST_0);
    mv.visitInsn(ICONST_0);
    mv.visitVarInsn(ISTORE, 1);
    mv.visitLabel(head);
    // The sum lives on the operand stack, under everything the body pushes.
    mv.visitVarInsn(ILOAD, 1);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitInsn(ARRAYLENGTH);
    mv.visitJumpInsn(IF_ICMPGE, end);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitInsn(LALOAD);
    mv.visitInsn(LADD);
    mv.visitIincInsn(1, 1);
    mv.visitJumpInsn(GOTO, head);
    mv.visitLabel(end);
    mv.visitInsn(LRETURN);
  }

  private static void jumpIntoLoop(MethodVisitor mv) {
    Label head = new Label();
    Label middle = new Label();
    Label end = new Label();
    zeroSumAndCounter(mv);
    // Arrays of odd length enter the loop past the addition: a[0] is skipped. The loop has two
    // entries, so it is not a natural loop.
    mv.visitVarInsn(ALOAD, 0);
    mv.visitInsn(ARRAYLENGTH);
    mv.visitInsn(ICONST_1);
    mv.visitInsn(IAND);
    mv.visitJumpInsn(IFNE, middle);
    mv.visitLabel(head);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitInsn(ARRAYLENGTH);
    mv.visitJumpInsn(IF_ICMPGE, end);
    addElement(mv);
    mv.visitLabel(middle);
    mv.visitIincInsn(1, 1);
    mv.visitJumpInsn(GOTO, head);
    mv.visitLabel(end);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitInsn(LRETURN);
  }

  /** To {@code a.length + (a.length & 1)}: odd lengths run past the end into the handler. */
  private static void handlerAroundLoop(MethodVisitor mv) {
    Label start = new Label();
    Label end = new Label();
    Label handler = new Label();
    mv.visitTryCatchBlock(start, end, handler, "java/lang/ArrayIndexOutOfBoundsException");
    zeroSumAndCounter(mv);
    boundPastOddLengths(mv);
    Label head = start;
    mv.visitLabel(head);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitVarInsn(ILOAD, 4);
    mv.visitJumpInsn(IF_ICMPGE, end);
    addElement(mv);
    mv.visitIincInsn(1, 1);
    mv.visitJumpInsn(GOTO, head);
    mv.visitLabel(end);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitInsn(LRETURN);
    // The partial sum, complemented so that it cannot pass for a whole one.
    mv.visitLabel(handler);
    mv.visitInsn(POP);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitLdcInsn(-1L);
    mv.visitInsn(LXOR);
    mv.visitInsn(LRETURN);
  }

  /** A catch-all over the element's load and add only, whose handler counts and continues. */
  private static void handlerInsideLoop(MethodVisitor mv) {
    Label head = new Label();
    Label end = new Label();
    Label from = new Label();
    Label to = new Label();
    Label handler = new Label();
    Label next = new Label();
    mv.visitTryCatchBlock(from, to, handler, null);
    zeroSumAndCounter(mv);
    boundPastOddLengths(mv);
    mv.visitLabel(head);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitVarInsn(ILOAD, 4);
    mv.visitJumpInsn(IF_ICMPGE, end);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitLabel(from);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitInsn(LALOAD);
    mv.visitInsn(LADD);
    mv.visitLabel(to);
    mv.visitVarInsn(LSTORE, 2);
    mv.visitLabel(next);
    mv.visitIincInsn(1, 1);
    mv.visitJumpInsn(GOTO, head);
    mv.visitLabel(end);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitInsn(LRETURN);
    mv.visitLabel(handler);
    mv.visitInsn(POP);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitLdcInsn(1_000_000L);
    mv.visitInsn(LADD);
    mv.visitVarInsn(LSTORE, 2);
    mv.visitJumpInsn(GOTO, next);
  }

  private static void wideLocals(MethodVisitor mv) {
    // Counter in 300, sum in 302-303: every load, store and iinc is a wide instruction.
    Label head = new Label();
    Label end = new Label();
    mv.visitInsn(LCONST_0);
    mv.visitVarInsn(LSTORE, 302);
    mv.visitInsn(ICONST_0);
    mv.visitVarInsn(ISTORE, 300);
    mv.visitLabel(head);
    mv.visitVarInsn(ILOAD, 300);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitInsn(ARRAYLENGTH);
    mv.visitJumpInsn(IF_ICMPGE, end);
    mv.visitVarInsn(LLOAD, 302);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitVarInsn(ILOAD, 300);
    mv.visitInsn(LALOAD);
    mv.visitInsn(LADD);
    mv.visitVarInsn(LSTORE, 302);
    mv.visitIincInsn(300, 1);
    mv.visitJumpInsn(GOTO, head);
    mv.visitLabel(end);
    mv.visitVarInsn(LLOAD, 302);
    mv.visitInsn(LRETURN);
  }

  private static void stackShuffle(MethodVisitor mv) {
    Label head = new Label();
    Label end = new Label();
    zeroSumAndCounter(mv);
    mv.visitLabel(head);
    // a.length <= i, operands the other way round.
    mv.visitVarInsn(ALOAD, 0);
    mv.visitInsn(ARRAYLENGTH);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitJumpInsn(IF_ICMPLE, end);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitInsn(DUP2);
    mv.visitInsn(POP2);
    mv.visitInsn(LALOAD);
    mv.visitVarInsn(LLOAD, 2);
    // a[i] + s, with the operands swapped through dup2_x2 and pop2.
    mv.visitInsn(DUP2_X2);
    mv.visitInsn(POP2);
    mv.visitInsn(LADD);
    mv.visitVarInsn(LSTORE, 2);
    // i = i + 1 without iinc.
    mv.visitVarInsn(ILOAD, 1);
    mv.visitInsn(ICONST_1);
    mv.visitInsn(IADD);
    mv.visitVarInsn(ISTORE, 1);
    mv.visitJumpInsn(GOTO, head);
    mv.visitLabel(end);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitInsn(LRETURN);
  }

  private static void slotChangesType(MethodVisitor mv) {
    Label head = new Label();
    Label end = new Label();
    zeroSumAndCounter(mv);
    mv.visitLabel(head);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitInsn(ARRAYLENGTH);
    mv.visitJumpInsn(IF_ICMPGE, end);
    addElement(mv);
    mv.visitIincInsn(1, 1);
    mv.visitJumpInsn(GOTO, head);
    mv.visitLabel(end);
    // The counter's slot holds a float from here on.
    mv.visitLdcInsn(2.5f);
    mv.visitVarInsn(FSTORE, 1);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitVarInsn(FLOAD, 1);
    mv.visitInsn(F2L);
    mv.visitInsn(LADD);
    mv.visitInsn(LRETURN);
  }

  private static void subroutineInLoop(MethodVisitor mv) {
    Label head = new Label();
    Label end = new Label();
    Label subroutine = new Label();
    zeroSumAndCounter(mv);
    mv.visitLabel(head);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitInsn(ARRAYLENGTH);
    mv.visitJumpInsn(IF_ICMPGE, end);
    mv.visitJumpInsn(JSR, subroutine);
    mv.visitIincInsn(1, 1);
    mv.visitJumpInsn(GOTO, head);
    mv.visitLabel(end);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitInsn(LRETURN);
    mv.visitLabel(subroutine);
    mv.visitVarInsn(ASTORE, 4);
    addElement(mv);
    mv.visitVarInsn(RET, 4);
  }

  private static void failsVerification(MethodVisitor mv) {
    Label head = new Label();
    Label end = new Label();
    zeroSumAndCounter(mv);
    mv.visitLabel(head);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitInsn(ARRAYLENGTH);
    mv.visitJumpInsn(IF_ICMPGE, end);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitVarInsn(ILOAD, 1);
    // An int load from a long[]: the verifier refuses the method.
    mv.visitInsn(IALOAD);
    mv.visitInsn(I2L);
    mv.visitInsn(LADD);
    mv.visitVarInsn(LSTORE, 2);
    mv.visitIincInsn(1, 1);
    mv.visitJumpInsn(GOTO, head);
    mv.visitLabel(end);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitInsn(LRETURN);
  }

  /** A plain sum loop, then an {@code int} load from the {@code long[]}. */
  private static void failsVerificationAfterLoop(MethodVisitor mv) {
    Label head = new Label();
    Label end = new Label();
    zeroSumAndCounter(mv);
    mv.visitLabel(head);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitInsn(ARRAYLENGTH);
    mv.visitJumpInsn(IF_ICMPGE, end);
    addElement(mv);
    mv.visitIincInsn(1, 1);
    mv.visitJumpInsn(GOTO, head);
    mv.visitLabel(end);
    mv.visitVarInsn(LLOAD, 2);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitInsn(ICONST_0);
    mv.visitInsn(IALOAD);
    mv.visitInsn(I2L);
    mv.visitInsn(LADD);
    mv.visitInsn(LRETURN);
  }

  /** {@code run} calls {@code loop(a, 0, 0L)}, whose first instruction is the loop header. */
  private static byte[] loopAtOffsetZero() {
    String name = PACKAGE + "LoopAtOffsetZero";
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    cw.visit(V17, ACC_PUBLIC | ACC_SUPER, name, null, "java/lang/Object", null);
    cw.visitSource("LoopAtOffsetZero.gen", null);
    MethodVisitor run = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "([J)J", null, null);
    run.visitCode();
    run.visitVarInsn(ALOAD, 0);
    run.visitInsn(ICONST_0);
    run.visitInsn(LCONST_0);
    run.visitMethodInsn(INVOKESTATIC, name, "loop", "([JIJ)J", false);
    run.visitInsn(LRETURN);
    run.visitMaxs(0, 0);
    run.visitEnd();
    MethodVisitor loop = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "loop", "([JIJ)J", null, null);
    loop.visitCode();
    Label head = new Label();
    Label end = new Label();
    loop.visitLabel(head);
    loop.visitVarInsn(ILOAD, 1);
    loop.visitVarInsn(ALOAD, 0);
    loop.visitInsn(ARRAYLENGTH);
    loop.visitJumpInsn(IF_ICMPGE, end);
    addElement(loop);
    loop.visitIincInsn(1, 1);
    loop.visitJumpInsn(GOTO, head);
    loop.visitLabel(end);
    loop.visitVarInsn(LLOAD, 2);
    loop.visitInsn(LRETURN);
    loop.visitMaxs(0, 0);
    loop.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static void zeroSumAndCounter(MethodVisitor mv) {
    mv.visitInsn(LCONST_0);
    mv.visitVarInsn(LSTORE, 2);
    mv.visitInsn(ICONST_0);
    mv.visitVarInsn(ISTORE, 1);
  }

  /** {@code n = a.length + (a.length & 1)} in local 4. */
  private static void boundPastOddLengths(MethodVisitor mv) {
    mv.visitVarInsn(ALOAD, 0);
    mv.visitInsn(ARRAYLENGTH);
    mv.visitInsn(DUP);
    mv.visitInsn(ICONST_1);
    mv.visitInsn(IAND);
    mv.visitInsn(IADD);
    mv.visitVarInsn(ISTORE, 4);
  }

  /** {@code s += a[i]}. */
  private static void addElement(MethodVisitor mv) {
    mv.visitVarInsn(LLOAD, 2);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitVarInsn(ILOAD, 1);
    mv.visitInsn(LALOAD);
    mv.visitInsn(LADD);
    mv.visitVarInsn(LSTORE, 2);
  }
}
