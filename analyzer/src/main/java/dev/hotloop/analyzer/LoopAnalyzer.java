package dev.hotloop.analyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.hotloop.analyzer.cfg.ControlFlowGraph;
import dev.hotloop.analyzer.cfg.Dominators;
import dev.hotloop.analyzer.cfg.Liveness;
import dev.hotloop.analyzer.cfg.LoopForest;
import dev.hotloop.analyzer.cfg.NaturalLoop;
import dev.hotloop.analyzer.lane.TypedInterpreter;
import dev.hotloop.analyzer.plan.LoopSite;
import dev.hotloop.analyzer.plan.LoopVerdict;
import dev.hotloop.analyzer.plan.MethodAnalysis;
import dev.hotloop.analyzer.plan.Rejection;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Finds the loops over primitive arrays of a method and gives each a verdict: a loop plan, or a
 * rejection with its reason and source line. A pure function of the method's bytecode: it
 * loads no class and never changes the method.
 */
public final class LoopAnalyzer {

  private LoopAnalyzer() {
  }

  /**
   * Analyzes one method of class {@code owner} (an internal name). The method should have
   * been read with {@code ClassReader.EXPAND_FRAMES} if its plans are to be given to codegen.
   */
  public static MethodAnalysis analyze(String owner, MethodNode method) {
    return analyze(DeclaredFields.none(owner), method);
  }

  /**
   * Analyzes one method of the class whose fields are {@code fields}: loops may then read the
   * fields it declares that are not volatile. The method should have been read with
   * {@code ClassReader.EXPAND_FRAMES} if its plans are to be given to codegen.
   */
  public static MethodAnalysis analyze(DeclaredFields fields, MethodNode method) {
    String owner = fields.owner();
    List<LoopVerdict> verdicts = new ArrayList<>();
    if (method.instructions == null || method.instructions.size() == 0
        || (method.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
      return new MethodAnalysis(owner, method.name, method.desc, verdicts);
    }
    ControlFlowGraph graph = ControlFlowGraph.of(method);
    Dominators dominators = Dominators.of(graph);
    LoopForest forest = LoopForest.of(graph, dominators);
    List<NaturalLoop> loops = new ArrayList<>(forest.loops());
    loops.sort(Comparator.comparingInt(l -> graph.block(l.header()).first()));

    List<NaturalLoop> candidates = new ArrayList<>();
    for (NaturalLoop loop : loops) {
      if (touchesPrimitiveArray(graph, loop)) {
        candidates.add(loop);
      }
    }
    if (candidates.isEmpty() && forest.irreducibleTargets().isEmpty()) {
      return new MethodAnalysis(owner, method.name, method.desc, verdicts);
    }

    Frame<BasicValue>[] types;
    try {
      types = new Analyzer<>(new TypedInterpreter()).analyze(owner, method);
    } catch (AnalyzerException | RuntimeException e) {
      String reason = "bytecode the analyzer does not understand: " + e.getMessage();
      for (int k = 0; k < candidates.size(); k++) {
        int first = graph.block(candidates.get(k).header()).first();
        int line = SourceLines.lineAt(method.instructions, first);
        verdicts.add(new LoopVerdict.Rejected(new Rejection(
            new LoopSite(owner, method.name, method.desc, loops.indexOf(candidates.get(k)), line),
            reason, first, line)));
      }
      return new MethodAnalysis(owner, method.name, method.desc, verdicts);
    }
    Liveness liveness = Liveness.of(graph);
    boolean subroutines = usesSubroutines(method.instructions);
    for (NaturalLoop loop : candidates) {
      int ordinal = loops.indexOf(loop);
      int first = graph.block(loop.header()).first();
      int line = SourceLines.lineAt(method.instructions, first);
      LoopSite site = new LoopSite(owner, method.name, method.desc, ordinal, line);
      if (subroutines) {
        verdicts.add(new LoopVerdict.Rejected(new Rejection(site,
            "the method uses jsr/ret subroutines (pre-Java 6 bytecode)", first, line)));
        continue;
      }
      verdicts.add(new LoopLifter(site, graph, dominators, forest, loop, types, liveness,
          fields).lift());
    }
    int ordinal = loops.size();
    for (int target : forest.irreducibleTargets()) {
      int first = graph.block(target).first();
      int line = SourceLines.lineAt(method.instructions, first);
      verdicts.add(new LoopVerdict.Rejected(new Rejection(
          new LoopSite(owner, method.name, method.desc, ordinal++, line),
          "irreducible control flow: a cycle entered at more than one point", first, line)));
    }
    return new MethodAnalysis(owner, method.name, method.desc, verdicts);
  }

  private static boolean usesSubroutines(InsnList insns) {
    for (AbstractInsnNode insn : insns) {
      if (insn.getOpcode() == Opcodes.JSR
          || (insn instanceof VarInsnNode && insn.getOpcode() == Opcodes.RET)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the loop reads or writes an element or the length of a primitive array. */
  private static boolean touchesPrimitiveArray(ControlFlowGraph graph, NaturalLoop loop) {
    InsnList insns = graph.method().instructions;
    for (int b = loop.body().nextSetBit(0); b >= 0; b = loop.body().nextSetBit(b + 1)) {
      ControlFlowGraph.Block block = graph.block(b);
      for (int i = block.first(); i <= block.last(); i++) {
        int op = insns.get(i).getOpcode();
        if ((op >= Opcodes.IALOAD && op <= Opcodes.SALOAD && op != Opcodes.AALOAD)
            || (op >= Opcodes.IASTORE && op <= Opcodes.SASTORE && op != Opcodes.AASTORE)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a type is a one-dimensional array of a primitive type other than boolean. */
  static boolean isPrimitiveArray(Type type) {
    return type != null && type.getSort() == Type.ARRAY && type.getDimensions() == 1
        && type.getElementType().getSort() >= Type.CHAR
        && type.getElementType().getSort() <= Type.DOUBLE;
  }
}
