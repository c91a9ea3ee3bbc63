package dev.hotloop.analyzer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hotloop.analyzer.cfg.ControlFlowGraph;
import dev.hotloop.analyzer.cfg.Dominators;
import dev.hotloop.analyzer.cfg.Liveness;
import dev.hotloop.analyzer.cfg.LoopForest;
import dev.hotloop.analyzer.cfg.NaturalLoop;
import dev.hotloop.analyzer.lane.LaneInterpreter;
import dev.hotloop.analyzer.lane.LaneValue;
import dev.hotloop.analyzer.plan.Accumulator;
import dev.hotloop.analyzer.plan.ArrayInput;
import dev.hotloop.analyzer.plan.Bound;
import dev.hotloop.analyzer.plan.Boxing;
import dev.hotloop.analyzer.plan.DistinctArrays;
import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Expr;
import dev.hotloop.analyzer.plan.Identities;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.analyzer.plan.LoopSite;
import dev.hotloop.analyzer.plan.LoopVerdict;
import dev.hotloop.analyzer.plan.Reduction;
import dev.hotloop.analyzer.plan.Rejection;
import dev.hotloop.analyzer.plan.ScalarInput;
import dev.hotloop.analyzer.plan.Source;
import dev.hotloop.analyzer.plan.Store;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Lifts one natural loop to a {@link LoopPlan}: runs one symbolic iteration of the loop body
 * with a {@link LaneInterpreter}, starting from the locals as they are at the loop header, and
 * reads the induction variable, the bound and the reductions off the values that reach the back
 * edge. Everything it cannot prove becomes a {@link Rejection} naming the reason and line.
 */
final class LoopLifter {

  /**
   * The largest step a counter may take: kernels step by up to 4 vectors of 64 lanes times the
   * stride at once, which must stay a small int.
   */
  static final int MAX_STRIDE = 64;

  /** Thrown inside the lifter to give up on a loop with a reason. */
  private static final class Reject extends Exception {
    private static final long serialVersionUID = 1L;
    final int insn;

    Reject(String reason, int insn) {
      super(reason, null, false, false);
      this.insn = insn;
    }
  }

  private final LoopSite site;
  private final ControlFlowGraph graph;
  private final Dominators dominators;
  private final LoopForest forest;
  private final NaturalLoop loop;
  private final Frame<BasicValue>[] types;
  private final Liveness liveness;
  private final MethodNode method;
  private final InsnList insns;
  private final DeclaredFields fields;
  /** Pairs of arrays whose stores a condition's join may reorder. */
  private final List<LaneInterpreter.Store[]> reorderedStores = new ArrayList<>();

  LoopLifter(LoopSite site, ControlFlowGraph graph, Dominators dominators, LoopForest forest,
      NaturalLoop loop, Frame<BasicValue>[] types, Liveness liveness, DeclaredFields fields) {
    this.site = site;
    this.graph = graph;
    this.dominators = dominators;
    this.fields = fields;
    this.forest = forest;
    this.loop = loop;
    this.types = types;
    this.liveness = liveness;
    this.method = graph.method();
    this.insns = method.instructions;
  }

  LoopVerdict lift() {
    try {
      return new LoopVerdict.Accepted(plan());
    } catch (Reject r) {
      int line = r.insn >= 0 ? SourceLines.lineAt(insns, r.insn) : site.line();
      return new LoopVerdict.Rejected(new Rejection(site, r.getMessage(), r.insn, line));
    } catch (RuntimeException e) {
      // A bug here must cost this loop only, never the other loops of the class.
      return new LoopVerdict.Rejected(new Rejection(site, "the analyzer failed on this loop ("
          + e + "); please report it", -1, site.line()));
    }
  }

  private LoopPlan plan() throws Reject {
    int headerBlock = loop.header();
    int headerInsn = graph.block(headerBlock).first();
    if (!forest.enclosedBy(loop).isEmpty()) {
      throw new Reject("contains a nested loop (inner loops are considered on their own)",
          headerInsn);
    }
    BitSet body = loop.body();
    for (var tcb : method.tryCatchBlocks) {
      int handler = graph.blockOf(insns.indexOf(tcb.handler));
      if (body.get(handler)) {
        throw new Reject("has an exception handler inside the loop", insns.indexOf(tcb.handler));
      }
    }

    // The exits: exactly one, taken at the header (a loop tested at the top).
    int exitBlock = -1;
    for (int b = body.nextSetBit(0); b >= 0; b = body.nextSetBit(b + 1)) {
      for (int s : graph.block(b).successors()) {
        if (!body.get(s)) {
          if (b != headerBlock) {
            throw new Reject("leaves the loop other than through its test at the top"
                + " (break, return, or a bottom-tested do/while loop)", graph.block(b).last());
          }
          if (exitBlock >= 0 && exitBlock != s) {
            throw new Reject("the loop test has more than one exit", graph.block(b).last());
          }
          exitBlock = s;
        }
      }
    }
    if (exitBlock < 0) {
      throw new Reject("never exits through its test (an infinite loop or exits by throwing)",
          headerInsn);
    }

    // Locals the loop writes get a Phi at the header; all others are invariant.
    BitSet written = new BitSet();
    for (int b = body.nextSetBit(0); b >= 0; b = body.nextSetBit(b + 1)) {
      for (int i = graph.block(b).first(); i <= graph.block(b).last(); i++) {
        AbstractInsnNode insn = insns.get(i);
        if (insn instanceof VarInsnNode v && v.getOpcode() >= Opcodes.ISTORE
            && v.getOpcode() <= Opcodes.ASTORE) {
          written.set(v.var);
        } else if (insn instanceof IincInsnNode inc) {
          written.set(inc.var);
        }
      }
    }
    Frame<BasicValue> typesAtHeader = types[headerInsn];
    if (typesAtHeader == null) {
      throw new Reject("the loop is unreachable", headerInsn);
    }
    if (typesAtHeader.getStackSize() != 0) {
      throw new Reject("the operand stack is not empty at the loop test", headerInsn);
    }
    Frame<LaneValue> frame = new Frame<>(method.maxLocals, method.maxStack);
    for (int slot = 0; slot < method.maxLocals; slot++) {
      BasicValue t = typesAtHeader.getLocal(slot);
      if (t == null || t.getType() == null) {
        frame.setLocal(slot, new LaneValue.Empty(1));
      } else if (written.get(slot)) {
        frame.setLocal(slot, new LaneValue.Phi(slot, t.getType()));
      } else {
        frame.setLocal(slot, new LaneValue.Invariant(slot, t.getType()));
      }
    }

    // One symbolic iteration: the header (which ends with the loop test), then the body's
    // blocks, each after its predecessors. Where paths join (after an if, an if/else, a ternary,
    // && and ||, or at the back edges), values that differ become Selects on the condition of
    // each path since the join's dominator, and the paths' stores are joined the same way.
    LaneInterpreter interpreter = new LaneInterpreter();
    List<LaneValue> arrayAccesses = new ArrayList<>();
    Frame<LaneValue> atTest = new Frame<>(frame);
    execute(headerBlock, frame, interpreter, arrayAccesses);
    if (interpreter.branches().size() != 1) {
      throw new Reject("unexpected branches in the loop test", headerInsn);
    }
    // The plan runs the test before the body. A header that also reads elements, stores or
    // sets locals runs part of the body before its test: a loop tested at the bottom, or one
    // that leaves with a break after the body (Kotlin's 'for (i in a..b)').
    boolean bodyInHeader = !interpreter.stores().isEmpty()
        || arrayAccesses.stream().anyMatch(LaneValue.Element.class::isInstance);
    for (int slot = 0; slot < method.maxLocals && !bodyInHeader; slot++) {
      bodyInHeader = !frame.getLocal(slot).equals(atTest.getLocal(slot));
    }
    if (bodyInHeader) {
      throw new Reject("runs part of its body before its test (a loop tested at the bottom, or"
          + " one that leaves with a break after its body), which is not supported yet",
          graph.block(headerBlock).last());
    }
    LaneInterpreter.Branch test = interpreter.branches().get(0);
    Map<Integer, PathState> out = new HashMap<>();
    Map<Long, LaneValue> edges = new HashMap<>();
    Map<Integer, List<LaneValue>> loadsOf = new HashMap<>();
    out.put(headerBlock, new PathState(frame, interpreter.stores()));
    for (int b : bodyOrder(body, headerBlock)) {
      List<Integer> preds = new ArrayList<>();
      for (int p : graph.predecessors(b)) {
        if (body.get(p)) {
          preds.add(p);
        }
      }
      PathState in = join(b, preds, out, edges, loadsOf, graph.block(b).first());
      Frame<LaneValue> f = in.frame();
      interpreter.resetStores(in.stores());
      int branches = interpreter.branches().size();
      int loads = arrayAccesses.size();
      execute(b, f, interpreter, arrayAccesses);
      loadsOf.put(b, new ArrayList<>(arrayAccesses.subList(loads, arrayAccesses.size())));
      int[] next = inLoopSuccessors(b, body);
      if (interpreter.branches().size() > branches) {
        LaneInterpreter.Branch branch = interpreter.branches().get(branches);
        int branchInsn = insns.indexOf(branch.insn());
        LaneValue taken = branchCondition(branch, branchInsn);
        int target = graph.blockOf(insns.indexOf(((JumpInsnNode) branch.insn()).label));
        for (int s : next) {
          edges.put(edge(b, s), next.length == 1 ? null
              : s == target ? taken : LaneValue.not(taken));
        }
      } else if (next.length != 1) {
        throw new Reject("unexpected control flow inside the loop", graph.block(b).last());
      }
      out.put(b, new PathState(f, interpreter.stores()));
    }
    PathState end = join(headerBlock, java.util.Arrays.stream(loop.latches()).boxed().toList(),
        out, edges, loadsOf, headerInsn);
    frame = end.frame();
    interpreter.resetStores(end.stores());

    // The test: 'i < bound' counting up, 'i >= bound' counting down, continuing while it holds.
    int testInsn = insns.indexOf(test.insn());
    CounterTest counterTest = continueWhile(test, exitBlock, frame, testInsn);
    if (counterTest.counter() instanceof LaneValue.Arith a
        && a.left() instanceof LaneValue.Phi) {
      throw new Reject("the loop is tested at the bottom (do/while), which is not supported yet",
          testInsn);
    }
    if (!(counterTest.counter() instanceof LaneValue.Phi iv)
        || iv.type().getSort() != Type.INT) {
      throw new Reject("the loop test does not compare an int counter with a bound", testInsn);
    }
    Bound bound = bound(counterTest.bound(), counterTest.extra(), testInsn);
    boolean descending = counterTest.down();
    int step = stepOf(iv, frame);
    if (step == 0 || (step < 0) != descending) {
      throw new Reject(descending
          ? "the counter does not step down by a constant in a loop that counts down"
          : "the counter does not step up by a constant", testInsn);
    }
    int stride = Math.abs(step);
    if (stride > MAX_STRIDE) {
      throw new Reject("the counter steps by " + stride + ", more than the " + MAX_STRIDE
          + " a kernel's index arithmetic is written for", testInsn);
    }
    if (stride > 1 && counterTest.notEqual()) {
      throw new Reject("a counter stepping by " + stride + " is tested with '!=', which it may"
          + " step over", testInsn);
    }

    // Every array access must be at the counter, into an invariant primitive array.
    Map<Source, ArrayInput> arrays = new LinkedHashMap<>();
    for (LaneValue access : arrayAccesses) {
      if (access instanceof LaneValue.Element e) {
        if (!e.index().equals(iv)) {
          boolean stored = interpreter.stores().stream()
              .anyMatch(st -> st.array().equals(e.array()));
          throw new Reject(stored
              ? "reads an element that another iteration stores to (a dependency carried from"
                  + " one iteration to the next)"
              : "reads an array at an index other than the loop counter", testInsn);
        }
        ArrayInput in = arrayInput(e.array(), e.elementType(), testInsn);
        arrays.putIfAbsent(in.source(), in);
      } else if (access instanceof LaneValue.Length l) {
        arrayInput(l.array(), ElementType.ofArray(l.array().type()), testInsn);
      }
    }
    List<LaneInterpreter.Store> laneStores = interpreter.stores();
    for (LaneInterpreter.Store st : laneStores) {
      int insn = insns.indexOf(st.insn());
      if (!st.index().equals(iv)) {
        throw new Reject("writes an array at an index other than the loop counter", insn);
      }
      ArrayInput in = arrayInput(st.array(), st.elementType(), insn);
      arrays.putIfAbsent(in.source(), in);
    }
    if (bound instanceof Bound.ArrayLength len) {
      arrays.putIfAbsent(len.array().source(), len.array());
    }

    // Every other local the loop writes: a reduction, a dead temporary, or a rejection.
    Map<Source, ScalarInput> scalars = new LinkedHashMap<>();
    Set<DistinctArrays> distinct = new LinkedHashSet<>();
    List<Reduction> reductions = new ArrayList<>();
    for (int slot = written.nextSetBit(0); slot >= 0; slot = written.nextSetBit(slot + 1)) {
      if (slot == iv.slot()) {
        continue;
      }
      // Reductions run before the stores: a value read back from an element the iteration
      // stored to is the value stored.
      LaneValue next = inlineStored(frame.getLocal(slot));
      Type slotType = typesAtHeader.getLocal(slot).getType();
      Reduction reduction = reduction(slot, slotType, next, iv, arrays, scalars, testInsn);
      if (reduction != null) {
        readsBefore(next, 0, laneStores, distinct, testInsn);
        reductions.add(reduction);
        continue;
      }
      boolean carried = false;
      for (int other = 0; other < method.maxLocals; other++) {
        if (written.get(other) && frame.getLocal(other).dependsOnPhi(slot)) {
          carried = true;
        }
      }
      if (carried || test.left().dependsOnPhi(slot)
          || (test.right() != null && test.right().dependsOnPhi(slot))) {
        throw new Reject("local " + localName(slot, headerInsn) + " carries a value from one"
            + " iteration to the next that is not a reduction", testInsn);
      }
      if (liveness.isLiveAt(exitBlock, slot)) {
        throw new Reject("local " + localName(slot, headerInsn)
            + " is written in the loop and read after it", testInsn);
      }
    }
    List<Store> stores = finalStores(laneStores, distinct, arrays, iv, scalars);
    if (stores == null) {
      stores = storesInOrder(laneStores, distinct, arrays, iv, scalars);
    }
    for (LaneInterpreter.Store[] pair : reorderedStores) {
      distinct.add(distinctArrays(arrayInput(pair[0].array(), pair[0].elementType(), testInsn),
          arrayInput(pair[1].array(), pair[1].elementType(), testInsn)));
    }
    if (descending) {
      for (Reduction r : reductions) {
        if (!r.isReassociable()) {
          throw new Reject("a floating-point " + (r.operator() == Reduction.Operator.MUL
              ? "product" : "sum") + " in a loop that counts down: kernels fold in ascending"
              + " order, which rounds differently", testInsn);
        }
      }
    }
    if (reductions.isEmpty() && stores.isEmpty()) {
      throw new Reject("computes nothing that outlives it (no reduction, no array store)",
          testInsn);
    }

    int exitInsn = graph.block(exitBlock).first();
    BitSet bodyInsns = new BitSet();
    for (int b = body.nextSetBit(0); b >= 0; b = body.nextSetBit(b + 1)) {
      bodyInsns.set(graph.block(b).first(), graph.block(b).last() + 1);
    }
    return new LoopPlan(site, headerInsn, exitInsn, bodyInsns, iv.slot(), descending, stride,
        bound,
        new ArrayList<>(arrays.values()), new ArrayList<>(scalars.values()), reductions, stores,
        new ArrayList<>(distinct));
  }

  /**
   * The iteration's stores as one store per array element, of what the iteration leaves there
   * (a later store under a condition selects between its value and the earlier one), each value
   * computed from memory as it was when the iteration began: an element read back after an
   * unconditional store through the same reference is the value stored, so a kernel neither
   * stores twice nor reads back. The stores come in an order where none writes an array that a
   * later one reads, and arrays of one type that the iteration stores through two references
   * get a {@link DistinctArrays} guard, as their stores may now run in another order. Null where
   * there is no such form (an element read back after a store under a condition, stores that
   * read each other's arrays): the stores then run as the loop makes them.
   */
  private List<Store> finalStores(List<LaneInterpreter.Store> laneStores,
      Set<DistinctArrays> distinct, Map<Source, ArrayInput> arrays, LaneValue.Phi iv,
      Map<Source, ScalarInput> scalars) throws Reject {
    if (laneStores.size() < 2) {
      return null;
    }
    Set<DistinctArrays> guards = new LinkedHashSet<>();
    List<LaneInterpreter.Store> merged = new ArrayList<>();
    // Per store left: how many of the loop's stores it stands for, and when the last was made.
    Map<LaneInterpreter.Store, Integer> count = new IdentityHashMap<>();
    Map<LaneInterpreter.Store, Integer> last = new IdentityHashMap<>();
    for (LaneInterpreter.Store lane : laneStores) {
      LaneValue value = inlineStored(lane.value());
      LaneValue when = lane.when() == null ? null : inlineStored(lane.when());
      int insn = insns.indexOf(lane.insn());
      try {
        readsBefore(value, 0, laneStores, guards, insn);
        if (when != null) {
          readsBefore(when, 0, laneStores, guards, insn);
        }
      } catch (Reject readsBack) {
        return null;
      }
      LaneInterpreter.Store earlier = null;
      for (LaneInterpreter.Store m : merged) {
        if (sameElement(m, lane)) {
          earlier = m;
        }
      }
      if (earlier != null && when != null) {
        value = select(when, value, earlier.value());
        when = earlier.when() == null ? null : LaneValue.or(earlier.when(), when);
      }
      merged.remove(earlier);
      LaneInterpreter.Store joined = new LaneInterpreter.Store(lane.insn(), lane.array(),
          lane.index(), value, lane.elementType(), when);
      merged.add(joined);
      count.put(joined, earlier == null ? 1 : count.get(earlier) + 1);
      last.put(joined, last.size());
    }
    // Each store before those whose arrays it reads: it must read them before they change.
    List<LaneInterpreter.Store> ordered = new ArrayList<>();
    while (!merged.isEmpty()) {
      LaneInterpreter.Store next = null;
      for (LaneInterpreter.Store candidate : merged) {
        boolean readByOther = false;
        for (LaneInterpreter.Store other : merged) {
          if (other != candidate && (reads(other.value(), candidate.array())
              || other.when() != null && reads(other.when(), candidate.array()))) {
            readByOther = true;
          }
        }
        if (!readByOther) {
          next = candidate;
          break;
        }
      }
      if (next == null) {
        return null;
      }
      merged.remove(next);
      ordered.add(next);
    }
    List<Store> stores = new ArrayList<>();
    for (int a = 0; a < ordered.size(); a++) {
      LaneInterpreter.Store st = ordered.get(a);
      int insn = insns.indexOf(st.insn());
      List<LaneValue.Element> loads = new ArrayList<>(loadsOf(st.value()));
      if (st.when() != null) {
        loads.addAll(loadsOf(st.when()));
      }
      for (int b = 0; b < a; b++) {
        LaneInterpreter.Store before = ordered.get(b);
        // An array of the same type written before this store is read: if it were one of the
        // arrays read, the read would see the write.
        for (LaneValue.Element load : loads) {
          if (load.elementType() == before.elementType()
              && !load.array().equals(before.array())) {
            guards.add(distinctArrays(arrayInput(load.array(), load.elementType(), insn),
                arrayInput(before.array(), before.elementType(), insn)));
          }
        }
        // Two references to arrays of one type, one object at run time: the last store the
        // loop makes through either must be the last one made.
        boolean sameOrder = last.get(before) < last.get(st);
        if (before.elementType() == st.elementType() && !before.array().equals(st.array())
            && (count.get(before) > 1 || count.get(st) > 1 || !sameOrder)) {
          guards.add(distinctArrays(arrayInput(before.array(), before.elementType(), insn),
              arrayInput(st.array(), st.elementType(), insn)));
        }
      }
      stores.add(store(st, arrays, iv, scalars, insn));
    }
    distinct.addAll(guards);
    return stores;
  }

  /** Whether {@code value} reads an element of {@code array}. */
  private static boolean reads(LaneValue value, LaneValue array) {
    return loadsOf(value).stream().anyMatch(e -> e.array().equals(array));
  }

  /** Every load that {@code value} is computed from, conditions (&&, ||, !) included. */
  private static List<LaneValue.Element> loadsOf(LaneValue value) {
    List<LaneValue.Element> loads = new ArrayList<>();
    value.mapElements(e -> {
      loads.add(e);
      return e;
    });
    return loads;
  }

  /**
   * The iteration's stores as the loop makes them, in its order: each reads memory, which holds
   * what the stores before it wrote.
   */
  private List<Store> storesInOrder(List<LaneInterpreter.Store> laneStores,
      Set<DistinctArrays> distinct, Map<Source, ArrayInput> arrays, LaneValue.Phi iv,
      Map<Source, ScalarInput> scalars) throws Reject {
    List<Store> stores = new ArrayList<>();
    for (int p = 0; p < laneStores.size(); p++) {
      LaneInterpreter.Store lane = laneStores.get(p);
      LaneInterpreter.Store st = new LaneInterpreter.Store(lane.insn(), lane.array(),
          lane.index(), lane.value().mapElements(LaneValue.Element::fromMemory),
          lane.elementType(),
          lane.when() == null ? null : lane.when().mapElements(LaneValue.Element::fromMemory));
      int insn = insns.indexOf(st.insn());
      readsBefore(st.value(), p, laneStores, distinct, insn);
      if (st.when() != null) {
        readsBefore(st.when(), p, laneStores, distinct, insn);
      }
      stores.add(store(st, arrays, iv, scalars, insn));
    }
    return stores;
  }

  /**
   * Checks what {@code value} reads when a kernel evaluates it after the first {@code position}
   * stores of the iteration, where the loop read each element after {@code epoch} stores: a
   * store between the two to the very same array changes what is read, and the loop is
   * rejected; a store to another array of the same type does only if the two are one object,
   * which a {@link DistinctArrays} guard rules out.
   */
  private void readsBefore(LaneValue value, int position, List<LaneInterpreter.Store> stores,
      Set<DistinctArrays> distinct, int insn) throws Reject {
    for (LaneValue.Element load : loadsOf(value)) {
      int from = Math.min(load.epoch(), position);
      int to = Math.max(load.epoch(), position);
      for (int q = from; q < to; q++) {
        LaneInterpreter.Store st = stores.get(q);
        if (st.elementType() != load.elementType()) {
          continue;
        }
        if (st.array().equals(load.array())) {
          throw new Reject("uses an element of an array that the same iteration stores to"
              + " between the read and the use", insns.indexOf(st.insn()));
        }
        distinct.add(distinctArrays(arrayInput(load.array(), load.elementType(), insn),
            arrayInput(st.array(), st.elementType(), insn)));
      }
    }
  }

  /** The guard that {@code a} and {@code b} differ, with the two in one order for any pair. */
  private static DistinctArrays distinctArrays(ArrayInput a, ArrayInput b) {
    return a.toString().compareTo(b.toString()) <= 0
        ? new DistinctArrays(a, b) : new DistinctArrays(b, a);
  }

  /** {@code value} with every element the iteration stored to replaced by the value stored. */
  private static LaneValue inlineStored(LaneValue value) {
    return value.mapElements(e -> e.stored() != null ? inlineStored(e.stored()) : e);
  }

  /** The plan's form of one store, which {@code st} makes into {@code arrays}. */
  private Store store(LaneInterpreter.Store st, Map<Source, ArrayInput> arrays,
      LaneValue.Phi iv, Map<Source, ScalarInput> scalars, int insn) throws Reject {
    ArrayInput array = arrayInput(st.array(), st.elementType(), insn);
    LaneValue value = st.value();
    // (byte) x before a byte store, and the like: the store itself truncates so.
    if (value instanceof LaneValue.Convert c && truncatesAs(c.opcode(), st.elementType())) {
      value = c.operand();
    }
    Expr e = expr(value, iv, arrays, scalars, insn);
    if (e.type() != array.elementType().computational()) {
      throw new Reject("stores a " + e.type().javaName() + " into a "
          + array.elementType().javaName() + " array", insn);
    }
    Expr.Predicate when = st.when() == null ? null
        : condition(st.when(), iv, arrays, scalars, insn);
    return new Store(array, e, when);
  }

  private static boolean truncatesAs(int convertOpcode, ElementType stored) {
    return switch (stored) {
      case BYTE -> convertOpcode == Opcodes.I2B;
      case SHORT, CHAR -> convertOpcode == Opcodes.I2S || convertOpcode == Opcodes.I2C;
      default -> false;
    };
  }

  /** Runs the instructions of {@code block} on {@code frame}, recording array accesses. */
  private void execute(int block, Frame<LaneValue> frame, LaneInterpreter interpreter,
      List<LaneValue> arrayAccesses) throws Reject {
    for (int i = graph.block(block).first(); i <= graph.block(block).last(); i++) {
      AbstractInsnNode insn = insns.get(i);
      if (insn.getOpcode() < 0) {
        continue;
      }
      try {
        frame.execute(insn, interpreter);
      } catch (AnalyzerException | RuntimeException e) {
        throw new Reject("bytecode the analyzer does not understand: " + e.getMessage(), i);
      }
      int op = insn.getOpcode();
      if (op == Opcodes.ARRAYLENGTH
          || (op >= Opcodes.IALOAD && op <= Opcodes.SALOAD && op != Opcodes.AALOAD)) {
        if (frame.getStackSize() == 0) {
          throw new Reject("unexpected stack shape", i);
        }
        arrayAccesses.add(frame.getStack(frame.getStackSize() - 1));
      }
      if (!interpreter.effects().isEmpty()) {
        LaneInterpreter.Effect e = interpreter.effects().get(0);
        throw new Reject(e.description() + " inside the loop", insns.indexOf(e.insn()));
      }
    }
  }

  private int[] inLoopSuccessors(int block, BitSet body) {
    return java.util.Arrays.stream(graph.block(block).successors()).filter(body::get).toArray();
  }

  /** A block's state at its end: the frame, and the array stores made on the way there. */
  private record PathState(Frame<LaneValue> frame, List<LaneInterpreter.Store> stores) {
  }

  /**
   * The blocks of the loop other than the header, each after all its predecessors but the back
   * edges (the body without its back edges has no cycle: inner loops are rejected before).
   */
  private List<Integer> bodyOrder(BitSet body, int header) {
    List<Integer> postorder = new ArrayList<>();
    BitSet seen = new BitSet();
    seen.set(header);
    Deque<int[]> stack = new ArrayDeque<>();
    stack.push(new int[] {header, 0});
    while (!stack.isEmpty()) {
      int[] top = stack.peek();
      int[] next = inLoopSuccessors(top[0], body);
      if (top[1] < next.length) {
        int s = next[top[1]++];
        if (!seen.get(s)) {
          seen.set(s);
          stack.push(new int[] {s, 0});
        }
      } else {
        stack.pop();
        postorder.add(top[0]);
      }
    }
    Collections.reverse(postorder);
    postorder.remove(Integer.valueOf(header));
    return postorder;
  }

  /** The state on entry to {@code block} (the header, as reached by the back edges). */
  private PathState join(int block, List<Integer> preds, Map<Integer, PathState> out,
      Map<Long, LaneValue> edges, Map<Integer, List<LaneValue>> loadsOf, int insn)
      throws Reject {
    if (preds.size() == 1) {
      PathState only = out.get(preds.get(0));
      return new PathState(new Frame<>(only.frame()), only.stores());
    }
    int dominator = commonDominator(preds);
    List<LaneValue> conditions = new ArrayList<>();
    for (int p : preds) {
      LaneValue c = LaneValue.and(pathBetween(dominator, p, edges),
          edges.get(edge(p, block)));
      if (c == null) {
        throw new Reject("unexpected control flow inside the loop", insn);
      }
      conditions.add(c);
    }
    // Locals and stack: one Select per value that differs between the paths.
    Frame<LaneValue> first = out.get(preds.get(0)).frame();
    Frame<LaneValue> merged = new Frame<>(first);
    for (int slot = 0; slot < first.getLocals(); slot++) {
      List<LaneValue> values = new ArrayList<>();
      for (int p : preds) {
        values.add(out.get(p).frame().getLocal(slot));
      }
      merged.setLocal(slot, selectAmong(conditions, values));
    }
    merged.clearStack();
    for (int i = 0; i < first.getStackSize(); i++) {
      List<LaneValue> values = new ArrayList<>();
      for (int p : preds) {
        Frame<LaneValue> f = out.get(p).frame();
        if (f.getStackSize() != first.getStackSize()) {
          throw new Reject("unexpected stack shape where conditions join", insn);
        }
        values.add(f.getStack(i));
      }
      merged.push(selectAmong(conditions, values));
    }
    // Stores: what the paths stored since the dominator, one store per element.
    List<LaneInterpreter.Store> prefix = out.get(dominator).stores();
    List<List<LaneInterpreter.Store>> suffixes = new ArrayList<>();
    boolean anyStore = false;
    for (int p : preds) {
      List<LaneInterpreter.Store> all = out.get(p).stores();
      suffixes.add(all.subList(prefix.size(), all.size()));
      anyStore |= all.size() > prefix.size();
    }
    if (!anyStore) {
      return new PathState(merged, prefix);
    }
    for (Map.Entry<Integer, List<LaneValue>> loads : loadsOf.entrySet()) {
      if (loads.getKey() != dominator && dominators.dominates(dominator, loads.getKey())) {
        for (LaneValue load : loads.getValue()) {
          if (load instanceof LaneValue.Element e && e.epoch() > prefix.size()) {
            throw new Reject("reads an array after storing to another array of its type under"
                + " a condition", insn);
          }
        }
      }
    }
    List<LaneInterpreter.Store> keys = new ArrayList<>();
    for (List<LaneInterpreter.Store> suffix : suffixes) {
      for (LaneInterpreter.Store st : suffix) {
        if (keys.stream().noneMatch(k -> sameElement(k, st))) {
          keys.add(st);
        }
      }
    }
    // The joined stores come in one order; the paths may have made them in another, which is
    // the same only where the arrays differ.
    for (int a = 0; a < keys.size(); a++) {
      for (int b = a + 1; b < keys.size(); b++) {
        if (keys.get(a).elementType() == keys.get(b).elementType()
            && !keys.get(a).array().equals(keys.get(b).array())) {
          reorderedStores.add(new LaneInterpreter.Store[] {keys.get(a), keys.get(b)});
        }
      }
    }
    List<LaneInterpreter.Store> stores = new ArrayList<>(prefix);
    for (LaneInterpreter.Store key : keys) {
      List<LaneValue> storing = new ArrayList<>();
      List<LaneValue> values = new ArrayList<>();
      LaneValue when = null;
      boolean always = true;
      for (int k = 0; k < preds.size(); k++) {
        LaneValue[] effect = effectOn(key, suffixes.get(k));
        if (effect == null) {
          always = false;
          continue;
        }
        storing.add(conditions.get(k));
        values.add(effect[1]);
        LaneValue stored = LaneValue.and(conditions.get(k), effect[0]);
        when = when == null ? stored : LaneValue.or(when, stored);
        always &= effect[0] == null;
      }
      LaneValue value = selectAmong(storing, values);
      if (value instanceof LaneValue.Empty) {
        throw new Reject("the paths of a condition store values of different types", insn);
      }
      stores.add(new LaneInterpreter.Store(key.insn(), key.array(), key.index(), value,
          key.elementType(), always ? null : when));
    }
    return new PathState(merged, stores);
  }

  /**
   * What {@code stores}, in order, do to the element {@code key} stores to: null for nothing,
   * else the condition under which some store happens (null for always) and the value left.
   */
  private static LaneValue[] effectOn(LaneInterpreter.Store key,
      List<LaneInterpreter.Store> stores) {
    LaneValue[] effect = null;
    for (LaneInterpreter.Store st : stores) {
      if (!sameElement(st, key)) {
        continue;
      }
      if (st.when() == null || effect == null) {
        effect = new LaneValue[] {st.when(), st.value()};
      } else {
        LaneValue value = select(st.when(), st.value(), effect[1]);
        effect = new LaneValue[] {effect[0] == null ? null : LaneValue.or(effect[0], st.when()),
            value};
      }
    }
    return effect;
  }

  private static boolean sameElement(LaneInterpreter.Store a, LaneInterpreter.Store b) {
    return a.array().equals(b.array()) && a.index().equals(b.index());
  }

  /**
   * The value that is {@code values.get(k)} where {@code conditions.get(k)} holds (exactly one
   * does): paths with equal values share one arm.
   */
  private static LaneValue selectAmong(List<LaneValue> conditions, List<LaneValue> values) {
    List<LaneValue> distinct = new ArrayList<>();
    List<LaneValue> when = new ArrayList<>();
    for (int k = 0; k < values.size(); k++) {
      int at = distinct.indexOf(values.get(k));
      if (at < 0) {
        distinct.add(values.get(k));
        when.add(conditions.get(k));
      } else {
        when.set(at, LaneValue.or(when.get(at), conditions.get(k)));
      }
    }
    if (distinct.size() == 2 && paths(values, distinct.get(0)) > paths(values, distinct.get(1))) {
      // if (a && b) n++: one path increments, two do not; select on the one path's condition.
      return select(when.get(1), distinct.get(1), distinct.get(0));
    }
    LaneValue result = distinct.get(distinct.size() - 1);
    for (int k = distinct.size() - 2; k >= 0; k--) {
      result = select(when.get(k), distinct.get(k), result);
    }
    return result;
  }

  private static long paths(List<LaneValue> values, LaneValue value) {
    return values.stream().filter(value::equals).count();
  }

  /** {@code condition ? a : b}, with the condition not negated where it can be avoided. */
  private static LaneValue select(LaneValue condition, LaneValue a, LaneValue b) {
    if (a.equals(b)) {
      return a;
    }
    if (a instanceof LaneValue.Empty || b instanceof LaneValue.Empty || a.type() == null
        || !a.type().equals(b.type())) {
      return new LaneValue.Empty(a.getSize());
    }
    if (condition instanceof LaneValue.Not n) {
      return new LaneValue.Select(n.operand(), b, a, a.type());
    }
    return new LaneValue.Select(condition, a, b, a.type());
  }

  /** The nearest block that dominates every one of {@code blocks}. */
  private int commonDominator(List<Integer> blocks) {
    int d = blocks.get(0);
    for (int b : blocks) {
      while (!dominators.dominates(d, b)) {
        d = dominators.immediateDominator(d);
      }
    }
    return d;
  }

  private static long edge(int from, int to) {
    return ((long) from << 32) | (to & 0xFFFFFFFFL);
  }

  /**
   * The condition under which an iteration that reached {@code dominator} goes on to reach
   * {@code block}, which it dominates: null for always.
   */
  private LaneValue pathBetween(int dominator, int block, Map<Long, LaneValue> edges) {
    if (block == dominator) {
      return null;
    }
    int idom = dominators.immediateDominator(block);
    return LaneValue.and(pathBetween(dominator, idom, edges), pathFromIdom(block, edges));
  }

  /** The condition under which an iteration at {@code block}'s immediate dominator reaches it. */
  private LaneValue pathFromIdom(int block, Map<Long, LaneValue> edges) {
    int idom = dominators.immediateDominator(block);
    if (postDominates(block, idom)) {
      return null;
    }
    LaneValue any = null;
    for (int p : graph.predecessors(block)) {
      if (!loop.body().get(p) || block == loop.header()) {
        continue;
      }
      LaneValue c = LaneValue.and(pathBetween(idom, p, edges), edges.get(edge(p, block)));
      any = any == null ? c : LaneValue.or(any, c);
    }
    return any;
  }

  /** Whether every path from {@code from} back to the loop test goes through {@code block}. */
  private boolean postDominates(int block, int from) {
    BitSet seen = new BitSet();
    Deque<Integer> work = new ArrayDeque<>();
    work.push(from);
    seen.set(from);
    while (!work.isEmpty()) {
      int b = work.pop();
      if (b == block) {
        continue;
      }
      for (int s : inLoopSuccessors(b, loop.body())) {
        if (s == loop.header()) {
          return false;
        }
        if (!seen.get(s)) {
          seen.set(s);
          work.push(s);
        }
      }
    }
    return true;
  }

  /**
   * The exact condition under which a conditional branch goes to its target. A floating-point
   * comparison whose NaN case takes the branch is the negation of the ordered comparison that
   * fails for NaN ({@code dcmpg; ifge} jumps unless {@code a < b}).
   */
  private LaneValue branchCondition(LaneInterpreter.Branch branch, int branchInsn)
      throws Reject {
    int op = branch.insn().getOpcode();
    LaneValue left;
    LaneValue right;
    LaneValue.Relation relation;
    boolean nanTakesBranch = false;
    if (op >= Opcodes.IF_ICMPEQ && op <= Opcodes.IF_ICMPLE) {
      left = branch.left();
      right = branch.right();
      relation = relationOf(op - Opcodes.IF_ICMPEQ);
    } else if (op >= Opcodes.IFEQ && op <= Opcodes.IFLE) {
      relation = relationOf(op - Opcodes.IFEQ);
      LaneValue v = branch.left();
      if (v instanceof LaneValue.Arith cmp && cmp.opcode() == Opcodes.LCMP) {
        left = cmp.left();
        right = cmp.right();
      } else if (v instanceof LaneValue.Arith cmp && cmp.opcode() >= Opcodes.FCMPL
          && cmp.opcode() <= Opcodes.DCMPG) {
        left = cmp.left();
        right = cmp.right();
        int nanResult = cmp.opcode() == Opcodes.FCMPL || cmp.opcode() == Opcodes.DCMPL ? -1 : 1;
        nanTakesBranch = holds(relation, nanResult) && relation != LaneValue.Relation.NE;
      } else {
        left = v;
        right = new LaneValue.Constant(0, Type.INT_TYPE);
      }
    } else {
      throw new Reject("a condition on references inside the loop", branchInsn);
    }
    return nanTakesBranch
        ? new LaneValue.Not(new LaneValue.Compare(relation.negate(), left, right))
        : new LaneValue.Compare(relation, left, right);
  }

  /** The relation of the n-th of IFEQ, IFNE, IFLT, IFGE, IFGT, IFLE (as of IF_ICMPxx). */
  private static LaneValue.Relation relationOf(int index) {
    return switch (index) {
      case 0 -> LaneValue.Relation.EQ;
      case 1 -> LaneValue.Relation.NE;
      case 2 -> LaneValue.Relation.LT;
      case 3 -> LaneValue.Relation.GE;
      case 4 -> LaneValue.Relation.GT;
      default -> LaneValue.Relation.LE;
    };
  }

  private static boolean holds(LaneValue.Relation relation, int comparison) {
    return switch (relation) {
      case EQ -> comparison == 0;
      case NE -> comparison != 0;
      case LT -> comparison < 0;
      case LE -> comparison <= 0;
      case GT -> comparison > 0;
      case GE -> comparison >= 0;
    };
  }

  /**
   * The loop test, as the condition under which the loop continues: counting up,
   * {@code counter < bound + extra}; counting down, {@code counter >= bound + extra}.
   */
  private record CounterTest(LaneValue counter, LaneValue bound, int extra, boolean down,
      boolean notEqual) {
  }

  /**
   * Turns the loop test into a {@link CounterTest}. {@code <=} adds one; {@code !=} is
   * {@code <} for a counter that starts at or below its bound (otherwise the range looks empty
   * and the original loop runs); {@code i > low} is {@code i >= low + 1}; a comparison with
   * zero ({@code i >= 0}) compares with the constant 0.
   */
  private CounterTest continueWhile(LaneInterpreter.Branch test, int exitBlock,
      Frame<LaneValue> next, int testInsn) throws Reject {
    JumpInsnNode jump = (JumpInsnNode) test.insn();
    boolean jumpExits = graph.blockOf(insns.indexOf(jump.label)) == exitBlock;
    int op = jump.getOpcode();
    LaneValue l = test.left();
    LaneValue r = test.right();
    if (r == null) {
      if (op < Opcodes.IFEQ || op > Opcodes.IFLE) {
        throw new Reject("the loop test does not compare a counter with a bound", testInsn);
      }
      op = op - Opcodes.IFEQ + Opcodes.IF_ICMPEQ;
      r = new LaneValue.Constant(0, Type.INT_TYPE);
    }
    // Normalize to the condition under which the loop continues, the counter on the left.
    int cont = jumpExits ? negate(op) : op;
    if (!steps(l, next) && steps(r, next)) {
      LaneValue t = l;
      l = r;
      r = t;
      cont = swap(cont);
    }
    return switch (cont) {
      case Opcodes.IF_ICMPLT, Opcodes.IF_ICMPNE ->
          new CounterTest(l, r, 0, false, cont == Opcodes.IF_ICMPNE);
      case Opcodes.IF_ICMPLE -> new CounterTest(l, r, 1, false, false);
      case Opcodes.IF_ICMPGE -> new CounterTest(l, r, 0, true, false);
      case Opcodes.IF_ICMPGT -> new CounterTest(l, r, 1, true, false);
      default -> throw new Reject("the loop test is not 'i < bound', 'i <= bound',"
          + " 'i != bound', 'i >= bound' or 'i > bound'", testInsn);
    };
  }

  /** Whether {@code v} is an int local that the loop steps by a constant, up or down. */
  private static boolean steps(LaneValue v, Frame<LaneValue> next) {
    return v instanceof LaneValue.Phi p && p.type().getSort() == Type.INT
        && stepOf(p, next) != 0;
  }

  /**
   * The constant the loop adds to counter {@code iv} per iteration ({@code i++}, {@code i -= 2},
   * {@code i = i + 4}), or 0 where it adds none.
   */
  private static int stepOf(LaneValue.Phi iv, Frame<LaneValue> next) {
    if (next.getLocal(iv.slot()) instanceof LaneValue.Arith a && a.left().equals(iv)
        && a.right() instanceof LaneValue.Constant c && c.value() instanceof Integer k
        && k != Integer.MIN_VALUE) {
      if (a.opcode() == Opcodes.IADD) {
        return k;
      } else if (a.opcode() == Opcodes.ISUB) {
        return -k;
      }
    }
    return 0;
  }

  /** The comparison with its operands swapped: {@code a < b} is {@code b > a}. */
  private static int swap(int op) {
    return switch (op) {
      case Opcodes.IF_ICMPLT -> Opcodes.IF_ICMPGT;
      case Opcodes.IF_ICMPGT -> Opcodes.IF_ICMPLT;
      case Opcodes.IF_ICMPLE -> Opcodes.IF_ICMPGE;
      case Opcodes.IF_ICMPGE -> Opcodes.IF_ICMPLE;
      default -> op;
    };
  }

  private static int negate(int op) {
    return switch (op) {
      case Opcodes.IF_ICMPEQ -> Opcodes.IF_ICMPNE;
      case Opcodes.IF_ICMPNE -> Opcodes.IF_ICMPEQ;
      case Opcodes.IF_ICMPLT -> Opcodes.IF_ICMPGE;
      case Opcodes.IF_ICMPGE -> Opcodes.IF_ICMPLT;
      case Opcodes.IF_ICMPGT -> Opcodes.IF_ICMPLE;
      case Opcodes.IF_ICMPLE -> Opcodes.IF_ICMPGT;
      default -> -1;
    };
  }

  private Bound bound(LaneValue value, int extra, int testInsn) throws Reject {
    int offset = extra;
    LaneValue base = value;
    if (value instanceof LaneValue.Arith a && (a.opcode() == Opcodes.IADD
        || a.opcode() == Opcodes.ISUB) && a.right() instanceof LaneValue.Constant c
        && c.value() instanceof Integer k) {
      base = a.left();
      offset += a.opcode() == Opcodes.IADD ? k : -k;
    } else if (value instanceof LaneValue.Arith a && a.opcode() == Opcodes.IADD
        && a.left() instanceof LaneValue.Constant c && c.value() instanceof Integer k) {
      base = a.right();
      offset += k;
    }
    if (base instanceof LaneValue.Constant c && c.value() instanceof Integer k) {
      return new Bound.Constant(k + offset);
    }
    if ((base instanceof LaneValue.Invariant || base instanceof LaneValue.Field)
        && base.type().getSort() == Type.INT) {
      return new Bound.Value(source(base, testInsn), offset);
    }
    if (base instanceof LaneValue.Length len && ElementType.ofArray(len.array().type()) != null) {
      return new Bound.ArrayLength(arrayInput(len.array(), ElementType.ofArray(len.array().type()),
          testInsn), offset);
    }
    throw new Reject("the loop bound is neither an array's length nor a value the loop"
        + " does not change (plus or minus a constant)", testInsn);
  }

  private ArrayInput arrayInput(LaneValue array, ElementType elementType, int testInsn)
      throws Reject {
    if (!(array instanceof LaneValue.Invariant || array instanceof LaneValue.Field
        || array instanceof LaneValue.Row)) {
      throw new Reject("uses an array the loop may change", testInsn);
    }
    ElementType declared = ElementType.ofArray(array.type());
    if (declared == null || declared != elementType) {
      throw new Reject("uses an array of a type that is not known before the loop", testInsn);
    }
    return new ArrayInput(source(array, testInsn), declared);
  }

  /**
   * Where the loop-invariant {@code value} comes from: a local the loop does not write, a field
   * the class declares non-volatile (the loop writes no field and calls nothing, so only another
   * thread could change it, which Java's memory model lets a compiler ignore for a plain field),
   * or a row of an array of arrays at an index the loop does not change.
   */
  private Source source(LaneValue value, int insn) throws Reject {
    if (value instanceof LaneValue.Invariant inv) {
      return new Source.Local(inv.slot());
    }
    if (value instanceof LaneValue.Field f) {
      Integer access = fields.access(f.owner(), f.name(), f.descriptor());
      if (access == null) {
        throw new Reject("reads field " + f.name() + " of " + f.owner().replace('/', '.')
            + ", which is not declared by the class itself (whether it is volatile is not known"
            + " without loading classes)", insn);
      }
      if ((access & Opcodes.ACC_VOLATILE) != 0) {
        throw new Reject("reads volatile field " + f.name() + " inside the loop", insn);
      }
      if (((access & Opcodes.ACC_STATIC) != 0) != (f.object() == null)) {
        throw new Reject("bytecode the analyzer does not understand: field " + f.name()
            + " read as " + (f.object() == null ? "static" : "an instance field"), insn);
      }
      return new Source.Field(f.object() == null ? null : source(f.object(), insn), f.owner(),
          f.name(), f.descriptor());
    }
    if (value instanceof LaneValue.Row r) {
      if (r.index().type() == null || r.index().type().getSort() != Type.INT
          || r.index().dependsOnAnyPhi()) {
        throw new Reject("reads a row of an array of arrays at an index the loop changes", insn);
      }
      return new Source.Row(source(r.array(), insn), source(r.index(), insn));
    }
    throw new Reject("uses a value the loop may change", insn);
  }

  /** The reduction that local {@code slot} computes, or null when it is not a reduction. */
  private Reduction reduction(int slot, Type slotType, LaneValue next, LaneValue.Phi iv,
      Map<Source, ArrayInput> arrays, Map<Source, ScalarInput> scalars, int testInsn)
      throws Reject {
    if (slotType == null) {
      // Unset at the loop test: a temporary of the body, set anew by every iteration.
      return null;
    }
    LaneValue.Phi acc = new LaneValue.Phi(slot, slotType);
    Boxing boxing = Boxing.NONE;
    LaneValue folded = next;
    LaneValue start = acc;
    if (next instanceof LaneValue.Box box) {
      boxing = box.boxing();
      folded = box.primitive();
      start = new LaneValue.Unbox(boxing, acc);
      if (Boxing.ofWrapper(slotType) != boxing) {
        return null;
      }
    }
    if (folded instanceof LaneValue.Select sel && boxing == Boxing.NONE) {
      return conditionalReduction(slot, acc, sel, iv, arrays, scalars, testInsn);
    }
    Reduction.Operator operator;
    LaneValue term;
    boolean negate = false;
    if (folded instanceof LaneValue.Arith a) {
      if (isSub(a.opcode())) {
        // acc - x folds as acc + (-x): exactly the same in two's complement and in IEEE 754.
        if (!a.left().equals(start)) {
          return null;
        }
        operator = Reduction.Operator.ADD;
        term = a.right();
        negate = true;
      } else {
        operator = foldOf(a.opcode());
        if (operator == null) {
          return null;
        }
        if (a.left().equals(start)) {
          term = a.right();
        } else if (a.right().equals(start)) {
          term = a.left();
        } else {
          return null;
        }
      }
    } else if (folded instanceof LaneValue.MathCall call
        && (call.name().equals("min") || call.name().equals("max"))) {
      operator = call.name().equals("min") ? Reduction.Operator.MIN : Reduction.Operator.MAX;
      if (call.arguments().get(0).equals(start)) {
        term = call.arguments().get(1);
      } else if (call.arguments().get(1).equals(start)) {
        term = call.arguments().get(0);
      } else {
        return null;
      }
    } else {
      return null;
    }
    if (term.dependsOnPhi(slot)) {
      return null;
    }
    ElementType type = ElementType.ofType(folded.type());
    Expr value = expr(term, iv, arrays, scalars, testInsn);
    if (negate) {
      value = new Expr.Unary(Expr.UnaryOperator.NEG, value, value.type());
    }
    if (value.type() != type) {
      throw new Reject("folds a " + value.type().javaName() + " into a " + type.javaName(),
          testInsn);
    }
    return new Reduction(operator, new Accumulator(slot, type, boxing), value);
  }

  /**
   * A reduction under a condition: {@code if (c) acc op= e} folds {@code c ? e : identity};
   * {@code if (e > acc) acc = e} (or its ternary) is a max, and the mirror images a min, for
   * integer types; on floating point that form depends on the order of NaNs and signed zeros,
   * unlike {@code Math.max}, and stays a rejection.
   */
  private Reduction conditionalReduction(int slot, LaneValue.Phi acc, LaneValue.Select sel,
      LaneValue.Phi iv, Map<Source, ArrayInput> arrays, Map<Source, ScalarInput> scalars,
      int testInsn) throws Reject {
    ElementType type = ElementType.ofType(acc.type());
    if (type == null) {
      return null;
    }
    LaneValue c = sel.condition();
    if (!c.dependsOnPhi(slot)) {
      boolean foldWhenTrue = sel.ifFalse().equals(acc);
      boolean foldWhenFalse = sel.ifTrue().equals(acc);
      if (!foldWhenTrue && !foldWhenFalse) {
        // if (c) acc op= e1; else acc op= e2;  folds c ? e1 : e2
        Reduction whenTrue = reduction(slot, acc.type(), sel.ifTrue(), iv, arrays, scalars,
            testInsn);
        Reduction whenFalse = reduction(slot, acc.type(), sel.ifFalse(), iv, arrays, scalars,
            testInsn);
        if (whenTrue == null || whenFalse == null
            || whenTrue.operator() != whenFalse.operator()) {
          return null;
        }
        return new Reduction(whenTrue.operator(), whenTrue.accumulator(),
            new Expr.Select(condition(c, iv, arrays, scalars, testInsn), whenTrue.value(),
                whenFalse.value(), type));
      }
      if (foldWhenTrue == foldWhenFalse) {
        return null;
      }
      LaneValue folding = foldWhenTrue ? sel.ifTrue() : sel.ifFalse();
      Reduction inner = reduction(slot, acc.type(), folding, iv, arrays, scalars, testInsn);
      if (inner == null) {
        return null;
      }
      Expr.Predicate condition = condition(c, iv, arrays, scalars, testInsn);
      Expr identity = new Expr.Constant(Identities.of(inner.operator(), type), type);
      Expr value = foldWhenTrue
          ? new Expr.Select(condition, inner.value(), identity, type)
          : new Expr.Select(condition, identity, inner.value(), type);
      return new Reduction(inner.operator(), inner.accumulator(), value);
    }
    // acc = (x REL acc) ? x : acc, and the forms with the operands or arms the other way round.
    if (!(c instanceof LaneValue.Compare cmp)) {
      return null;
    }
    LaneValue x;
    LaneValue.Relation relation = cmp.relation();
    if (sel.ifFalse().equals(acc)) {
      x = sel.ifTrue();
    } else if (sel.ifTrue().equals(acc) && type.isIntegral()) {
      x = sel.ifFalse();
      relation = relation.negate();
    } else {
      return null;
    }
    if (x.dependsOnPhi(slot)) {
      return null;
    }
    if (cmp.left().equals(acc) && cmp.right().equals(x)) {
      relation = relation.swap();
    } else if (!(cmp.left().equals(x) && cmp.right().equals(acc))) {
      return null;
    }
    Reduction.Operator operator = switch (relation) {
      case GT, GE -> Reduction.Operator.MAX;
      case LT, LE -> Reduction.Operator.MIN;
      default -> null;
    };
    if (operator == null) {
      return null;
    }
    if (!type.isIntegral()) {
      throw new Reject("a conditional min or max over floating point depends on the order of"
          + " NaNs and signed zeros; Math.min and Math.max do not", testInsn);
    }
    Expr value = expr(x, iv, arrays, scalars, testInsn);
    if (value.type() != type) {
      throw new Reject("folds a " + value.type().javaName() + " into a " + type.javaName(),
          testInsn);
    }
    return new Reduction(operator, new Accumulator(slot, type, Boxing.NONE), value);
  }

  private Expr.Predicate condition(LaneValue c, LaneValue.Phi iv,
      Map<Source, ArrayInput> arrays, Map<Source, ScalarInput> scalars, int testInsn)
      throws Reject {
    if (c instanceof LaneValue.Not n) {
      return new Expr.Not(condition(n.operand(), iv, arrays, scalars, testInsn));
    }
    if (c instanceof LaneValue.Both b) {
      return new Expr.Both(b.all(), condition(b.left(), iv, arrays, scalars, testInsn),
          condition(b.right(), iv, arrays, scalars, testInsn));
    }
    if (!(c instanceof LaneValue.Compare cmp)) {
      throw new Reject("a condition the kernels do not support", testInsn);
    }
    Expr left = expr(cmp.left(), iv, arrays, scalars, testInsn);
    Expr right = expr(cmp.right(), iv, arrays, scalars, testInsn);
    if (left.type() != right.type()) {
      throw new Reject("compares a " + left.type().javaName() + " with a "
          + right.type().javaName(), testInsn);
    }
    return new Expr.Condition(Expr.Relation.valueOf(cmp.relation().name()), left, right);
  }

  private static boolean isSub(int opcode) {
    return opcode == Opcodes.ISUB || opcode == Opcodes.LSUB || opcode == Opcodes.FSUB
        || opcode == Opcodes.DSUB;
  }

  private static Reduction.Operator foldOf(int opcode) {
    return switch (opcode) {
      case Opcodes.IADD, Opcodes.LADD, Opcodes.FADD, Opcodes.DADD -> Reduction.Operator.ADD;
      case Opcodes.IMUL, Opcodes.LMUL, Opcodes.FMUL, Opcodes.DMUL -> Reduction.Operator.MUL;
      case Opcodes.IAND, Opcodes.LAND -> Reduction.Operator.AND;
      case Opcodes.IOR, Opcodes.LOR -> Reduction.Operator.OR;
      case Opcodes.IXOR, Opcodes.LXOR -> Reduction.Operator.XOR;
      default -> null;
    };
  }

  private Expr expr(LaneValue value, LaneValue.Phi iv, Map<Source, ArrayInput> arrays,
      Map<Source, ScalarInput> scalars, int testInsn) throws Reject {
    if (value instanceof LaneValue.Element e && e.index().equals(iv)) {
      ArrayInput array = arrayInput(e.array(), e.elementType(), testInsn);
      return new Expr.ArrayElement(arrays.computeIfAbsent(array.source(), s -> array));
    }
    if (value instanceof LaneValue.Invariant || value instanceof LaneValue.Field) {
      ElementType type = ElementType.ofType(value.type());
      if (type == null) {
        throw new Reject("uses a reference as a number", testInsn);
      }
      ScalarInput input = scalars.computeIfAbsent(source(value, testInsn),
          s -> new ScalarInput(s, type));
      return new Expr.Invariant(input);
    }
    if (value instanceof LaneValue.Constant c && c.value() instanceof Number n) {
      return new Expr.Constant(n, ElementType.ofType(c.type()));
    }
    if (value instanceof LaneValue.Convert c) {
      ElementType to = switch (c.opcode()) {
        case Opcodes.I2B -> ElementType.BYTE;
        case Opcodes.I2S -> ElementType.SHORT;
        case Opcodes.I2C -> ElementType.CHAR;
        default -> ElementType.ofType(c.type());
      };
      return new Expr.Convert(expr(c.operand(), iv, arrays, scalars, testInsn), to);
    }
    if (value instanceof LaneValue.Arith a) {
      Expr.Operator operator = operatorOf(a.opcode());
      if (operator == null) {
        throw new Reject("an operation the kernels do not support yet (" + opcodeName(a.opcode())
            + ")", testInsn);
      }
      Expr left = expr(a.left(), iv, arrays, scalars, testInsn);
      Expr right = expr(a.right(), iv, arrays, scalars, testInsn);
      return new Expr.Binary(operator, left, right, ElementType.ofType(a.type()));
    }
    if (value instanceof LaneValue.Negate n) {
      Expr operand = expr(n.operand(), iv, arrays, scalars, testInsn);
      return new Expr.Unary(Expr.UnaryOperator.NEG, operand, operand.type());
    }
    if (value instanceof LaneValue.MathCall call) {
      List<Expr> args = new ArrayList<>();
      for (LaneValue arg : call.arguments()) {
        args.add(expr(arg, iv, arrays, scalars, testInsn));
      }
      ElementType type = ElementType.ofType(call.type());
      return switch (call.name()) {
        case "abs" -> new Expr.Unary(Expr.UnaryOperator.ABS, args.get(0), type);
        case "sqrt" -> new Expr.Unary(Expr.UnaryOperator.SQRT, args.get(0), type);
        case "fma" -> new Expr.Fma(args.get(0), args.get(1), args.get(2), type);
        case "min" -> new Expr.Binary(Expr.Operator.MIN, args.get(0), args.get(1), type);
        default -> new Expr.Binary(Expr.Operator.MAX, args.get(0), args.get(1), type);
      };
    }
    if (value instanceof LaneValue.Select sel) {
      Expr.Predicate condition = condition(sel.condition(), iv, arrays, scalars, testInsn);
      Expr ifTrue = expr(sel.ifTrue(), iv, arrays, scalars, testInsn);
      Expr ifFalse = expr(sel.ifFalse(), iv, arrays, scalars, testInsn);
      return select(condition, ifTrue, ifFalse);
    }
    if (value instanceof LaneValue.Element) {
      throw new Reject("reads an array at an index other than the loop counter", testInsn);
    }
    if (value instanceof LaneValue.Phi) {
      throw new Reject("uses a value carried from the previous iteration", testInsn);
    }
    if (value instanceof LaneValue.Opaque o) {
      throw new Reject("uses a value the analyzer does not model (" + o.origin() + ")",
          testInsn);
    }
    throw new Reject("uses a value the kernels do not support yet", testInsn);
  }

  /**
   * {@code condition ? ifTrue : ifFalse}, where {@code x < y ? x : y} and its kin are {@code
   * Math.min} or {@code Math.max}: the same on integers (not on floating point, where NaN and
   * -0.0 tell them apart), and one instruction in a vector kernel rather than a comparison and
   * a blend.
   */
  private static Expr select(Expr.Predicate condition, Expr ifTrue, Expr ifFalse) {
    if (condition instanceof Expr.Condition c
        && (c.type() == ElementType.INT || c.type() == ElementType.LONG)
        && c.right().type() == c.type() && ifTrue.type() == c.type()) {
      Boolean less = switch (c.relation()) {
        case LT, LE -> true;
        case GT, GE -> false;
        default -> null;
      };
      if (less != null && ifTrue.equals(c.left()) && ifFalse.equals(c.right())) {
        return new Expr.Binary(less ? Expr.Operator.MIN : Expr.Operator.MAX, ifTrue, ifFalse,
            c.type());
      }
      if (less != null && ifTrue.equals(c.right()) && ifFalse.equals(c.left())) {
        return new Expr.Binary(less ? Expr.Operator.MAX : Expr.Operator.MIN, ifFalse, ifTrue,
            c.type());
      }
    }
    return new Expr.Select(condition, ifTrue, ifFalse, ifTrue.type());
  }

  private static Expr.Operator operatorOf(int opcode) {
    return switch (opcode) {
      case Opcodes.IADD, Opcodes.LADD, Opcodes.FADD, Opcodes.DADD -> Expr.Operator.ADD;
      case Opcodes.ISUB, Opcodes.LSUB, Opcodes.FSUB, Opcodes.DSUB -> Expr.Operator.SUB;
      case Opcodes.IMUL, Opcodes.LMUL, Opcodes.FMUL, Opcodes.DMUL -> Expr.Operator.MUL;
      case Opcodes.FDIV, Opcodes.DDIV -> Expr.Operator.DIV;
      case Opcodes.IAND, Opcodes.LAND -> Expr.Operator.AND;
      case Opcodes.IOR, Opcodes.LOR -> Expr.Operator.OR;
      case Opcodes.IXOR, Opcodes.LXOR -> Expr.Operator.XOR;
      case Opcodes.ISHL, Opcodes.LSHL -> Expr.Operator.SHL;
      case Opcodes.ISHR, Opcodes.LSHR -> Expr.Operator.SHR;
      case Opcodes.IUSHR, Opcodes.LUSHR -> Expr.Operator.USHR;
      default -> null;
    };
  }

  private static String opcodeName(int opcode) {
    return switch (opcode) {
      case Opcodes.FREM, Opcodes.DREM -> "floating-point remainder";
      case Opcodes.LCMP, Opcodes.FCMPL, Opcodes.FCMPG, Opcodes.DCMPL, Opcodes.DCMPG ->
          "a comparison as a value";
      default -> "opcode " + opcode;
    };
  }

  private String localName(int slot, int atInsn) {
    if (method.localVariables != null) {
      for (var lv : method.localVariables) {
        if (lv.index == slot && insns.indexOf(lv.start) <= atInsn
            && insns.indexOf(lv.end) > atInsn) {
          return "'" + lv.name + "'";
        }
      }
    }
    return "#" + slot;
  }
}
