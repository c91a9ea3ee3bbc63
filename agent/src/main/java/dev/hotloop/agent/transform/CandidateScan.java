package dev.hotloop.agent.transform;

import java.util.HashSet;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A quick pass over a class file that finds the methods worth a full analysis: those that load
 * from or store to a primitive array. Most classes have none and cost only this scan.
 */
final class CandidateScan {

  private CandidateScan() {
  }

  /** {@code name + descriptor} of every method with a primitive array access. */
  static Set<String> methodsWithPrimitiveArrays(ClassReader reader) {
    Set<String> found = new HashSet<>();
    reader.accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
          return null;
        }
        String key = name + descriptor;
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitInsn(int opcode) {
            if ((opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD && opcode != Opcodes.AALOAD)
                || (opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE
                    && opcode != Opcodes.AASTORE)) {
              found.add(key);
            }
          }
        };
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return found;
  }
}
