package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;

import dev.hotloop.codegen.kernel.KernelBackend;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A sum loop entered by a jump to its test at the bottom, with the exit reached by falling
 * through the test: the shape Kotlin, Scala and some obfuscators emit, which javac never does.
 * Assembled here with ASM, then compared with its accelerated form like the javac fixtures.
 */
class JumpToTestLoopDifferentialTest {

  static final String NAME = "dev.hotloop.codegen.generated.JumpToTestSum";

  /** {@code static long sum(long[] a) { long s = 0; int i = 0; goto test; ... }}. */
  static byte[] assemble() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, NAME.replace('.', '/'), null,
        "java/lang/Object", null);
    MethodVisitor m = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "sum", "([J)J",
        null, null);
    m.visitCode();
    Label body = new Label();
    Label test = new Label();
    m.visitInsn(Opcodes.LCONST_0);
    m.visitVarInsn(Opcodes.LSTORE, 1);
    m.visitInsn(Opcodes.ICONST_0);
    m.visitVarInsn(Opcodes.ISTORE, 3);
    m.visitJumpInsn(Opcodes.GOTO, test);
    m.visitLabel(body);
    m.visitVarInsn(Opcodes.LLOAD, 1);
    m.visitVarInsn(Opcodes.ALOAD, 0);
    m.visitVarInsn(Opcodes.ILOAD, 3);
    m.visitInsn(Opcodes.LALOAD);
    m.visitInsn(Opcodes.LADD);
    m.visitVarInsn(Opcodes.LSTORE, 1);
    m.visitIincInsn(3, 1);
    m.visitLabel(test);
    m.visitVarInsn(Opcodes.ILOAD, 3);
    m.visitVarInsn(Opcodes.ALOAD, 0);
    m.visitInsn(Opcodes.ARRAYLENGTH);
    m.visitJumpInsn(Opcodes.IF_ICMPLT, body);
    m.visitVarInsn(Opcodes.LLOAD, 1);
    m.visitInsn(Opcodes.LRETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  @Test
  void acceleratedJumpToTestLoopMatchesTheOriginal() throws Exception {
    byte[] original = assemble();
    Method plain = AcceleratedClass.define(NAME, original).getMethod("sum", long[].class);
    for (KernelBackend backend : SumKernelDifferentialTest.vectorAvailable()
        ? new KernelBackend[] {new KernelBackend.Vector(256), KernelBackend.Scalar.INSTANCE}
        : new KernelBackend[] {KernelBackend.Scalar.INSTANCE}) {
      AcceleratedClass accelerated = AcceleratedClass.of(NAME, original, backend, false, true);
      assertEquals(1, accelerated.kernelsByMethod.get("sum").size());
      Method fast = accelerated.rewritten.getMethod("sum", long[].class);
      for (Object[] args : SumKernelDifferentialTest.argumentsFor(plain)) {
        SumKernelDifferentialTest.compare(plain, fast, args, false);
      }
    }
  }
}
