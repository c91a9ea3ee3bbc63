package dev.hotloop.analyzer.cfg;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loops of a method, found from back edges on the dominator tree, so that loops of any
 * compiler's bytecode are found the same way. A retreating edge whose target does not dominate
 * its source marks irreducible control flow: such a cycle is no natural loop and is reported so.
 */
public record LoopForest(List<NaturalLoop> loops, List<Integer> irreducibleTargets) {

  public LoopForest {
    loops = List.copyOf(loops);
    irreducibleTargets = List.copyOf(irreducibleTargets);
  }

  /** Finds the natural loops of {@code graph}, outer loops before the loops they enclose. */
  public static LoopForest of(ControlFlowGraph graph, Dominators dominators) {
    Map<Integer, List<Integer>> latchesByHeader = new LinkedHashMap<>();
    List<Integer> irreducible = new ArrayList<>();
    int n = graph.blocks().size();
    for (int b = 0; b < n; b++) {
      if (!dominators.isReachable(b)) {
        continue;
      }
      for (int s : graph.allSuccessors(b)) {
        if (dominators.dominates(s, b)) {
          latchesByHeader.computeIfAbsent(s, k -> new ArrayList<>()).add(b);
        } else if (dominators.postorderNumber(s) >= dominators.postorderNumber(b)
            && !irreducible.contains(s)
            && reaches(graph, s, b)) {
          // A retreating edge into a block that does not dominate its source: a cycle entered
          // at more than one point.
          irreducible.add(s);
        }
      }
    }
    List<NaturalLoop> loops = new ArrayList<>();
    for (Map.Entry<Integer, List<Integer>> e : latchesByHeader.entrySet()) {
      int header = e.getKey();
      BitSet body = new BitSet(n);
      body.set(header);
      Deque<Integer> work = new ArrayDeque<>();
      for (int latch : e.getValue()) {
        if (!body.get(latch)) {
          body.set(latch);
          work.push(latch);
        }
      }
      while (!work.isEmpty()) {
        int b = work.pop();
        for (int p : graph.predecessors(b)) {
          if (!body.get(p) && dominators.isReachable(p)) {
            body.set(p);
            work.push(p);
          }
        }
      }
      int[] latches = e.getValue().stream().mapToInt(Integer::intValue).toArray();
      loops.add(new NaturalLoop(header, latches, body, 0));
    }
    List<NaturalLoop> withDepth = new ArrayList<>();
    for (NaturalLoop loop : loops) {
      int depth = 0;
      for (NaturalLoop other : loops) {
        if (other.encloses(loop)) {
          depth++;
        }
      }
      withDepth.add(new NaturalLoop(loop.header(), loop.latches(), loop.body(), depth));
    }
    withDepth.sort(Comparator.comparingInt(NaturalLoop::depth)
        .thenComparingInt(l -> graph.block(l.header()).first()));
    return new LoopForest(withDepth, irreducible);
  }

  private static boolean reaches(ControlFlowGraph graph, int from, int to) {
    BitSet seen = new BitSet();
    Deque<Integer> work = new ArrayDeque<>();
    work.push(from);
    seen.set(from);
    while (!work.isEmpty()) {
      int b = work.pop();
      if (b == to) {
        return true;
      }
      for (int s : graph.allSuccessors(b)) {
        if (!seen.get(s)) {
          seen.set(s);
          work.push(s);
        }
      }
    }
    return false;
  }

  /** The loops nested directly or indirectly inside {@code loop}. */
  public List<NaturalLoop> enclosedBy(NaturalLoop loop) {
    List<NaturalLoop> inner = new ArrayList<>();
    for (NaturalLoop other : loops) {
      if (loop.encloses(other)) {
        inner.add(other);
      }
    }
    return inner;
  }
}
