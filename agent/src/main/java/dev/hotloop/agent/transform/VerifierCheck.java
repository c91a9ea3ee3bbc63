package dev.hotloop.agent.transform;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.BasicVerifier;

/**
 * Finds what the JVM's verifier will refuse in a method, as far as that is known without
 * loading classes: operands of the wrong kind, and loads from or stores to a primitive array of
 * another element type. A method the JVM refuses must stay byte for byte as written, or its
 * {@code VerifyError} would name other offsets and show other bytecode than without the agent.
 */
public final class VerifierCheck {

  private VerifierCheck() {
  }

  /** What the verifier would refuse in {@code method} of {@code owner}, or null. */
  public static String problem(String owner, MethodNode method) {
    try {
      new Analyzer<>(new KindAndArrayVerifier()).analyze(owner, method);
      return null;
    } catch (AnalyzerException e) {
      return e.getMessage();
    } catch (RuntimeException e) {
      return "could not be checked: " + e;
    }
  }

  /**
   * ASM's {@link BasicVerifier} with the types of references kept (class hierarchies are not
   * known here, so any reference passes where a reference is expected), and primitive arrays'
   * element types checked.
   */
  private static final class KindAndArrayVerifier extends BasicVerifier {

    KindAndArrayVerifier() {
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
    protected boolean isSubTypeOf(BasicValue value, BasicValue expected) {
      return expected.isReference() ? value.isReference() : value.equals(expected);
    }

    @Override
    public BasicValue merge(BasicValue value1, BasicValue value2) {
      if (value1.equals(value2)) {
        return value1;
      }
      if (value1.isReference() && value2.isReference()) {
        return BasicValue.REFERENCE_VALUE;
      }
      return BasicValue.UNINITIALIZED_VALUE;
    }

    @Override
    public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue value1,
        BasicValue value2) throws AnalyzerException {
      int op = insn.getOpcode();
      if (op >= Opcodes.IALOAD && op <= Opcodes.SALOAD && op != Opcodes.AALOAD) {
        checkElement(insn, op - Opcodes.IALOAD, value1);
      }
      if (op == Opcodes.AALOAD && value1.getType() != null
          && value1.getType().getSort() == Type.ARRAY) {
        checkElement(insn, -1, value1);
        return newValue(Type.getType(value1.getType().getDescriptor().substring(1)));
      }
      return super.binaryOperation(insn, value1, value2);
    }

    @Override
    public BasicValue ternaryOperation(AbstractInsnNode insn, BasicValue value1,
        BasicValue value2, BasicValue value3) throws AnalyzerException {
      int op = insn.getOpcode();
      if (op >= Opcodes.IASTORE && op <= Opcodes.SASTORE && op != Opcodes.AASTORE) {
        checkElement(insn, op - Opcodes.IASTORE, value1);
      }
      return super.ternaryOperation(insn, value1, value2, value3);
    }

    /**
     * Fails when {@code array} is known to be an array whose elements the instruction of kind
     * {@code k} (0 int, 1 long, 2 float, 3 double, 5 byte or boolean, 6 char, 7 short; -1 a
     * reference) cannot access.
     */
    private static void checkElement(AbstractInsnNode insn, int k, BasicValue array)
        throws AnalyzerException {
      Type type = array.getType();
      if (type == null || type.getSort() != Type.ARRAY) {
        // null, or arrays of several types merged: nothing to check without more types.
        return;
      }
      String element = type.getDescriptor().substring(1);
      boolean fits = switch (k) {
        case 0 -> element.equals("I");
        case 1 -> element.equals("J");
        case 2 -> element.equals("F");
        case 3 -> element.equals("D");
        case 5 -> element.equals("B") || element.equals("Z");
        case 6 -> element.equals("C");
        case 7 -> element.equals("S");
        default -> element.startsWith("L") || element.startsWith("[");
      };
      if (!fits) {
        throw new AnalyzerException(insn, "an array of " + type.getClassName()
            + " where the instruction needs another element type");
      }
    }
  }
}
