package dev.hotloop.it.classfiles;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;

/**
 * Class files at the JVM's size limits, each with a {@code public static long run(long[])}:
 * a sum loop behind padding that brings the method's code to a given distance below the limit
 * of 65535 bytes; a method with many loops, most of which the analyzer rejects; and a class
 * whose constant pool is all but full. Rewriting grows code and constant pool a little, so the
 * agent must notice when the result would be past a limit and leave the method as it is.
 */
public final class LargeMethods {

  /** The JVM's limit on a method's code, in bytes. */
  public static final int CODE_LIMIT = 65_535;

  private LargeMethods() {
  }

  /**
   * A sum loop whose method's code is {@code CODE_LIMIT - headroom} bytes long: padding of
   * {@code iinc} (which the loop does not read) before the loop.
   */
  public static byte[] sumWithHeadroom(String simpleName, int headroom) {
    // The size without padding, learned from ASM itself: far too much padding fails and says
    // by how much.
    int probe = 30_000;
    int base;
    try {
      paddedSum(simpleName, probe, 0);
      throw new IllegalStateException("padding of " + probe + " did not pass the limit");
    } catch (MethodTooLargeException e) {
      base = e.getCodeSize() - 3 * probe;
    }
    int room = CODE_LIMIT - headroom - base;
    return paddedSum(simpleName, room / 3, room % 3);
  }

  private static byte[] paddedSum(String simpleName, int increments, int nops) {
    return OddLoops.klass(simpleName, V17, mv -> {
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(ISTORE, 5);
      for (int i = 0; i < increments; i++) {
        mv.visitIincInsn(5, 1);
      }
      for (int i = 0; i < nops; i++) {
        mv.visitInsn(NOP);
      }
      OddLoops.plainSum(mv);
    });
  }

  /**
   * {@code rejected} loops {@code s = s * 31 + a[i]} (not a reduction the agent knows), then
   * {@code accepted} loops {@code s += a[i] ^ k}, all to {@code a.length / 32}.
   */
  public static byte[] manyLoops(String simpleName, int rejected, int accepted) {
    return OddLoops.klass(simpleName, V17, mv -> {
      mv.visitInsn(LCONST_0);
      mv.visitVarInsn(LSTORE, 2);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitInsn(ARRAYLENGTH);
      mv.visitIntInsn(BIPUSH, 5);
      mv.visitInsn(ISHR);
      mv.visitVarInsn(ISTORE, 4);
      for (int k = 0; k < rejected + accepted; k++) {
        Label head = new Label();
        Label end = new Label();
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, 1);
        mv.visitLabel(head);
        mv.visitVarInsn(ILOAD, 1);
        mv.visitVarInsn(ILOAD, 4);
        mv.visitJumpInsn(IF_ICMPGE, end);
        mv.visitVarInsn(LLOAD, 2);
        if (k < rejected) {
          mv.visitLdcInsn(31L);
          mv.visitInsn(LMUL);
          mv.visitVarInsn(ALOAD, 0);
          mv.visitVarInsn(ILOAD, 1);
          mv.visitInsn(LALOAD);
        } else {
          mv.visitVarInsn(ALOAD, 0);
          mv.visitVarInsn(ILOAD, 1);
          mv.visitInsn(LALOAD);
          mv.visitLdcInsn((long) k);
          mv.visitInsn(LXOR);
        }
        mv.visitInsn(LADD);
        mv.visitVarInsn(LSTORE, 2);
        mv.visitIincInsn(1, 1);
        mv.visitJumpInsn(GOTO, head);
        mv.visitLabel(end);
      }
      mv.visitVarInsn(LLOAD, 2);
      mv.visitInsn(LRETURN);
    });
  }

  /** A sum loop in a class whose constant pool has {@code free} entries left below the limit. */
  public static byte[] fullConstantPool(String simpleName, int free) {
    byte[] plain = OddLoops.plainSumClass(simpleName);
    int used = ((plain[8] & 0xFF) << 8 | (plain[9] & 0xFF)) - 1;
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    cw.visit(V17, ACC_PUBLIC | ACC_SUPER, OddLoops.PACKAGE + simpleName, null,
        "java/lang/Object", null);
    cw.visitSource(simpleName + ".gen", null);
    MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "([J)J", null, null);
    mv.visitCode();
    OddLoops.plainSum(mv);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    // Constants nothing refers to, which the JVM allows: the pool's count is a u2, so at most
    // 65534 usable entries.
    for (int i = 0; i < 65_534 - used - free; i++) {
      cw.newUTF8("c" + i);
    }
    cw.visitEnd();
    return cw.toByteArray();
  }
}
