package dev.hotloop.agent.compile;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The {@code kernel-link} fault of {@link InjectedFaults}: a kernel class whose static
 * initializer first calls a class that does not exist, so that it is defined but fails to link
 * when the compile thread initializes it, as a kernel does when the Vector API is missing.
 */
final class UnlinkableKernel {

  /** The class every unlinkable kernel calls; no such class exists. */
  static final String MISSING = "dev/hotloop/runtime/MissingKernelDependency";

  private UnlinkableKernel() {
  }

  /** {@code kernel}'s bytes with that call first in its static initializer. */
  static byte[] of(byte[] kernel) {
    ClassReader reader = new ClassReader(kernel);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      private boolean hasInitializer;

      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (!name.equals("<clinit>")) {
          return mv;
        }
        hasInitializer = true;
        return new MethodVisitor(Opcodes.ASM9, mv) {
          @Override
          public void visitCode() {
            super.visitCode();
            callMissing(this);
          }
        };
      }

      @Override
      public void visitEnd() {
        if (!hasInitializer) {
          MethodVisitor mv = super.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null,
              null);
          mv.visitCode();
          callMissing(mv);
          mv.visitInsn(Opcodes.RETURN);
          mv.visitMaxs(0, 0);
          mv.visitEnd();
        }
        super.visitEnd();
      }
    }, 0);
    return writer.toByteArray();
  }

  private static void callMissing(MethodVisitor mv) {
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, MISSING, "link", "()V", false);
  }
}
