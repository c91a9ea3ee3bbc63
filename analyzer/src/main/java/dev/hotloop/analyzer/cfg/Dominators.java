package dev.hotloop.analyzer.cfg;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The dominator tree of a control-flow graph, by the iterative algorithm of Cooper, Harvey and
 * Kennedy ("A Simple, Fast Dominance Algorithm"). Blocks unreachable from the entry have no
 * dominator and dominate nothing.
 */
public final class Dominators {

  private final int[] idom;
  private final int[] postorderNumber;

  private Dominators(int[] idom, int[] postorderNumber) {
    this.idom = idom;
    this.postorderNumber = postorderNumber;
  }

  /** Computes the dominators of {@code graph}. */
  public static Dominators of(ControlFlowGraph graph) {
    int n = graph.blocks().size();
    int[] postorder = new int[n];
    int[] number = new int[n];
    Arrays.fill(number, -1);
    int count = 0;
    if (n > 0) {
      // Iterative depth-first search so that huge methods cannot overflow the stack.
      boolean[] visited = new boolean[n];
      Deque<int[]> stack = new ArrayDeque<>();
      stack.push(new int[] {0, 0});
      visited[0] = true;
      while (!stack.isEmpty()) {
        int[] top = stack.peek();
        int[] succ = graph.allSuccessors(top[0]);
        if (top[1] < succ.length) {
          int s = succ[top[1]++];
          if (!visited[s]) {
            visited[s] = true;
            stack.push(new int[] {s, 0});
          }
        } else {
          stack.pop();
          number[top[0]] = count;
          postorder[count++] = top[0];
        }
      }
    }
    int[] idom = new int[n];
    Arrays.fill(idom, -1);
    if (n == 0) {
      return new Dominators(idom, number);
    }
    idom[0] = 0;
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int k = count - 1; k >= 0; k--) {
        int b = postorder[k];
        if (b == 0) {
          continue;
        }
        int newIdom = -1;
        for (int p : graph.predecessors(b)) {
          if (idom[p] == -1) {
            continue;
          }
          newIdom = newIdom == -1 ? p : intersect(p, newIdom, idom, number);
        }
        if (newIdom != -1 && idom[b] != newIdom) {
          idom[b] = newIdom;
          changed = true;
        }
      }
    }
    return new Dominators(idom, number);
  }

  private static int intersect(int a, int b, int[] idom, int[] number) {
    while (a != b) {
      while (number[a] < number[b]) {
        a = idom[a];
      }
      while (number[b] < number[a]) {
        b = idom[b];
      }
    }
    return a;
  }

  /** Whether {@code block} is reachable from the method's entry. */
  public boolean isReachable(int block) {
    return idom[block] != -1;
  }

  /** Whether {@code a} dominates {@code b} (every block dominates itself). */
  public boolean dominates(int a, int b) {
    if (!isReachable(a) || !isReachable(b)) {
      return false;
    }
    int x = b;
    while (true) {
      if (x == a) {
        return true;
      }
      if (x == 0) {
        return false;
      }
      x = idom[x];
    }
  }

  /** The immediate dominator of {@code block}, or -1 for the entry and unreachable blocks. */
  public int immediateDominator(int block) {
    return block == 0 ? -1 : idom[block];
  }

  /** The block's depth-first postorder number, or -1 when unreachable. */
  int postorderNumber(int block) {
    return postorderNumber[block];
  }
}
