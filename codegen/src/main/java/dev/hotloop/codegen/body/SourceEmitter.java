package dev.hotloop.codegen.body;

import dev.hotloop.analyzer.plan.Source;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Emits the reads of a loop's {@link Source}s in the preheader, and the guards in front of them:
 * a field of a null object or a row past the end of its array would throw where the loop read
 * it, so the guards send such calls to the original loop, which throws there as it always did.
 */
final class SourceEmitter {

  private final boolean instanceMethod;

  /** For a method that is static or not ({@code this} is local 0 of an instance method). */
  SourceEmitter(boolean instanceMethod) {
    this.instanceMethod = instanceMethod;
  }

  /** Jumps to {@code fail} unless {@code source} (null for none) can be read without throwing. */
  void guard(InsnList code, Source source, LabelNode fail) {
    if (source instanceof Source.Field f && f.object() != null) {
      guard(code, f.object(), fail);
      if (!(instanceMethod && f.object() instanceof Source.Local l && l.slot() == 0)) {
        load(code, f.object(), Type.getObjectType(f.owner()));
        code.add(new JumpInsnNode(Opcodes.IFNULL, fail));
      }
    } else if (source instanceof Source.Row r) {
      guard(code, r.array(), fail);
      guard(code, r.index(), fail);
      Type rows = Type.getType("[Ljava/lang/Object;");
      load(code, r.array(), rows);
      code.add(new JumpInsnNode(Opcodes.IFNULL, fail));
      load(code, r.index(), Type.INT_TYPE);
      code.add(new JumpInsnNode(Opcodes.IFLT, fail));
      load(code, r.index(), Type.INT_TYPE);
      load(code, r.array(), rows);
      code.add(new InsnNode(Opcodes.ARRAYLENGTH));
      code.add(new JumpInsnNode(Opcodes.IF_ICMPGE, fail));
    }
  }

  /** Pushes the value of {@code source}, of {@code type}; its guards must have passed. */
  void load(InsnList code, Source source, Type type) {
    if (source instanceof Source.Local l) {
      code.add(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), l.slot()));
    } else if (source instanceof Source.Field f) {
      if (f.object() == null) {
        code.add(new FieldInsnNode(Opcodes.GETSTATIC, f.owner(), f.name(), f.descriptor()));
      } else {
        load(code, f.object(), Type.getObjectType(f.owner()));
        code.add(new FieldInsnNode(Opcodes.GETFIELD, f.owner(), f.name(), f.descriptor()));
      }
    } else if (source instanceof Source.Row r) {
      load(code, r.array(), Type.getType("[Ljava/lang/Object;"));
      load(code, r.index(), Type.INT_TYPE);
      code.add(new InsnNode(Opcodes.AALOAD));
    }
  }
}
