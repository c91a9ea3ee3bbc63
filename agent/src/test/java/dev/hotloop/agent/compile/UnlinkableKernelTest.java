package dev.hotloop.agent.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.invoke.MethodHandles;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class UnlinkableKernelTest {

  /** A stand-in kernel: {@code static int run0()} returning 7, with or without a static init. */
  private static byte[] kernel(String name, boolean withInitializer) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object",
        null);
    MethodVisitor run = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run0", "()I",
        null, null);
    run.visitCode();
    run.visitIntInsn(Opcodes.BIPUSH, 7);
    run.visitInsn(Opcodes.IRETURN);
    run.visitMaxs(0, 0);
    run.visitEnd();
    if (withInitializer) {
      MethodVisitor init = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
      init.visitCode();
      init.visitInsn(Opcodes.RETURN);
      init.visitMaxs(0, 0);
      init.visitEnd();
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static final class Loader extends ClassLoader {
    Class<?> define(byte[] bytes) {
      return defineClass(null, bytes, 0, bytes.length);
    }
  }

  @Test
  void theKernelIsDefinedButFailsToLinkWhenInitialized() throws Exception {
    for (boolean withInitializer : new boolean[] {false, true}) {
      String name = "example/Kernel" + withInitializer;
      Class<?> intact = new Loader().define(kernel(name, withInitializer));
      assertEquals(7, intact.getMethod("run0").invoke(null));
      Class<?> broken = new Loader().define(UnlinkableKernel.of(kernel(name, withInitializer)));
      NoClassDefFoundError e = assertThrows(NoClassDefFoundError.class,
          () -> MethodHandles.lookup().ensureInitialized(broken));
      assertEquals(UnlinkableKernel.MISSING, e.getMessage());
    }
  }
}
