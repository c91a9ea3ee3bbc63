package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A short run of {@link LoopFuzzer} on every build: about {@code hotloop.fuzz.seconds} seconds
 * (default 45) of generated loops from seed {@code hotloop.fuzz.seed} (default 1, so that a
 * build fails only for a change it makes; another seed explores other loops), on the scalar
 * backend and, where the Vector API is there, on 256-bit vectors. Every mismatch is printed
 * with its seed, its source and the small case it shrank to. {@code bin/fuzz} runs longer.
 */
class LoopFuzzDifferentialTest {

  @Test
  void generatedLoopsMatchTheirAcceleratedForms() throws Exception {
    long seconds = Long.getLong("hotloop.fuzz.seconds", 45);
    long seed = Long.getLong("hotloop.fuzz.seed", 1);
    LoopFuzzer.Result result = new LoopFuzzer(LoopFuzzMain.backends()).run(seed,
        Long.MAX_VALUE - seed, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds),
        Runtime.getRuntime().availableProcessors());
    System.out.println("loop fuzzer from seed " + seed + ": " + LoopFuzzMain.describe(result));
    result.mismatches().stream().limit(3).forEach(System.out::println);
    assertTrue(result.mismatches().isEmpty(), result.summary() + ", first: "
        + result.mismatches().stream().findFirst().map(Object::toString).orElse(""));
    // Not a fuzzer of rejections: most generated loops must be accelerated and compared.
    long eligible = result.cases() - result.nearMisses();
    assertTrue(result.accepted() * 10 > eligible * 6, result.summary() + ", "
        + result.accepted() + " accepted; rejected: " + result.rejections());
  }
}
