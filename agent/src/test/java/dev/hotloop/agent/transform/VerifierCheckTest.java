package dev.hotloop.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

class VerifierCheckTest {

  /** {@code long run(long[] a)} summing {@code a} with {@code load} as the element load. */
  private static MethodNode sum(int load) {
    MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "run", "([J)J", null, null);
    Label head = new Label();
    Label end = new Label();
    m.visitCode();
    m.visitInsn(Opcodes.LCONST_0);
    m.visitVarInsn(Opcodes.LSTORE, 2);
    m.visitInsn(Opcodes.ICONST_0);
    m.visitVarInsn(Opcodes.ISTORE, 1);
    m.visitLabel(head);
    m.visitVarInsn(Opcodes.ILOAD, 1);
    m.visitVarInsn(Opcodes.ALOAD, 0);
    m.visitInsn(Opcodes.ARRAYLENGTH);
    m.visitJumpInsn(Opcodes.IF_ICMPGE, end);
    m.visitVarInsn(Opcodes.LLOAD, 2);
    m.visitVarInsn(Opcodes.ALOAD, 0);
    m.visitVarInsn(Opcodes.ILOAD, 1);
    m.visitInsn(load);
    if (load == Opcodes.IALOAD) {
      m.visitInsn(Opcodes.I2L);
    }
    m.visitInsn(Opcodes.LADD);
    m.visitVarInsn(Opcodes.LSTORE, 2);
    m.visitIincInsn(1, 1);
    m.visitJumpInsn(Opcodes.GOTO, head);
    m.visitLabel(end);
    m.visitVarInsn(Opcodes.LLOAD, 2);
    m.visitInsn(Opcodes.LRETURN);
    m.visitMaxs(4, 4);
    m.visitEnd();
    return m;
  }

  @Test
  void aSumPasses() {
    assertNull(VerifierCheck.problem("example/Sum", sum(Opcodes.LALOAD)));
  }

  @Test
  void anIntLoadFromALongArrayIsWhatTheVerifierRefuses() {
    String problem = VerifierCheck.problem("example/Sum", sum(Opcodes.IALOAD));
    assertNotNull(problem);
    assertTrue(problem.contains("an array of long[] where the instruction needs another element"
        + " type"), problem);
  }

  @Test
  void everyMethodOfRealLibrariesPasses() throws IOException {
    // Compiled code the JVM accepts must never be taken for code it refuses: ASM and Logback,
    // thousands of methods of every shape javac emits.
    List<String> refused = new ArrayList<>();
    int methods = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (!name.endsWith(".jar") || !(name.startsWith("asm") || name.startsWith("logback"))) {
        continue;
      }
      try (JarFile jar = new JarFile(entry)) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry e = entries.nextElement();
          if (!e.getName().endsWith(".class") || e.getName().contains("module-info")) {
            continue;
          }
          ClassNode node = new ClassNode();
          try (InputStream in = jar.getInputStream(e)) {
            new ClassReader(in).accept(node, ClassReader.EXPAND_FRAMES);
          }
          for (MethodNode m : node.methods) {
            if (m.instructions.size() == 0) {
              continue;
            }
            methods++;
            String problem = VerifierCheck.problem(node.name, m);
            if (problem != null) {
              refused.add(node.name + "." + m.name + m.desc + ": " + problem);
            }
          }
        }
      }
    }
    assertTrue(methods > 1_000, "only " + methods + " methods found");
    assertEquals(List.of(), refused);
  }
}
