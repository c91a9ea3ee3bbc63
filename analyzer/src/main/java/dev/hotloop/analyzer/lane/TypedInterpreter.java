package dev.hotloop.analyzer.lane;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * A {@link BasicInterpreter} that keeps the class and array types of references, so the
 * analyzer knows that a local holds a {@code long[]} or a {@code Long}, without loading any
 * class: two different reference types merge to plain {@code Object}.
 */
public final class TypedInterpreter extends BasicInterpreter {

  public TypedInterpreter() {
    super(Opcodes.ASM9);
  }

  @Override
  public BasicValue newValue(Type type) {
    if (type != null && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY)) {
      return new BasicValue(type);
    }
    return super.newValue(type);
  }

  @Override
  public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue value1, BasicValue value2)
      throws AnalyzerException {
    // Keep the component type of an array of arrays: rows of a long[][] are long[]s.
    if (insn.getOpcode() == Opcodes.AALOAD && value1.getType() != null
        && value1.getType().getSort() == Type.ARRAY) {
      Type array = value1.getType();
      String component = array.getDescriptor().substring(1);
      return newValue(Type.getType(component));
    }
    return super.binaryOperation(insn, value1, value2);
  }

  private static boolean isNull(BasicValue v) {
    return v.getType() != null && v.getType().getSort() == Type.OBJECT
        && v.getType().getInternalName().equals("null");
  }

  @Override
  public BasicValue merge(BasicValue value1, BasicValue value2) {
    if (value1.equals(value2)) {
      return value1;
    }
    if (value1.isReference() && value2.isReference()) {
      // null merges into any reference type, as in the verifier.
      if (isNull(value1)) {
        return value2;
      }
      if (isNull(value2)) {
        return value1;
      }
      return BasicValue.REFERENCE_VALUE;
    }
    return BasicValue.UNINITIALIZED_VALUE;
  }
}
