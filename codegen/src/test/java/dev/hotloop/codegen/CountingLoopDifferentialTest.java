package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hotloop.codegen.fixtures.CountingLoops;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the loops that count down ({@code i >= 0}, {@code i > 0}, {@code i >= low}) or up to a
 * constant, and their accelerated forms, on the same edge inputs on every backend: the kernel
 * visits the same indexes in ascending order, which only loops whose result does not depend on
 * the order may do; bounds past either end of the array send the call to the original loop.
 */
class CountingLoopDifferentialTest {

  @ParameterizedTest(name = "{0} fastmath={1}")
  @MethodSource("dev.hotloop.codegen.SumKernelDifferentialTest#configurations")
  void countingLoopsMatchTheOriginal(String backendName, boolean fastmath) throws Exception {
    int compared = SumKernelDifferentialTest.compareEveryPublicMethod(CountingLoops.class,
        SumKernelDifferentialTest.backend(backendName), fastmath, m -> false,
        ReductionKernelDifferentialTest::argumentsFor);
    assertTrue(compared > 1000, "compared " + compared);
  }
}
