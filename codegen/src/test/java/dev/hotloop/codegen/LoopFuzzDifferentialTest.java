package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hotloop.codegen.kernel.KernelBackend;

import org.junit.jupiter.api.Test;

/**
 * A short run of {@link LoopFuzzer} on every build: about {@code hotloop.fuzz.seconds} seconds
 * (default 45) of generated loops from seed {@code hotloop.fuzz.seed} (default 1, so that a
 * build fails only for a change it makes; another seed explores other loops), on the scalar
 * backend and, where the Vector API is there, on 256-bit vectors. Every mismatch is printed
 * with its seed and source.
 */
class LoopFuzzDifferentialTest {

  @Test
  void generatedLoopsMatchTheirAcceleratedForms() throws Exception {
    long seconds = Long.getLong("hotloop.fuzz.seconds", 45);
    long seed = Long.getLong("hotloop.fuzz.seed", 1);
    List<KernelBackend> backends = new ArrayList<>(List.of(KernelBackend.Scalar.INSTANCE));
    if (SumKernelDifferentialTest.vectorAvailable()) {
      backends.add(new KernelBackend.Vector(256));
    }
    LoopFuzzer.Result result = new LoopFuzzer(backends).run(seed, Integer.MAX_VALUE,
        System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
    System.out.println("loop fuzzer from seed " + seed + ": " + result.summary() + " ("
        + result.accepted() + " accepted, " + result.compared() + " calls compared); rejected: "
        + result.rejections());
    result.mismatches().stream().limit(5).forEach(System.out::println);
    assertTrue(result.mismatches().isEmpty(), result.summary() + ", first: "
        + result.mismatches().stream().findFirst().map(Object::toString).orElse(""));
    // Not a fuzzer of rejections: most generated loops must be accelerated and compared.
    assertTrue(result.accepted() * 2 > result.cases(), result.summary() + ", "
        + result.accepted() + " accepted; rejected: " + result.rejections());
  }
}
