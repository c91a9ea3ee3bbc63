package dev.hotloop.analyzer;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.LineNumberNode;

/** Finds the source line of an instruction from the method's line number table. */
final class SourceLines {

  private SourceLines() {
  }

  /**
   * The line of {@code index}: the entry just after it when it starts a line, else the nearest
   * entry before it, else the first one after it, else -1 when the class has no line numbers.
   */
  static int lineAt(InsnList insns, int index) {
    // A line entry right after a jump target (before its first real instruction) is its own.
    for (AbstractInsnNode n = insns.get(index); n != null && n.getOpcode() < 0; n = n.getNext()) {
      if (n instanceof LineNumberNode line) {
        return line.line;
      }
    }
    for (AbstractInsnNode n = insns.get(index); n != null; n = n.getPrevious()) {
      if (n instanceof LineNumberNode line) {
        return line.line;
      }
    }
    for (AbstractInsnNode n = insns.get(index); n != null; n = n.getNext()) {
      if (n instanceof LineNumberNode line) {
        return line.line;
      }
    }
    return -1;
  }
}
