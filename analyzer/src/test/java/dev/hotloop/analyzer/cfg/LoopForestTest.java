package dev.hotloop.analyzer.cfg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.hotloop.analyzer.LoopAnalyzer;
import dev.hotloop.analyzer.plan.LoopVerdict;
import dev.hotloop.analyzer.plan.MethodAnalysis;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Loops found on hand-assembled control flow, in shapes no Java compiler emits but other
 * compilers and obfuscators do: bottom-tested loops entered by a jump, and irreducible cycles.
 */
class LoopForestTest {

  private static LoopForest forestOf(MethodNode m) {
    ControlFlowGraph g = ControlFlowGraph.of(m);
    return LoopForest.of(g, Dominators.of(g));
  }

  /** {@code static long f(long[] a)} with a body the test assembles. */
  private static MethodNode method(String desc) {
    MethodNode m = new MethodNode(Opcodes.ACC_STATIC, "f", desc, null, null);
    m.maxLocals = 8;
    m.maxStack = 8;
    return m;
  }

  @Test
  void aLoopEnteredByAJumpToItsBottomTestIsOneNaturalLoop() {
    // i = 0; goto test; body: s += a[i]; i++; test: if (i < a.length) goto body; return s
    MethodNode m = method("([J)J");
    Label body = new Label();
    Label test = new Label();
    m.visitInsn(Opcodes.LCONST_0);
    m.visitVarInsn(Opcodes.LSTORE, 1);
    m.visitInsn(Opcodes.ICONST_0);
    m.visitVarInsn(Opcodes.ISTORE, 3);
    m.visitJumpInsn(Opcodes.GOTO, test);
    m.visitLabel(body);
    m.visitVarInsn(Opcodes.LLOAD, 1);
    m.visitVarInsn(Opcodes.ALOAD, 0);
    m.visitVarInsn(Opcodes.ILOAD, 3);
    m.visitInsn(Opcodes.LALOAD);
    m.visitInsn(Opcodes.LADD);
    m.visitVarInsn(Opcodes.LSTORE, 1);
    m.visitIincInsn(3, 1);
    m.visitLabel(test);
    m.visitVarInsn(Opcodes.ILOAD, 3);
    m.visitVarInsn(Opcodes.ALOAD, 0);
    m.visitInsn(Opcodes.ARRAYLENGTH);
    m.visitJumpInsn(Opcodes.IF_ICMPLT, body);
    m.visitVarInsn(Opcodes.LLOAD, 1);
    m.visitInsn(Opcodes.LRETURN);

    LoopForest forest = forestOf(m);
    assertEquals(1, forest.loops().size());
    assertTrue(forest.irreducibleTargets().isEmpty());
    // The header is the test block: the only block every path into the cycle goes through.
    ControlFlowGraph g = ControlFlowGraph.of(m);
    int header = forest.loops().get(0).header();
    assertEquals(m.instructions.indexOf((LabelNode) test.info), g.block(header).first());
    // Tested at the top once entered, so it is a plan like javac's for loops.
    MethodAnalysis analysis = LoopAnalyzer.analyze("T", m);
    assertTrue(analysis.hasPlan(), () -> analysis.loops().toString());
  }

  @Test
  void aCycleWithTwoEntriesIsIrreducibleAndReportedSo() {
    // if (n > 0) goto b; a: s += x[0]; b: s += x[0]; if (s < 100) goto a; return s
    MethodNode m = method("([JI)J");
    Label a = new Label();
    Label b = new Label();
    m.visitInsn(Opcodes.LCONST_0);
    m.visitVarInsn(Opcodes.LSTORE, 2);
    m.visitVarInsn(Opcodes.ILOAD, 1);
    m.visitJumpInsn(Opcodes.IFGT, b);
    m.visitLabel(a);
    m.visitVarInsn(Opcodes.LLOAD, 2);
    m.visitVarInsn(Opcodes.ALOAD, 0);
    m.visitInsn(Opcodes.ICONST_0);
    m.visitInsn(Opcodes.LALOAD);
    m.visitInsn(Opcodes.LADD);
    m.visitVarInsn(Opcodes.LSTORE, 2);
    m.visitLabel(b);
    m.visitVarInsn(Opcodes.LLOAD, 2);
    m.visitVarInsn(Opcodes.ALOAD, 0);
    m.visitInsn(Opcodes.ICONST_0);
    m.visitInsn(Opcodes.LALOAD);
    m.visitInsn(Opcodes.LADD);
    m.visitVarInsn(Opcodes.LSTORE, 2);
    m.visitVarInsn(Opcodes.LLOAD, 2);
    m.visitLdcInsn(100L);
    m.visitInsn(Opcodes.LCMP);
    m.visitJumpInsn(Opcodes.IFLT, a);
    m.visitVarInsn(Opcodes.LLOAD, 2);
    m.visitInsn(Opcodes.LRETURN);

    LoopForest forest = forestOf(m);
    assertTrue(forest.loops().isEmpty(), "no block of the cycle dominates the others");
    assertFalse(forest.irreducibleTargets().isEmpty());
    MethodAnalysis analysis = LoopAnalyzer.analyze("T", m);
    List<LoopVerdict> verdicts = analysis.loops();
    assertEquals(1, verdicts.size());
    assertTrue(((LoopVerdict.Rejected) verdicts.get(0)).rejection().reason()
        .contains("irreducible"));
  }

  @Test
  void nestedLoopsAreOrderedOuterFirstWithTheirDepth() {
    // for (i..) for (j..) {}
    MethodNode m = method("(I)V");
    Label outer = new Label();
    Label inner = new Label();
    Label innerDone = new Label();
    Label done = new Label();
    m.visitInsn(Opcodes.ICONST_0);
    m.visitVarInsn(Opcodes.ISTORE, 1);
    m.visitLabel(outer);
    m.visitVarInsn(Opcodes.ILOAD, 1);
    m.visitVarInsn(Opcodes.ILOAD, 0);
    m.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    m.visitInsn(Opcodes.ICONST_0);
    m.visitVarInsn(Opcodes.ISTORE, 2);
    m.visitLabel(inner);
    m.visitVarInsn(Opcodes.ILOAD, 2);
    m.visitVarInsn(Opcodes.ILOAD, 0);
    m.visitJumpInsn(Opcodes.IF_ICMPGE, innerDone);
    m.visitIincInsn(2, 1);
    m.visitJumpInsn(Opcodes.GOTO, inner);
    m.visitLabel(innerDone);
    m.visitIincInsn(1, 1);
    m.visitJumpInsn(Opcodes.GOTO, outer);
    m.visitLabel(done);
    m.visitInsn(Opcodes.RETURN);

    LoopForest forest = forestOf(m);
    assertEquals(2, forest.loops().size());
    assertEquals(0, forest.loops().get(0).depth());
    assertEquals(1, forest.loops().get(1).depth());
    assertTrue(forest.loops().get(0).encloses(forest.loops().get(1)));
    assertEquals(List.of(forest.loops().get(1)), forest.enclosedBy(forest.loops().get(0)));
  }
}
