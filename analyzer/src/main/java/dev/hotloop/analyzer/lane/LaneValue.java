package dev.hotloop.analyzer.lane;

import dev.hotloop.analyzer.plan.Boxing;
import dev.hotloop.analyzer.plan.ElementType;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.Value;

/**
 * A symbolic value of one loop iteration: what a local or stack slot holds, in terms of the
 * locals' values at the start of the iteration. Immutable, compared structurally.
 */
public sealed interface LaneValue extends Value {

  /** The JVM type of the value, or null for an empty slot. */
  Type type();

  @Override
  default int getSize() {
    Type t = type();
    return t == null ? 1 : t.getSize();
  }

  /** Whether this value depends on the local {@code slot}'s value at the start of the iteration. */
  default boolean dependsOnPhi(int slot) {
    return false;
  }

  /**
   * This value with every {@link Element} in it replaced by what {@code f} makes of it (the
   * elements inside an element's {@code stored} value are left to {@code f}).
   */
  default LaneValue mapElements(java.util.function.Function<Element, LaneValue> f) {
    return this;
  }

  /** Whether this value depends on any local the loop changes. */
  default boolean dependsOnAnyPhi() {
    return false;
  }

  /** An empty or unusable slot (the second half of a long, an uninitialized local). */
  record Empty(int size) implements LaneValue {
    @Override
    public Type type() {
      return null;
    }

    @Override
    public int getSize() {
      return size;
    }
  }

  /** The value at the start of the iteration of a local that the loop writes. */
  record Phi(int slot, Type type) implements LaneValue {
    @Override
    public boolean dependsOnPhi(int s) {
      return s == slot;
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return true;
    }
  }

  /** The value of a local that the loop never writes: the same in every iteration. */
  record Invariant(int slot, Type type) implements LaneValue {
  }

  /** A constant. */
  record Constant(Object value, Type type) implements LaneValue {
  }

  /** {@code array.length}. */
  record Length(LaneValue array) implements LaneValue {
    @Override
    public Type type() {
      return Type.INT_TYPE;
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return array.dependsOnPhi(slot);
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return array.dependsOnAnyPhi();
    }
  }

  /**
   * {@code array[index]}, in the type the JVM computes with, as read after {@code epoch} array
   * stores of the same iteration: where another array may be the same object, the stores before
   * a read decide what it sees. Where the iteration stored to this very element through the
   * same reference before, {@code stored} is the value it stored (narrowed as the array holds
   * it); otherwise null.
   */
  record Element(LaneValue array, LaneValue index, ElementType elementType, int epoch,
      LaneValue stored) implements LaneValue {

    /** The same load, from memory, forgetting what the iteration stored there. */
    public Element fromMemory() {
      return stored == null ? this : new Element(array, index, elementType, epoch, null);
    }

    @Override
    public LaneValue mapElements(java.util.function.Function<Element, LaneValue> f) {
      return f.apply(this);
    }

    @Override
    public Type type() {
      return elementType.computational().type();
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return array.dependsOnPhi(slot) || index.dependsOnPhi(slot)
          || (stored != null && stored.dependsOnPhi(slot));
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return array.dependsOnAnyPhi() || index.dependsOnAnyPhi()
          || (stored != null && stored.dependsOnAnyPhi());
    }
  }

  /**
   * The value of a field: of {@code object}, or static when {@code object} is null. The loop
   * may not write fields or call methods, so a field it reads keeps its value through the loop
   * unless another thread writes it; the analyzer takes only fields it knows are not volatile.
   */
  record Field(LaneValue object, String owner, String name, String descriptor)
      implements LaneValue {
    @Override
    public Type type() {
      return Type.getType(descriptor);
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return object != null && object.dependsOnPhi(slot);
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return object != null && object.dependsOnAnyPhi();
    }
  }

  /** {@code array[index]} of an array of primitive arrays: a row, itself a primitive array. */
  record Row(LaneValue array, LaneValue index, Type type) implements LaneValue {
    @Override
    public boolean dependsOnPhi(int slot) {
      return array.dependsOnPhi(slot) || index.dependsOnPhi(slot);
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return array.dependsOnAnyPhi() || index.dependsOnAnyPhi();
    }
  }

  /** A primitive conversion ({@code I2L}, {@code F2D}, ...). */
  record Convert(int opcode, LaneValue operand, Type type) implements LaneValue {
    @Override
    public LaneValue mapElements(java.util.function.Function<Element, LaneValue> f) {
      return new Convert(opcode, operand.mapElements(f), type);
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return operand.dependsOnPhi(slot);
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return operand.dependsOnAnyPhi();
    }
  }

  /** A binary arithmetic or bitwise operation ({@code IADD}, {@code LMUL}, ...). */
  record Arith(int opcode, LaneValue left, LaneValue right, Type type) implements LaneValue {
    @Override
    public LaneValue mapElements(java.util.function.Function<Element, LaneValue> f) {
      return new Arith(opcode, left.mapElements(f), right.mapElements(f), type);
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return left.dependsOnPhi(slot) || right.dependsOnPhi(slot);
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return left.dependsOnAnyPhi() || right.dependsOnAnyPhi();
    }
  }

  /** A unary arithmetic operation ({@code INEG}, ...). */
  record Negate(int opcode, LaneValue operand, Type type) implements LaneValue {
    @Override
    public LaneValue mapElements(java.util.function.Function<Element, LaneValue> f) {
      return new Negate(opcode, operand.mapElements(f), type);
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return operand.dependsOnPhi(slot);
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return operand.dependsOnAnyPhi();
    }
  }

  /** {@code Long.valueOf(primitive)} and its siblings. */
  record Box(Boxing boxing, LaneValue primitive) implements LaneValue {
    @Override
    public LaneValue mapElements(java.util.function.Function<Element, LaneValue> f) {
      return new Box(boxing, primitive.mapElements(f));
    }

    @Override
    public Type type() {
      return Type.getObjectType(boxing.wrapper());
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return primitive.dependsOnPhi(slot);
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return primitive.dependsOnAnyPhi();
    }
  }

  /** {@code box.longValue()} and its siblings. */
  record Unbox(Boxing boxing, LaneValue box) implements LaneValue {
    @Override
    public LaneValue mapElements(java.util.function.Function<Element, LaneValue> f) {
      return new Unbox(boxing, box.mapElements(f));
    }

    @Override
    public Type type() {
      return boxing.primitive().type();
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return box.dependsOnPhi(slot);
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return box.dependsOnAnyPhi();
    }
  }

  /**
   * A call of a pure {@code java.lang.Math} method: {@code abs}, {@code min}, {@code max},
   * {@code sqrt}, {@code fma}.
   */
  record MathCall(String name, java.util.List<LaneValue> arguments, Type type)
      implements LaneValue {
    public MathCall {
      arguments = java.util.List.copyOf(arguments);
    }

    @Override
    public LaneValue mapElements(java.util.function.Function<Element, LaneValue> f) {
      return new MathCall(name, arguments.stream().map(a -> a.mapElements(f)).toList(), type);
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return arguments.stream().anyMatch(a -> a.dependsOnPhi(slot));
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return arguments.stream().anyMatch(LaneValue::dependsOnAnyPhi);
    }
  }

  /**
   * A comparison, true or false per lane: {@code left relation right}, with Java's ordered
   * semantics for floating point (false when either side is NaN, but for {@code NE}).
   */
  record Compare(Relation relation, LaneValue left, LaneValue right) implements LaneValue {
    @Override
    public Compare mapElements(java.util.function.Function<Element, LaneValue> f) {
      return new Compare(relation, left.mapElements(f), right.mapElements(f));
    }

    @Override
    public Type type() {
      return Type.BOOLEAN_TYPE;
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return left.dependsOnPhi(slot) || right.dependsOnPhi(slot);
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return left.dependsOnAnyPhi() || right.dependsOnAnyPhi();
    }
  }

  /** {@code !operand}, of a condition. */
  record Not(LaneValue operand) implements LaneValue {
    @Override
    public Type type() {
      return Type.BOOLEAN_TYPE;
    }

    @Override
    public LaneValue mapElements(java.util.function.Function<Element, LaneValue> f) {
      return new Not(operand.mapElements(f));
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return operand.dependsOnPhi(slot);
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return operand.dependsOnAnyPhi();
    }
  }

  /** {@code left && right} ({@code all}) or {@code left || right}, of two conditions. */
  record Both(boolean all, LaneValue left, LaneValue right) implements LaneValue {
    @Override
    public Type type() {
      return Type.BOOLEAN_TYPE;
    }

    @Override
    public LaneValue mapElements(java.util.function.Function<Element, LaneValue> f) {
      return new Both(all, left.mapElements(f), right.mapElements(f));
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return left.dependsOnPhi(slot) || right.dependsOnPhi(slot);
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return left.dependsOnAnyPhi() || right.dependsOnAnyPhi();
    }
  }

  /**
   * The negation of condition {@code c}: for an integer comparison the opposite relation, and
   * otherwise {@link Not} (on floating point {@code !(a < b)} is not {@code a >= b}: NaN).
   */
  static LaneValue not(LaneValue c) {
    if (c instanceof Not n) {
      return n.operand();
    }
    if (c instanceof Compare cmp && cmp.left().type() != null
        && (cmp.left().type().getSort() == Type.INT
        || cmp.left().type().getSort() == Type.LONG)) {
      return new Compare(cmp.relation().negate(), cmp.left(), cmp.right());
    }
    return new Not(c);
  }

  /** {@code a && b}, where null stands for a condition that always holds. */
  static LaneValue and(LaneValue a, LaneValue b) {
    return a == null ? b : b == null || a.equals(b) ? a : new Both(true, a, b);
  }

  /**
   * {@code a || b}, without the redundancy that joining paths makes: {@code a || (!a && c)} is
   * {@code a || c}.
   */
  static LaneValue or(LaneValue a, LaneValue b) {
    if (a.equals(b)) {
      return a;
    }
    if (b instanceof Both both && both.all() && both.left().equals(not(a))) {
      return or(a, both.right());
    }
    if (a instanceof Both both && both.all() && both.left().equals(not(b))) {
      return or(both.right(), b);
    }
    return new Both(false, a, b);
  }

  /** {@code condition ? ifTrue : ifFalse}: where an if/else or a ternary joins. */
  record Select(LaneValue condition, LaneValue ifTrue, LaneValue ifFalse, Type type)
      implements LaneValue {
    @Override
    public LaneValue mapElements(java.util.function.Function<Element, LaneValue> f) {
      return new Select(condition.mapElements(f), ifTrue.mapElements(f), ifFalse.mapElements(f),
          type);
    }

    @Override
    public boolean dependsOnPhi(int slot) {
      return condition.dependsOnPhi(slot) || ifTrue.dependsOnPhi(slot)
          || ifFalse.dependsOnPhi(slot);
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return condition.dependsOnAnyPhi() || ifTrue.dependsOnAnyPhi()
          || ifFalse.dependsOnAnyPhi();
    }
  }

  /** The relations of a comparison. */
  enum Relation {
    EQ, NE, LT, LE, GT, GE;

    /** The relation that holds exactly when this one does not (for ordered values). */
    public Relation negate() {
      return switch (this) {
        case EQ -> NE;
        case NE -> EQ;
        case LT -> GE;
        case LE -> GT;
        case GT -> LE;
        case GE -> LT;
      };
    }

    /** The relation with its operands swapped: {@code a < b} is {@code b > a}. */
    public Relation swap() {
      return switch (this) {
        case LT -> GT;
        case LE -> GE;
        case GT -> LT;
        case GE -> LE;
        default -> this;
      };
    }
  }

  /**
   * A value the analyzer does not model (a call's result, a field, a new object). It may
   * depend on anything, so it is treated as depending on every local the loop changes.
   */
  record Opaque(Type type, String origin) implements LaneValue {
    @Override
    public boolean dependsOnPhi(int slot) {
      return true;
    }

    @Override
    public boolean dependsOnAnyPhi() {
      return true;
    }
  }
}
