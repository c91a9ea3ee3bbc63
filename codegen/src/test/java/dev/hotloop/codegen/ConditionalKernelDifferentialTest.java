package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.hotloop.codegen.fixtures.ConditionalLoops;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.KernelBackend;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every conditional reduction (count-if, conditional sums, if/else folds, comparisons
 * written as max and min, {@code &&}, {@code ||}, {@code !}, else-if chains and {@code continue})
 * and its accelerated form on the same edge inputs, NaN and -0.0
 * included, on every backend, with and without {@code fastmath}.
 */
class ConditionalKernelDifferentialTest {

  @ParameterizedTest(name = "{0} fastmath={1}")
  @MethodSource("dev.hotloop.codegen.SumKernelDifferentialTest#configurations")
  void acceleratedConditionalReductionsMatchTheOriginal(String backendName, boolean fastmath)
      throws Exception {
    int compared = SumKernelDifferentialTest.compareEveryPublicMethod(ConditionalLoops.class,
        SumKernelDifferentialTest.backend(backendName), fastmath,
        m -> fastmath && m.getReturnType() == double.class,
        ReductionKernelDifferentialTest::argumentsFor);
    assertTrue(compared > 1000, "compared " + compared);
  }

  @Test
  void integerConditionsVectorizeWithMasksAndBlends() throws Exception {
    Assumptions.assumeTrue(SumKernelDifferentialTest.vectorAvailable());
    AcceleratedClass accelerated = AcceleratedClass.of(ConditionalLoops.class,
        new KernelBackend.Vector(256), false, true);
    for (String name : List.of("countAbove", "countNotBelow", "sumPositive", "sumOfMagnitudes",
        "addEvenSubtractOdd", "maxIf", "minTernary", "countMatches", "countNotEqual",
        "countInRange", "countOutside", "sumSkippingNegatives", "classify")) {
      Kernel k = accelerated.kernelsByMethod.get(name).get(0);
      assertTrue(k.vectorized(), name + ": " + k.description());
    }
    // Doubles compared at an int counter's 8 lanes would need 512-bit vectors: scalar here.
    Kernel doubles = accelerated.kernelsByMethod.get("countAboveDoubles").get(0);
    assertFalse(doubles.vectorized(), doubles.description());
    assertTrue(doubles.description().contains("512-bit"), doubles.description());
  }
}
