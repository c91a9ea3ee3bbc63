package dev.hotloop.codegen.body;

import java.util.Map;

/**
 * The rewrite of one method: its id for the call counter, and what to do with each of its loops,
 * keyed by the loop's ordinal in the analyzer's verdicts. Loops not named are left as they are.
 */
public record MethodRewrite(String name, String descriptor, int methodId,
    Map<Integer, LoopRewrite> loops) {

  public MethodRewrite {
    loops = Map.copyOf(loops);
  }
}
