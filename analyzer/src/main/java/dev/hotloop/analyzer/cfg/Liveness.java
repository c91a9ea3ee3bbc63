package dev.hotloop.analyzer.cfg;

import java.util.BitSet;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Which local variable slots are live (may be read before being written) at the start of each
 * block. A slot that is live where a loop exits holds a value the rest of the method needs.
 */
public final class Liveness {

  private final BitSet[] liveIn;

  private Liveness(BitSet[] liveIn) {
    this.liveIn = liveIn;
  }

  /** Computes live slots for every block of {@code graph}. */
  public static Liveness of(ControlFlowGraph graph) {
    InsnList insns = graph.method().instructions;
    int n = graph.blocks().size();
    BitSet[] use = new BitSet[n];
    BitSet[] def = new BitSet[n];
    for (ControlFlowGraph.Block b : graph.blocks()) {
      BitSet u = new BitSet();
      BitSet d = new BitSet();
      for (int i = b.first(); i <= b.last(); i++) {
        AbstractInsnNode insn = insns.get(i);
        if (insn instanceof VarInsnNode v) {
          boolean load = v.getOpcode() >= Opcodes.ILOAD && v.getOpcode() <= Opcodes.ALOAD
              || v.getOpcode() == Opcodes.RET;
          if (load) {
            if (!d.get(v.var)) {
              u.set(v.var);
            }
          } else {
            d.set(v.var);
          }
        } else if (insn instanceof IincInsnNode inc) {
          if (!d.get(inc.var)) {
            u.set(inc.var);
          }
          d.set(inc.var);
        }
      }
      use[b.index()] = u;
      def[b.index()] = d;
    }
    BitSet[] in = new BitSet[n];
    for (int i = 0; i < n; i++) {
      in[i] = new BitSet();
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int b = n - 1; b >= 0; b--) {
        BitSet out = new BitSet();
        for (int s : graph.allSuccessors(b)) {
          out.or(in[s]);
        }
        out.andNot(def[b]);
        out.or(use[b]);
        if (!out.equals(in[b])) {
          in[b] = out;
          changed = true;
        }
      }
    }
    return new Liveness(in);
  }

  /** Whether {@code slot} may be read before it is written, starting at {@code block}. */
  public boolean isLiveAt(int block, int slot) {
    return liveIn[block].get(slot);
  }
}
