package dev.hotloop.analyzer.lane;

import java.util.ArrayList;
import java.util.List;

import dev.hotloop.analyzer.plan.Boxing;
import dev.hotloop.analyzer.plan.ElementType;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * An interpreter for {@link LaneValue}s: computes what each instruction of one loop iteration
 * produces in terms of the locals at the start of the iteration, and records every instruction
 * with an effect beyond its value (a store to memory, a call, a possible exception other than
 * the array accesses that guards cover) and every conditional branch.
 */
public final class LaneInterpreter extends Interpreter<LaneValue> {

  /** An instruction whose effect a kernel could not reproduce. */
  public record Effect(AbstractInsnNode insn, String description) {
  }

  /** A conditional branch and the values it compares ({@code right} is null for one operand). */
  public record Branch(AbstractInsnNode insn, LaneValue left, LaneValue right) {
  }

  /**
   * A store of {@code value} into {@code array[index]}, an array of {@code elementType}; made
   * only where {@code when} holds, or always when it is null.
   */
  public record Store(AbstractInsnNode insn, LaneValue array, LaneValue index, LaneValue value,
      ElementType elementType, LaneValue when) {
  }

  private final List<Effect> effects = new ArrayList<>();
  private final List<Branch> branches = new ArrayList<>();
  private List<Store> stores = new ArrayList<>();

  public LaneInterpreter() {
    super(Opcodes.ASM9);
  }

  /** The effects recorded so far, in execution order. */
  public List<Effect> effects() {
    return List.copyOf(effects);
  }

  /** The branches recorded so far, in execution order. */
  public List<Branch> branches() {
    return List.copyOf(branches);
  }

  /** The array stores of the path executed so far, in execution order. */
  public List<Store> stores() {
    return List.copyOf(stores);
  }

  /**
   * Makes {@code stores} the stores of the path executed so far: each arm of a condition starts
   * from the stores made before the condition.
   */
  public void resetStores(List<Store> stores) {
    this.stores = new ArrayList<>(stores);
  }

  /**
   * What {@code array[index]} reads now: a load after the stores so far, which knows the value
   * last stored there through the same reference this iteration, if any. A store through
   * another reference to an array of the same type may have written the same element since, and
   * one under a condition may not have; past those, only memory knows.
   */
  private LaneValue load(LaneValue array, LaneValue index, ElementType elementType) {
    LaneValue stored = null;
    for (int k = stores.size() - 1; k >= 0; k--) {
      Store s = stores.get(k);
      if (s.when() == null && s.array().equals(array) && s.index().equals(index)) {
        stored = narrowed(s.value(), s.elementType());
        break;
      }
      if (s.elementType() == elementType) {
        break;
      }
    }
    return new LaneValue.Element(array, index, elementType, stores.size(), stored);
  }

  /** {@code value} as an array of {@code elementType} holds it: narrow stores truncate. */
  private static LaneValue narrowed(LaneValue value, ElementType elementType) {
    int op = switch (elementType) {
      case BYTE -> Opcodes.I2B;
      case SHORT -> Opcodes.I2S;
      case CHAR -> Opcodes.I2C;
      default -> -1;
    };
    if (op < 0 || value instanceof LaneValue.Convert c && c.opcode() == op) {
      return value;
    }
    return new LaneValue.Convert(op, value, Type.INT_TYPE);
  }

  private LaneValue effect(AbstractInsnNode insn, String description, Type result) {
    effects.add(new Effect(insn, description));
    return result == null ? null : new LaneValue.Opaque(result, description);
  }

  @Override
  public LaneValue newValue(Type type) {
    if (type == null) {
      return new LaneValue.Empty(1);
    }
    if (type.getSort() == Type.VOID) {
      return null;
    }
    return new LaneValue.Opaque(type, "unknown");
  }

  @Override
  public LaneValue newOperation(AbstractInsnNode insn) {
    int op = insn.getOpcode();
    switch (op) {
      case Opcodes.ACONST_NULL:
        return new LaneValue.Constant(null, Type.getObjectType("java/lang/Object"));
      case Opcodes.ICONST_M1: case Opcodes.ICONST_0: case Opcodes.ICONST_1: case Opcodes.ICONST_2:
      case Opcodes.ICONST_3: case Opcodes.ICONST_4: case Opcodes.ICONST_5:
        return new LaneValue.Constant(op - Opcodes.ICONST_0, Type.INT_TYPE);
      case Opcodes.LCONST_0: case Opcodes.LCONST_1:
        return new LaneValue.Constant((long) (op - Opcodes.LCONST_0), Type.LONG_TYPE);
      case Opcodes.FCONST_0: case Opcodes.FCONST_1: case Opcodes.FCONST_2:
        return new LaneValue.Constant((float) (op - Opcodes.FCONST_0), Type.FLOAT_TYPE);
      case Opcodes.DCONST_0: case Opcodes.DCONST_1:
        return new LaneValue.Constant((double) (op - Opcodes.DCONST_0), Type.DOUBLE_TYPE);
      case Opcodes.BIPUSH: case Opcodes.SIPUSH:
        return new LaneValue.Constant(((IntInsnNode) insn).operand, Type.INT_TYPE);
      case Opcodes.LDC:
        return ldc(((LdcInsnNode) insn).cst);
      case Opcodes.GETSTATIC: {
        FieldInsnNode f = (FieldInsnNode) insn;
        return new LaneValue.Field(null, f.owner, f.name, f.desc);
      }
      case Opcodes.NEW:
        return effect(insn, "allocates an object",
            Type.getObjectType(((TypeInsnNode) insn).desc));
      default:
        return effect(insn, "unsupported instruction", Type.getObjectType("java/lang/Object"));
    }
  }

  private static LaneValue ldc(Object cst) {
    if (cst instanceof Integer) {
      return new LaneValue.Constant(cst, Type.INT_TYPE);
    } else if (cst instanceof Long) {
      return new LaneValue.Constant(cst, Type.LONG_TYPE);
    } else if (cst instanceof Float) {
      return new LaneValue.Constant(cst, Type.FLOAT_TYPE);
    } else if (cst instanceof Double) {
      return new LaneValue.Constant(cst, Type.DOUBLE_TYPE);
    } else if (cst instanceof String) {
      return new LaneValue.Constant(cst, Type.getObjectType("java/lang/String"));
    } else if (cst instanceof Type t) {
      return new LaneValue.Opaque(t.getSort() == Type.METHOD
          ? Type.getObjectType("java/lang/invoke/MethodType")
          : Type.getObjectType("java/lang/Class"), "constant");
    } else if (cst instanceof Handle) {
      return new LaneValue.Opaque(Type.getObjectType("java/lang/invoke/MethodHandle"), "constant");
    }
    return new LaneValue.Opaque(Type.getObjectType("java/lang/Object"), "dynamic constant");
  }

  @Override
  public LaneValue copyOperation(AbstractInsnNode insn, LaneValue value) {
    return value;
  }

  @Override
  public LaneValue unaryOperation(AbstractInsnNode insn, LaneValue value) {
    int op = insn.getOpcode();
    switch (op) {
      case Opcodes.INEG: case Opcodes.LNEG: case Opcodes.FNEG: case Opcodes.DNEG:
        return new LaneValue.Negate(op, value, value.type());
      case Opcodes.IINC:
        return new LaneValue.Arith(Opcodes.IADD, value,
            new LaneValue.Constant(((IincInsnNode) insn).incr, Type.INT_TYPE), Type.INT_TYPE);
      case Opcodes.I2L: case Opcodes.F2L: case Opcodes.D2L:
        return new LaneValue.Convert(op, value, Type.LONG_TYPE);
      case Opcodes.I2F: case Opcodes.L2F: case Opcodes.D2F:
        return new LaneValue.Convert(op, value, Type.FLOAT_TYPE);
      case Opcodes.I2D: case Opcodes.L2D: case Opcodes.F2D:
        return new LaneValue.Convert(op, value, Type.DOUBLE_TYPE);
      case Opcodes.L2I: case Opcodes.F2I: case Opcodes.D2I:
      case Opcodes.I2B: case Opcodes.I2C: case Opcodes.I2S:
        return new LaneValue.Convert(op, value, Type.INT_TYPE);
      case Opcodes.IFEQ: case Opcodes.IFNE: case Opcodes.IFLT: case Opcodes.IFGE:
      case Opcodes.IFGT: case Opcodes.IFLE: case Opcodes.IFNULL: case Opcodes.IFNONNULL:
        branches.add(new Branch(insn, value, null));
        return null;
      case Opcodes.TABLESWITCH: case Opcodes.LOOKUPSWITCH:
        effects.add(new Effect(insn, "switch"));
        return null;
      case Opcodes.IRETURN: case Opcodes.LRETURN: case Opcodes.FRETURN:
      case Opcodes.DRETURN: case Opcodes.ARETURN:
        effects.add(new Effect(insn, "returns from inside the loop"));
        return null;
      case Opcodes.PUTSTATIC:
        effects.add(new Effect(insn, "writes static field " + ((FieldInsnNode) insn).name));
        return null;
      case Opcodes.GETFIELD: {
        FieldInsnNode f = (FieldInsnNode) insn;
        return new LaneValue.Field(value, f.owner, f.name, f.desc);
      }
      case Opcodes.NEWARRAY: case Opcodes.ANEWARRAY:
        return effect(insn, "allocates an array", Type.getObjectType("java/lang/Object"));
      case Opcodes.ARRAYLENGTH:
        return new LaneValue.Length(value);
      case Opcodes.ATHROW:
        effects.add(new Effect(insn, "throws an exception"));
        return null;
      case Opcodes.CHECKCAST:
        return effect(insn, "casts a reference", Type.getObjectType(((TypeInsnNode) insn).desc));
      case Opcodes.INSTANCEOF:
        return new LaneValue.Opaque(Type.INT_TYPE, "instanceof");
      case Opcodes.MONITORENTER: case Opcodes.MONITOREXIT:
        effects.add(new Effect(insn, "synchronizes"));
        return null;
      default:
        return effect(insn, "unsupported instruction", Type.INT_TYPE);
    }
  }

  @Override
  public LaneValue binaryOperation(AbstractInsnNode insn, LaneValue left, LaneValue right) {
    int op = insn.getOpcode();
    switch (op) {
      case Opcodes.IALOAD: case Opcodes.LALOAD: case Opcodes.FALOAD: case Opcodes.DALOAD:
      case Opcodes.BALOAD: case Opcodes.CALOAD: case Opcodes.SALOAD: {
        ElementType e = elementOf(op, left.type());
        if (e == null) {
          return effect(insn, "reads a boolean array", Type.INT_TYPE);
        }
        return load(left, right, e);
      }
      case Opcodes.AALOAD: {
        Type arrayType = left.type();
        if (arrayType != null && arrayType.getSort() == Type.ARRAY
            && arrayType.getDimensions() == 2
            && ElementType.ofType(arrayType.getElementType()) != null) {
          return new LaneValue.Row(left, right, Type.getType(arrayType.getDescriptor()
              .substring(1)));
        }
        return effect(insn, "reads an object array", Type.getObjectType("java/lang/Object"));
      }
      case Opcodes.IDIV: case Opcodes.IREM: case Opcodes.LDIV: case Opcodes.LREM:
        effects.add(new Effect(insn, "integer division may throw ArithmeticException"));
        return new LaneValue.Arith(op, left, right, left.type());
      case Opcodes.IADD: case Opcodes.ISUB: case Opcodes.IMUL: case Opcodes.ISHL:
      case Opcodes.ISHR: case Opcodes.IUSHR: case Opcodes.IAND: case Opcodes.IOR: case Opcodes.IXOR:
      case Opcodes.LADD: case Opcodes.LSUB: case Opcodes.LMUL: case Opcodes.LAND: case Opcodes.LOR:
      case Opcodes.LXOR: case Opcodes.FADD: case Opcodes.FSUB: case Opcodes.FMUL: case Opcodes.FDIV:
      case Opcodes.FREM: case Opcodes.DADD: case Opcodes.DSUB: case Opcodes.DMUL: case Opcodes.DDIV:
      case Opcodes.DREM:
        return new LaneValue.Arith(op, left, right, left.type());
      case Opcodes.LSHL: case Opcodes.LSHR: case Opcodes.LUSHR:
        return new LaneValue.Arith(op, left, right, Type.LONG_TYPE);
      case Opcodes.LCMP: case Opcodes.FCMPL: case Opcodes.FCMPG: case Opcodes.DCMPL:
      case Opcodes.DCMPG:
        return new LaneValue.Arith(op, left, right, Type.INT_TYPE);
      case Opcodes.IF_ICMPEQ: case Opcodes.IF_ICMPNE: case Opcodes.IF_ICMPLT:
      case Opcodes.IF_ICMPGE: case Opcodes.IF_ICMPGT: case Opcodes.IF_ICMPLE:
      case Opcodes.IF_ACMPEQ: case Opcodes.IF_ACMPNE:
        branches.add(new Branch(insn, left, right));
        return null;
      case Opcodes.PUTFIELD:
        effects.add(new Effect(insn, "writes field " + ((FieldInsnNode) insn).name));
        return null;
      default:
        return effect(insn, "unsupported instruction", left.type());
    }
  }

  private static ElementType elementOf(int opcode, Type arrayType) {
    return switch (opcode) {
      case Opcodes.IALOAD -> ElementType.INT;
      case Opcodes.LALOAD -> ElementType.LONG;
      case Opcodes.FALOAD -> ElementType.FLOAT;
      case Opcodes.DALOAD -> ElementType.DOUBLE;
      case Opcodes.CALOAD -> ElementType.CHAR;
      case Opcodes.SALOAD -> ElementType.SHORT;
      // BALOAD reads byte[] and boolean[] alike; only the array's type tells them apart.
      case Opcodes.BALOAD -> arrayType != null && "[Z".equals(arrayType.getDescriptor())
          ? null : ElementType.BYTE;
      default -> null;
    };
  }

  @Override
  public LaneValue ternaryOperation(AbstractInsnNode insn, LaneValue array, LaneValue index,
      LaneValue value) {
    int op = insn.getOpcode();
    ElementType e = op == Opcodes.AASTORE ? null
        : elementOf(op - Opcodes.IASTORE + Opcodes.IALOAD, array.type());
    if (e == null) {
      effects.add(new Effect(insn, op == Opcodes.AASTORE ? "writes an object array"
          : "writes a boolean array"));
    } else {
      stores.add(new Store(insn, array, index, value, e, null));
    }
    return null;
  }

  @Override
  public LaneValue naryOperation(AbstractInsnNode insn, List<? extends LaneValue> values) {
    if (insn instanceof MethodInsnNode m) {
      Type ret = Type.getReturnType(m.desc);
      if (m.getOpcode() == Opcodes.INVOKESTATIC && m.name.equals("valueOf")) {
        Boxing b = Boxing.ofWrapper(Type.getObjectType(m.owner));
        if (b != null && m.desc.equals(b.valueOfDescriptor())) {
          return new LaneValue.Box(b, values.get(0));
        }
      }
      if (m.getOpcode() == Opcodes.INVOKEVIRTUAL) {
        Boxing b = Boxing.ofWrapper(Type.getObjectType(m.owner));
        if (b != null && m.name.equals(b.unboxMethod())
            && m.desc.equals("()" + b.primitive().type().getDescriptor())) {
          return new LaneValue.Unbox(b, values.get(0));
        }
      }
      if (m.getOpcode() == Opcodes.INVOKESTATIC && isPureMath(m)) {
        return new LaneValue.MathCall(m.name, new ArrayList<>(values), ret);
      }
      String minOrMax = m.getOpcode() == Opcodes.INVOKESTATIC ? kotlinMinOrMax(m) : null;
      if (minOrMax != null) {
        return new LaneValue.MathCall(minOrMax, new ArrayList<>(values), ret);
      }
      return effect(insn, "calls " + m.owner.replace('/', '.') + "." + m.name,
          ret.getSort() == Type.VOID ? null : ret);
    }
    if (insn instanceof MultiANewArrayInsnNode) {
      return effect(insn, "allocates an array", Type.getObjectType("java/lang/Object"));
    }
    return effect(insn, "invokedynamic", Type.getObjectType("java/lang/Object"));
  }

  /**
   * Whether {@code m} is one of the {@code Math} (or {@code StrictMath}) methods whose result
   * lanes compute exactly as Java does: {@code abs}, {@code min}, {@code max} of any primitive
   * type, {@code sqrt} (correctly rounded, so the same everywhere) and {@code Math.fma} (one
   * rounding, as the Vector API's {@code FMA}; {@code StrictMath} has no {@code fma}).
   */
  private static boolean isPureMath(MethodInsnNode m) {
    if (!m.owner.equals("java/lang/Math") && !m.owner.equals("java/lang/StrictMath")) {
      return false;
    }
    return switch (m.name) {
      case "abs" -> m.desc.equals("(I)I") || m.desc.equals("(J)J") || m.desc.equals("(F)F")
          || m.desc.equals("(D)D");
      case "min", "max" -> m.desc.equals("(II)I") || m.desc.equals("(JJ)J")
          || m.desc.equals("(FF)F") || m.desc.equals("(DD)D");
      case "sqrt" -> m.desc.equals("(D)D");
      case "fma" -> m.owner.equals("java/lang/Math")
          && (m.desc.equals("(DDD)D") || m.desc.equals("(FFF)F"));
      default -> false;
    };
  }

  /**
   * {@code "max"} or {@code "min"} where {@code m} is Kotlin's {@code Int.coerceAtLeast},
   * {@code Long.coerceAtLeast} ({@code if (this < minimumValue) minimumValue else this}: on
   * integers {@code Math.max}) or {@code coerceAtMost} ({@code Math.min}), else null. Not the
   * {@code Float} and {@code Double} ones, which keep -0.0 where {@code Math.max} does not; nor
   * {@code coerceIn}, which throws when its range is empty.
   */
  private static String kotlinMinOrMax(MethodInsnNode m) {
    if (!m.owner.equals("kotlin/ranges/RangesKt")
        && !m.owner.equals("kotlin/ranges/RangesKt___RangesKt")) {
      return null;
    }
    if (!m.desc.equals("(II)I") && !m.desc.equals("(JJ)J")) {
      return null;
    }
    return switch (m.name) {
      case "coerceAtLeast" -> "max";
      case "coerceAtMost" -> "min";
      default -> null;
    };
  }

  @Override
  public void returnOperation(AbstractInsnNode insn, LaneValue value, LaneValue expected) {
    // Recorded by unaryOperation for the return instruction itself.
  }

  @Override
  public LaneValue merge(LaneValue value1, LaneValue value2) {
    return value1.equals(value2) ? value1 : new LaneValue.Opaque(value1.type(), "merge");
  }
}
