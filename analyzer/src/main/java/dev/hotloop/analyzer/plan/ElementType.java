package dev.hotloop.analyzer.plan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The primitive types a loop plan computes with: the element types of primitive arrays and the
 * types of the values derived from them.
 */
public enum ElementType {
  BYTE(Type.BYTE_TYPE, Opcodes.BALOAD, "Byte"),
  SHORT(Type.SHORT_TYPE, Opcodes.SALOAD, "Short"),
  CHAR(Type.CHAR_TYPE, Opcodes.CALOAD, "Short"),
  INT(Type.INT_TYPE, Opcodes.IALOAD, "Int"),
  LONG(Type.LONG_TYPE, Opcodes.LALOAD, "Long"),
  FLOAT(Type.FLOAT_TYPE, Opcodes.FALOAD, "Float"),
  DOUBLE(Type.DOUBLE_TYPE, Opcodes.DALOAD, "Double");

  private final Type type;
  private final int arrayLoadOpcode;
  private final String vectorPrefix;

  ElementType(Type type, int arrayLoadOpcode, String vectorPrefix) {
    this.type = type;
    this.arrayLoadOpcode = arrayLoadOpcode;
    this.vectorPrefix = vectorPrefix;
  }

  /** The JVM type of one element. */
  public Type type() {
    return type;
  }

  /** The JVM type of an array of these elements. */
  public Type arrayType() {
    return Type.getType("[" + type.getDescriptor());
  }

  /** The opcode that loads one element from an array. */
  public int arrayLoadOpcode() {
    return arrayLoadOpcode;
  }

  /** The opcode that stores one element into an array (narrowing an int as needed). */
  public int arrayStoreOpcode() {
    return arrayLoadOpcode + (Opcodes.IASTORE - Opcodes.IALOAD);
  }

  /** The type the JVM computes with once an element is on the operand stack. */
  public ElementType computational() {
    return switch (this) {
      case BYTE, SHORT, CHAR -> INT;
      default -> this;
    };
  }

  /** Whether arithmetic on this type is integer arithmetic (wraps around, reassociates). */
  public boolean isIntegral() {
    return this != FLOAT && this != DOUBLE;
  }

  /** Size in bits of one element. */
  public int bits() {
    return switch (this) {
      case BYTE -> 8;
      case SHORT, CHAR -> 16;
      case INT, FLOAT -> 32;
      case LONG, DOUBLE -> 64;
    };
  }

  /**
   * The prefix of the Vector API class for these lanes ({@code Int} for {@code IntVector});
   * {@code char} lanes are loaded as {@code ShortVector}s.
   */
  public String vectorPrefix() {
    return vectorPrefix;
  }

  /** The Java keyword for this type. */
  public String javaName() {
    return type.getClassName();
  }

  /** The element type of a primitive array descriptor such as {@code [J}, or null. */
  public static ElementType ofArray(Type arrayType) {
    if (arrayType == null
        || arrayType.getSort() != Type.ARRAY
        || arrayType.getDimensions() != 1) {
      return null;
    }
    return ofType(arrayType.getElementType());
  }

  /**
   * The element type for a primitive JVM type, or null for {@code boolean}, void, objects and
   * no type at all (an uninitialized local).
   */
  public static ElementType ofType(Type t) {
    if (t == null) {
      return null;
    }
    return switch (t.getSort()) {
      case Type.BYTE -> BYTE;
      case Type.SHORT -> SHORT;
      case Type.CHAR -> CHAR;
      case Type.INT -> INT;
      case Type.LONG -> LONG;
      case Type.FLOAT -> FLOAT;
      case Type.DOUBLE -> DOUBLE;
      default -> null;
    };
  }
}
