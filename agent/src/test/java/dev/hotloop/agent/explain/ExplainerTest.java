package dev.hotloop.agent.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.hotloop.agent.explain.LoopExplanation.Verdict;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.config.ConfigParser;
import dev.hotloop.config.HotloopConfig;

import example.shapes.ExplainedLoops;

import org.junit.jupiter.api.Test;

/** {@link Explainer} on {@link ExplainedLoops}: one loop of each verdict. */
class ExplainerTest {

  private static byte[] classFile() throws IOException {
    try (InputStream in = ExplainedLoops.class.getResourceAsStream("ExplainedLoops.class")) {
      return in.readAllBytes();
    }
  }

  private static Map<String, LoopExplanation> byMethod(List<LoopExplanation> loops) {
    return loops.stream().collect(Collectors.toMap(LoopExplanation::methodName, l -> l));
  }

  @Test
  void eachLoopGetsTheVerdictTheAgentWouldReach() throws IOException {
    Map<String, LoopExplanation> loops = byMethod(new Explainer(HotloopConfig.defaults(),
        new KernelBackend.Vector(256)).explain(classFile()));
    assertEquals(3, loops.size(), loops.toString());
    LoopExplanation sum = loops.get("sum");
    assertEquals(Verdict.ACCELERATE, sum.verdict());
    assertTrue(sum.detail().contains("LongVector") && sum.detail().contains("256-bit"),
        sum.detail());
    assertEquals("ExplainedLoops.java", sum.sourceFile());
    assertTrue(sum.line() > 0 && sum.location().startsWith("ExplainedLoops.java:"),
        sum.location());
    assertEquals(Verdict.KEPT, loops.get("strictSum").verdict());
    assertTrue(loops.get("strictSum").detail().contains("fastmath"),
        loops.get("strictSum").detail());
    assertEquals(Verdict.REJECTED, loops.get("prefixSums").verdict());
  }

  @Test
  void theConfigSelectsMethodsAndItsFastmathCounts() throws IOException {
    HotloopConfig config = ConfigParser.parse("test.conf",
        ExplainedLoops.class.getName() + "::strictSum fastmath\n").config();
    List<LoopExplanation> loops = new Explainer(config, KernelBackend.Scalar.INSTANCE)
        .explain(classFile());
    assertEquals(1, loops.size(), loops.toString());
    assertEquals(Verdict.ACCELERATE, loops.get(0).verdict(), loops.get(0).detail());
    assertTrue(loops.get(0).detail().contains("scalar"), loops.get(0).detail());
  }
}
