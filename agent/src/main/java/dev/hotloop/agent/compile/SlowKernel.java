package dev.hotloop.agent.compile;

import dev.hotloop.codegen.kernel.Kernel;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The {@code slow-kernel} fault of {@link InjectedFaults}: a kernel class whose run methods each
 * park for {@link InjectedFaults#SLOW_KERNEL_NANOS} first, so that it measures slower than the
 * loop it replaces, as a kernel that C2 compiled badly would.
 */
final class SlowKernel {

  private SlowKernel() {
  }

  /** {@code kernel}'s bytes with the pause at the start of every run method. */
  static byte[] of(byte[] kernel) {
    ClassReader reader = new ClassReader(kernel);
    // Only the maximum stack depth changes: the pause leaves the stack and locals as it found
    // them, so the frames stay valid.
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        if (!name.startsWith(Kernel.runMethod(0).replaceAll("\\d+$", ""))) {
          return mv;
        }
        return new MethodVisitor(Opcodes.ASM9, mv) {
          @Override
          public void visitCode() {
            super.visitCode();
            super.visitLdcInsn(InjectedFaults.SLOW_KERNEL_NANOS);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/concurrent/locks/LockSupport",
                "parkNanos", "(J)V", false);
          }
        };
      }
    }, 0);
    return writer.toByteArray();
  }
}
