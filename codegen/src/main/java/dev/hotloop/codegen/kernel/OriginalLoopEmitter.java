package dev.hotloop.codegen.kernel;

import java.util.List;

import dev.hotloop.analyzer.plan.Accumulator;
import dev.hotloop.analyzer.plan.ArrayInput;
import dev.hotloop.analyzer.plan.Bound;
import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Identities;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.analyzer.plan.Reduction;
import dev.hotloop.analyzer.plan.ScalarInput;
import dev.hotloop.analyzer.plan.Source;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The run method of an {@link OriginalLoop}: the loop's own bytecode with every local moved
 * past the kernel's parameters, entered at its header with its locals set from them. The
 * induction variable starts at {@code from}; a bound in a local is set so the loop ends at
 * {@code to}, while a bound on an array's length ends it there, at most a few elements from
 * {@code to} in the warm-up's runs. The first reduction's accumulator starts from the
 * parameter, the others from their identities, and what it returns folds in every other
 * accumulator's bits, so that C2 keeps all the loop's work as the application's method does.
 * A boxed accumulator is boxed and unboxed as the loop does it.
 */
final class OriginalLoopEmitter implements LoopBodyEmitter {

  private final KernelFrame frame;
  private final OriginalLoop loop;

  OriginalLoopEmitter(KernelFrame frame, OriginalLoop loop) {
    this.frame = frame;
    this.loop = loop;
  }

  String description() {
    return "the loop's own bytecode, to time vector code against";
  }

  @Override
  public void emit(MethodVisitor mv) {
    LoopPlan plan = loop.plan();
    int base = frame.allocate(loop.maxLocals());
    for (ArrayInput a : frame.arrays()) {
      mv.visitVarInsn(Opcodes.ALOAD, frame.arraySlot(a));
      mv.visitVarInsn(Opcodes.ASTORE, base + ((Source.Local) a.source()).slot());
    }
    for (ScalarInput s : frame.scalars()) {
      Type t = s.type().type();
      mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), frame.scalarSlot(s));
      mv.visitVarInsn(t.getOpcode(Opcodes.ISTORE), base + ((Source.Local) s.source()).slot());
    }
    List<Reduction> reductions = plan.reductions();
    for (int k = 0; k < reductions.size(); k++) {
      Accumulator acc = reductions.get(k).accumulator();
      Type t = acc.type().type();
      if (k == 0) {
        mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), frame.accSlot());
      } else {
        ScalarExpr.pushConstant(mv, Identities.of(reductions.get(k).operator(), acc.type()),
            acc.type());
      }
      if (acc.isBoxed()) {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, acc.boxing().wrapper(), "valueOf",
            acc.boxing().valueOfDescriptor(), false);
        mv.visitVarInsn(Opcodes.ASTORE, base + acc.slot());
      } else {
        mv.visitVarInsn(t.getOpcode(Opcodes.ISTORE), base + acc.slot());
      }
    }
    if (plan.bound() instanceof Bound.Value v) {
      // i < n + offset ends at to when n is to - offset.
      mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
      ScalarExpr.pushInt(mv, v.offset());
      mv.visitInsn(Opcodes.ISUB);
      mv.visitVarInsn(Opcodes.ISTORE, base + ((Source.Local) v.value()).slot());
    }
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitVarInsn(Opcodes.ISTORE, base + plan.inductionSlot());
    OriginalLoop.Copy copy = loop.copy();
    mv.visitJumpInsn(Opcodes.GOTO, copy.entry().getLabel());
    copy.body().accept(new MethodVisitor(Opcodes.ASM9, mv) {
      @Override
      public void visitVarInsn(int opcode, int var) {
        super.visitVarInsn(opcode, base + var);
      }

      @Override
      public void visitIincInsn(int var, int increment) {
        super.visitIincInsn(base + var, increment);
      }
    });
    mv.visitLabel(copy.exit().getLabel());
    if (reductions.isEmpty()) {
      mv.visitInsn(Opcodes.RETURN);
      return;
    }
    ElementType first = reductions.get(0).accumulator().type();
    loadUnboxed(mv, base, reductions.get(0).accumulator());
    if (reductions.size() > 1) {
      KernelEmitter.toBits(mv, first.type());
      for (int k = 1; k < reductions.size(); k++) {
        Accumulator acc = reductions.get(k).accumulator();
        loadUnboxed(mv, base, acc);
        KernelEmitter.toBits(mv, acc.type().type());
        mv.visitInsn(Opcodes.LXOR);
      }
      KernelEmitter.fromBits(mv, first.type());
    }
    mv.visitInsn(first.type().getOpcode(Opcodes.IRETURN));
  }

  private static void loadUnboxed(MethodVisitor mv, int base, Accumulator acc) {
    if (acc.isBoxed()) {
      mv.visitVarInsn(Opcodes.ALOAD, base + acc.slot());
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, acc.boxing().wrapper(),
          acc.boxing().unboxMethod(), "()" + acc.type().type().getDescriptor(), false);
    } else {
      mv.visitVarInsn(acc.type().type().getOpcode(Opcodes.ILOAD), base + acc.slot());
    }
  }
}
