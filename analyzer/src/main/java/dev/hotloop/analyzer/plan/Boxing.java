package dev.hotloop.analyzer.plan;

import org.objectweb.asm.Type;

/**
 * How an accumulator is held between iterations: as a primitive, or boxed in a wrapper object
 * that the original loop unboxes and reboxes every step.
 */
public enum Boxing {
  NONE(null, null, null),
  INTEGER(ElementType.INT, "java/lang/Integer", "intValue"),
  LONG(ElementType.LONG, "java/lang/Long", "longValue"),
  FLOAT(ElementType.FLOAT, "java/lang/Float", "floatValue"),
  DOUBLE(ElementType.DOUBLE, "java/lang/Double", "doubleValue");

  private final ElementType primitive;
  private final String wrapper;
  private final String unboxMethod;

  Boxing(ElementType primitive, String wrapper, String unboxMethod) {
    this.primitive = primitive;
    this.wrapper = wrapper;
    this.unboxMethod = unboxMethod;
  }

  /** The internal name of the wrapper class, or null for {@link #NONE}. */
  public String wrapper() {
    return wrapper;
  }

  /** The primitive type inside the wrapper. */
  public ElementType primitive() {
    return primitive;
  }

  /** The wrapper's method that returns the primitive ({@code longValue}). */
  public String unboxMethod() {
    return unboxMethod;
  }

  /** Descriptor of the wrapper's {@code valueOf} factory. */
  public String valueOfDescriptor() {
    return "(" + primitive.type().getDescriptor() + ")L" + wrapper + ";";
  }

  /** The boxing for a wrapper class, or null when {@code type} is not a supported wrapper. */
  public static Boxing ofWrapper(Type type) {
    if (type == null || type.getSort() != Type.OBJECT) {
      return null;
    }
    for (Boxing b : values()) {
      if (b.wrapper != null && b.wrapper.equals(type.getInternalName())) {
        return b;
      }
    }
    return null;
  }
}
