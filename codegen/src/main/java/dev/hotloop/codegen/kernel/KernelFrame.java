package dev.hotloop.codegen.kernel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hotloop.analyzer.plan.ArrayInput;
import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.LoopPlan;

/**
 * The local variable layout of a kernel's {@code run(arrays..., int from, int to, R acc)}:
 * parameters first, then the slots the loop emitters allocate.
 */
final class KernelFrame {

  private final List<ArrayInput> arrays;
  private final Map<Integer, Integer> slotOfArray = new HashMap<>();
  private final ElementType accumulatorType;
  private final int fromSlot;
  private final int toSlot;
  private final int accSlot;
  private int next;

  private KernelFrame(List<ArrayInput> arrays, ElementType accumulatorType) {
    this.arrays = List.copyOf(arrays);
    for (int k = 0; k < arrays.size(); k++) {
      slotOfArray.put(arrays.get(k).slot(), k);
    }
    this.accumulatorType = accumulatorType;
    this.fromSlot = arrays.size();
    this.toSlot = fromSlot + 1;
    this.accSlot = toSlot + 1;
    this.next = accSlot + accumulatorType.type().getSize();
  }

  static KernelFrame of(LoopPlan plan) {
    return new KernelFrame(plan.arrays(), plan.reductions().get(0).accumulator().type());
  }

  List<ArrayInput> arrays() {
    return arrays;
  }

  /** The kernel's parameter slot holding the array that the method keeps in {@code slot}. */
  int arraySlot(ArrayInput array) {
    return slotOfArray.get(array.slot());
  }

  ElementType accumulatorType() {
    return accumulatorType;
  }

  int fromSlot() {
    return fromSlot;
  }

  int toSlot() {
    return toSlot;
  }

  int accSlot() {
    return accSlot;
  }

  /** Allocates a fresh local of {@code size} slots. */
  int allocate(int size) {
    int slot = next;
    next += size;
    return slot;
  }

  String runDescriptor() {
    StringBuilder d = new StringBuilder("(");
    for (ArrayInput a : arrays) {
      d.append(a.elementType().arrayType().getDescriptor());
    }
    String acc = accumulatorType.type().getDescriptor();
    d.append("II").append(acc).append(')').append(acc);
    return d.toString();
  }
}
