package dev.hotloop.codegen.kernel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hotloop.analyzer.plan.ArrayInput;
import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.analyzer.plan.Reduction;
import dev.hotloop.analyzer.plan.ScalarInput;
import dev.hotloop.analyzer.plan.Source;

/**
 * The local variable layout of a kernel pass: a reduction's
 * {@code R run(arrays..., scalars..., int from, int to, R acc)} or the stores'
 * {@code void run(arrays..., scalars..., int from, int to)}, which visit {@code from},
 * {@code from + stride}, ... below {@code to}; parameters first, then the slots the loop emitters
 * allocate.
 */
final class KernelFrame {

  private final List<ArrayInput> arrays;
  private final List<ScalarInput> scalars;
  private final Map<Source, Integer> slotOfArray = new HashMap<>();
  private final Map<Source, Integer> slotOfScalar = new HashMap<>();
  private final ElementType accumulatorType;
  private final Reduction reduction;
  private final int fromSlot;
  private final int toSlot;
  private final int accSlot;
  private final int stride;
  private final String owner;
  private int next;

  private KernelFrame(List<ArrayInput> arrays, List<ScalarInput> scalars, Reduction reduction,
      int stride, String owner) {
    this.stride = stride;
    this.owner = owner;
    ElementType accumulatorType = reduction == null ? null : reduction.accumulator().type();
    this.reduction = reduction;
    this.arrays = List.copyOf(arrays);
    this.scalars = List.copyOf(scalars);
    for (int k = 0; k < arrays.size(); k++) {
      slotOfArray.put(arrays.get(k).source(), k);
    }
    int slot = arrays.size();
    for (ScalarInput s : scalars) {
      slotOfScalar.put(s.source(), slot);
      slot += s.type().type().getSize();
    }
    this.accumulatorType = accumulatorType;
    this.fromSlot = slot;
    this.toSlot = fromSlot + 1;
    this.accSlot = reduction == null ? -1 : toSlot + 1;
    this.next = toSlot + 1 + (reduction == null ? 0 : accumulatorType.type().getSize());
  }

  /** The frame of the pass that folds {@code reduction}, in kernel class {@code owner}. */
  static KernelFrame of(LoopPlan plan, Reduction reduction, String owner) {
    return new KernelFrame(plan.arrays(), plan.scalars(), reduction, plan.stride(), owner);
  }

  /** The frame of the pass that makes the loop's stores, in kernel class {@code owner}. */
  static KernelFrame ofStores(LoopPlan plan, String owner) {
    return new KernelFrame(plan.arrays(), plan.scalars(), null, plan.stride(), owner);
  }

  List<ArrayInput> arrays() {
    return arrays;
  }

  /** The kernel's parameter slot holding {@code array}. */
  int arraySlot(ArrayInput array) {
    return slotOfArray.get(array.source());
  }

  List<ScalarInput> scalars() {
    return scalars;
  }

  /** The kernel's parameter slot holding {@code scalar}. */
  int scalarSlot(ScalarInput scalar) {
    return slotOfScalar.get(scalar.source());
  }

  /** The reduction of this pass, or null for the stores' pass. */
  Reduction reduction() {
    return reduction;
  }

  /** The accumulator's type, or null for the stores' pass. */
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

  /**
   * How far apart the indexes of two consecutive iterations are: the loop's step. The kernel
   * visits {@code from}, {@code from + stride}, ... below {@code to}.
   */
  int stride() {
    return stride;
  }

  /** The internal name of the kernel class the pass is a method of. */
  String owner() {
    return owner;
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
    for (ScalarInput s : scalars) {
      d.append(s.type().type().getDescriptor());
    }
    if (accumulatorType == null) {
      return d.append("II)V").toString();
    }
    String acc = accumulatorType.type().getDescriptor();
    d.append("II").append(acc).append(')').append(acc);
    return d.toString();
  }
}
