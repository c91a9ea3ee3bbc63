package dev.hotloop.codegen.body;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/** Inserts the call counter at the entry of a rewritten method. */
final class ProbeInsertion {

  private ProbeInsertion() {
  }

  static void insertEntryProbe(MethodNode method, int methodId) {
    InsnList probe = new InsnList();
    probe.add(new LdcInsnNode(methodId));
    probe.add(new MethodInsnNode(Opcodes.INVOKESTATIC, RuntimeContract.PROBES,
        RuntimeContract.ENTER, RuntimeContract.ENTER_DESC, false));
    method.instructions.insert(probe);
  }
}
