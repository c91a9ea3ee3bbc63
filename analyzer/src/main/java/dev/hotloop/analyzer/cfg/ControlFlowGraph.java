package dev.hotloop.analyzer.cfg;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * The basic blocks of a method and the edges between them, normal and exceptional. Built from
 * the instruction list alone, so it sees the bytecode of any compiler the same way.
 */
public final class ControlFlowGraph {

  /**
   * One basic block: instructions {@code first..last} (inclusive indexes into the method's
   * instruction list), its normal successors and the handlers that may catch its exceptions.
   */
  public record Block(int index, int first, int last, int[] successors, int[] handlers) {

    /** Whether control can reach {@code block} from this block without an exception. */
    public boolean jumpsTo(int block) {
      for (int s : successors) {
        if (s == block) {
          return true;
        }
      }
      return false;
    }
  }

  private final MethodNode method;
  private final List<Block> blocks;
  private final int[] blockOfInsn;
  private final int[][] predecessors;

  private ControlFlowGraph(MethodNode method, List<Block> blocks, int[] blockOfInsn) {
    this.method = method;
    this.blocks = List.copyOf(blocks);
    this.blockOfInsn = blockOfInsn;
    List<List<Integer>> preds = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      preds.add(new ArrayList<>());
    }
    for (Block b : blocks) {
      for (int s : b.successors()) {
        preds.get(s).add(b.index());
      }
      for (int h : b.handlers()) {
        preds.get(h).add(b.index());
      }
    }
    this.predecessors = new int[blocks.size()][];
    for (int i = 0; i < blocks.size(); i++) {
      predecessors[i] = preds.get(i).stream().mapToInt(Integer::intValue).distinct().toArray();
    }
  }

  /** Builds the graph of {@code method}; the method is not changed. */
  public static ControlFlowGraph of(MethodNode method) {
    InsnList insns = method.instructions;
    int size = insns.size();
    BitSet leaders = new BitSet(size + 1);
    if (size > 0) {
      leaders.set(0);
    }
    Map<LabelNode, Integer> labelIndex = new IdentityHashMap<>();
    for (int i = 0; i < size; i++) {
      AbstractInsnNode insn = insns.get(i);
      if (insn instanceof LabelNode label) {
        labelIndex.put(label, i);
      }
    }
    for (int i = 0; i < size; i++) {
      AbstractInsnNode insn = insns.get(i);
      if (insn instanceof JumpInsnNode jump) {
        leaders.set(labelIndex.get(jump.label));
        leaders.set(i + 1);
      } else if (insn instanceof TableSwitchInsnNode ts) {
        leaders.set(labelIndex.get(ts.dflt));
        ts.labels.forEach(l -> leaders.set(labelIndex.get(l)));
        leaders.set(i + 1);
      } else if (insn instanceof LookupSwitchInsnNode ls) {
        leaders.set(labelIndex.get(ls.dflt));
        ls.labels.forEach(l -> leaders.set(labelIndex.get(l)));
        leaders.set(i + 1);
      } else if (endsFlow(insn.getOpcode())) {
        leaders.set(i + 1);
      }
    }
    for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
      leaders.set(labelIndex.get(tcb.start));
      leaders.set(labelIndex.get(tcb.end));
      leaders.set(labelIndex.get(tcb.handler));
    }
    leaders.clear(size, size + 1);

    int[] blockOfInsn = new int[size];
    List<int[]> ranges = new ArrayList<>();
    for (int start = leaders.nextSetBit(0); start >= 0; ) {
      int next = leaders.nextSetBit(start + 1);
      int end = (next < 0 ? size : next) - 1;
      for (int i = start; i <= end; i++) {
        blockOfInsn[i] = ranges.size();
      }
      ranges.add(new int[] {start, end});
      start = next;
    }

    List<Block> blocks = new ArrayList<>();
    for (int b = 0; b < ranges.size(); b++) {
      int first = ranges.get(b)[0];
      int last = ranges.get(b)[1];
      AbstractInsnNode insn = lastRealInsn(insns, first, last);
      List<Integer> succ = new ArrayList<>();
      int opcode = insn == null ? -1 : insn.getOpcode();
      if (insn instanceof JumpInsnNode jump) {
        succ.add(blockOfInsn[labelIndex.get(jump.label)]);
        if (opcode != Opcodes.GOTO && opcode != Opcodes.JSR && last + 1 < size) {
          succ.add(blockOfInsn[last + 1]);
        }
      } else if (insn instanceof TableSwitchInsnNode ts) {
        succ.add(blockOfInsn[labelIndex.get(ts.dflt)]);
        ts.labels.forEach(l -> succ.add(blockOfInsn[labelIndex.get(l)]));
      } else if (insn instanceof LookupSwitchInsnNode ls) {
        succ.add(blockOfInsn[labelIndex.get(ls.dflt)]);
        ls.labels.forEach(l -> succ.add(blockOfInsn[labelIndex.get(l)]));
      } else if (!endsFlow(opcode) && last + 1 < size) {
        succ.add(blockOfInsn[last + 1]);
      }
      List<Integer> handlers = new ArrayList<>();
      for (TryCatchBlockNode tcb : method.tryCatchBlocks) {
        int from = labelIndex.get(tcb.start);
        int to = labelIndex.get(tcb.end);
        if (first >= from && first < to) {
          handlers.add(blockOfInsn[labelIndex.get(tcb.handler)]);
        }
      }
      blocks.add(new Block(b, first, last,
          succ.stream().mapToInt(Integer::intValue).distinct().toArray(),
          handlers.stream().mapToInt(Integer::intValue).distinct().toArray()));
    }
    return new ControlFlowGraph(method, blocks, blockOfInsn);
  }

  private static AbstractInsnNode lastRealInsn(InsnList insns, int first, int last) {
    for (int i = last; i >= first; i--) {
      if (insns.get(i).getOpcode() >= 0) {
        return insns.get(i);
      }
    }
    return null;
  }

  private static boolean endsFlow(int opcode) {
    return (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN)
        || opcode == Opcodes.ATHROW
        || opcode == Opcodes.GOTO
        || opcode == Opcodes.RET
        || opcode == Opcodes.TABLESWITCH
        || opcode == Opcodes.LOOKUPSWITCH;
  }

  /** The method this graph was built from. */
  public MethodNode method() {
    return method;
  }

  /** All blocks, in instruction order; block 0 is the entry. */
  public List<Block> blocks() {
    return blocks;
  }

  /** The block with the given index. */
  public Block block(int index) {
    return blocks.get(index);
  }

  /** The block that holds instruction {@code insnIndex}. */
  public int blockOf(int insnIndex) {
    return blockOfInsn[insnIndex];
  }

  /** The blocks with an edge (normal or exceptional) into {@code block}. */
  public int[] predecessors(int block) {
    return predecessors[block].clone();
  }

  /** All successors of a block, normal and exceptional. */
  public int[] allSuccessors(int block) {
    Block b = blocks.get(block);
    int[] all = new int[b.successors().length + b.handlers().length];
    System.arraycopy(b.successors(), 0, all, 0, b.successors().length);
    System.arraycopy(b.handlers(), 0, all, b.successors().length, b.handlers().length);
    return all;
  }
}
