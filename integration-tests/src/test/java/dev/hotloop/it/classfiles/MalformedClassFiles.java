package dev.hotloop.it.classfiles;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Class files the JVM refuses, each made from a valid class with a sum loop: cut short, empty,
 * with an unknown constant pool tag, with a wrong magic number, with bytes after its end, and
 * a class whose first definition the JVM refuses (a method name with a {@code ;}, which ASM
 * reads without complaint) and whose second, under the same name in the same loader, is valid
 * but has another loop. The JVM's refusal must read the same with the agent, and the agent must
 * neither repair a class the JVM would refuse nor mix up the two definitions.
 */
public final class MalformedClassFiles {

  private MalformedClassFiles() {
  }

  /** Every file, in the order to define them. */
  public static List<ClassFile> all() {
    List<ClassFile> files = new ArrayList<>();
    byte[] truncated = OddLoops.plainSumClass("Truncated");
    files.add(file("Truncated", Arrays.copyOf(truncated, truncated.length * 3 / 5)));
    files.add(file("Empty", new byte[0]));
    byte[] badTag = OddLoops.plainSumClass("BadConstantPool");
    // The first constant's tag, right after magic, versions and the constant count.
    badTag[10] = 99;
    files.add(file("BadConstantPool", badTag));
    byte[] badMagic = OddLoops.plainSumClass("BadMagic");
    badMagic[3] = (byte) 0xBF;
    files.add(file("BadMagic", badMagic));
    byte[] trailing = OddLoops.plainSumClass("TrailingBytes");
    files.add(file("TrailingBytes", Arrays.copyOf(trailing, trailing.length + 3)));
    String twice = OddLoops.binary("DefinedTwice");
    files.add(new ClassFile(twice, twice + ".refused.class", definedTwiceRefused()));
    files.add(new ClassFile(twice, twice + ".class", definedTwiceAccepted()));
    return files;
  }

  private static ClassFile file(String simpleName, byte[] bytes) {
    String name = OddLoops.binary(simpleName);
    return new ClassFile(name, name + ".class", bytes);
  }

  /** A sum loop, and a method whose name the JVM's format check refuses. */
  private static byte[] definedTwiceRefused() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    cw.visit(V17, ACC_PUBLIC | ACC_SUPER, OddLoops.PACKAGE + "DefinedTwice", null,
        "java/lang/Object", null);
    cw.visitSource("DefinedTwice.gen", null);
    MethodVisitor run = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "run", "([J)J", null, null);
    run.visitCode();
    OddLoops.plainSum(run);
    run.visitMaxs(0, 0);
    run.visitEnd();
    MethodVisitor bad = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, "not;legal", "()V", null, null);
    bad.visitCode();
    bad.visitInsn(RETURN);
    bad.visitMaxs(0, 0);
    bad.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  /** {@code s += a[i] * 3}: the same shape as the refused class's loop, another result. */
  private static byte[] definedTwiceAccepted() {
    return OddLoops.klass("DefinedTwice", V17, mv -> {
      Label head = new Label();
      Label end = new Label();
      mv.visitInsn(LCONST_0);
      mv.visitVarInsn(LSTORE, 2);
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(ISTORE, 1);
      mv.visitLabel(head);
      mv.visitVarInsn(ILOAD, 1);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitInsn(ARRAYLENGTH);
      mv.visitJumpInsn(IF_ICMPGE, end);
      mv.visitVarInsn(LLOAD, 2);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitVarInsn(ILOAD, 1);
      mv.visitInsn(LALOAD);
      mv.visitLdcInsn(3L);
      mv.visitInsn(LMUL);
      mv.visitInsn(LADD);
      mv.visitVarInsn(LSTORE, 2);
      mv.visitIincInsn(1, 1);
      mv.visitJumpInsn(GOTO, head);
      mv.visitLabel(end);
      mv.visitVarInsn(LLOAD, 2);
      mv.visitInsn(LRETURN);
    });
  }
}
