package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.hotloop.codegen.fixtures.StridedLoops;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.runtime.Probes;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the loops that step by more than one, up and down, and their accelerated forms on the
 * same edge inputs on every backend, with and without {@code fastmath}: the kernel must visit
 * exactly the loop's indexes (the first, every stride-th after it, none at or past the bound),
 * leave the counter where the loop leaves it, and send bounds past either end of an array to
 * the original loop; arrays passed twice and outputs too short included.
 */
class StridedLoopDifferentialTest {

  @ParameterizedTest(name = "{0} fastmath={1}")
  @MethodSource("dev.hotloop.codegen.SumKernelDifferentialTest#configurations")
  void stridedLoopsMatchTheOriginal(String backendName, boolean fastmath) throws Exception {
    AcceleratedClass accelerated = AcceleratedClass.of(StridedLoops.class,
        SumKernelDifferentialTest.backend(backendName), fastmath, true);
    int compared = SumKernelDifferentialTest.compareEveryPublicMethod(StridedLoops.class,
        accelerated, m -> fastmath && m.getReturnType() == double.class,
        MapKernelDifferentialTest::argumentsFor);
    assertTrue(compared > 1000, "compared " + compared);
    // Not every call went to the original loop: the kernels ran on the inputs in range.
    accelerated.loopIdsByMethod.forEach((name, ids) -> assertTrue(
        Probes.loopCounts(ids.get(0)).kernelRuns() > 0, name + " never ran its kernel"));
  }

  @Test
  void stridedLoopsGatherAndScatterTheirLanes() throws Exception {
    Assumptions.assumeTrue(SumKernelDifferentialTest.vectorAvailable());
    AcceleratedClass accelerated = AcceleratedClass.of(StridedLoops.class,
        new KernelBackend.Vector(256), true, true);
    for (String name : List.of("sumEveryOther", "sumStrideThree", "sumStrideFiveCounter",
        "doubleSumEveryOther", "scaleEveryFourth", "clampOddBytes", "markEveryThirdChar",
        "countDownByTwo", "maxDownByThreeCounter")) {
      Kernel k = accelerated.kernelsByMethod.get(name).get(0);
      assertTrue(k.vectorized(), name + ": " + k.description());
    }
  }
}
