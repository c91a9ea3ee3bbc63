package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.hotloop.analyzer.plan.LoopVerdict;
import dev.hotloop.analyzer.plan.MethodAnalysis;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.KernelBackend;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loops compiled by the Kotlin compiler are found and accelerated: the Kotlin fixtures under
 * {@code fixtures/kotlin} are compiled in this JVM, and each of their functions runs against its
 * accelerated form as in the javac fixtures' differential tests, on the scalar and the 256-bit
 * vector backend, with and without {@code fastmath}. Kotlin's bytecode differs from javac's:
 * parameter null checks at method entry, the array's length read once into a local, inlined
 * lambdas with a copy of the array reference and locals of their own, closed ranges tested
 * before the loop and again before the increment. Loops the analyzer rejects though it accepts
 * javac's equivalent are listed apart, with the reason; loops over closed ranges, which it
 * accepts but gets wrong, are tested apart, disabled.
 */
class KotlinFixturesDifferentialTest {

  private static final String PACKAGE = "dev.hotloop.codegen.fixtures.kotlin.";

  /**
   * Each fixture class whose every loop must be accelerated, with the argument generator of the
   * javac differential test for loops of its kind.
   */
  private static final Map<String, Function<Method, List<Object[]>>> ACCELERATED = Map.of(
      "SumLoopsKt", SumKernelDifferentialTest::argumentsFor,
      "ReductionLoopsKt", ReductionKernelDifferentialTest::argumentsFor,
      "ConditionalLoopsKt", ReductionKernelDifferentialTest::argumentsFor,
      "MapLoopsKt", MapKernelDifferentialTest::argumentsFor,
      "VectorMath", MapKernelDifferentialTest::argumentsFor);

  /** The rejected loops of {@code KnownRejectionsKt}: method to (part of) the reason. */
  private static final Map<String, String> KNOWN_REJECTIONS = Map.of(
      "clampDoublesWithCoerceAtLeast",
      "calls kotlin.ranges.RangesKt.coerceAtLeast inside the loop",
      "doubleEachIndexed", "writes an array at an index other than the loop counter",
      "sumRangeForEach", "calls java.util.Iterator.hasNext inside the loop",
      // Not rejected but never found: no loop of the method touches a primitive array.
      "sumUInts", "");

  private static Map<String, byte[]> classes;

  @BeforeAll
  static void compile() throws Exception {
    // Once for the class: the Kotlin compiler takes seconds to start.
    classes = FixtureCompiler.kotlin("fixtures/kotlin/SumLoops.kt",
        "fixtures/kotlin/ReductionLoops.kt", "fixtures/kotlin/ConditionalLoops.kt",
        "fixtures/kotlin/MapLoops.kt", "fixtures/kotlin/VectorMath.kt",
        "fixtures/kotlin/KnownRejections.kt", "fixtures/kotlin/ClosedRanges.kt");
  }

  @Test
  void everyLoopOfTheFixturesHasAPlan() {
    for (String fixture : ACCELERATED.keySet()) {
      ForeignFixtures.assertEveryLoopAccepted(PACKAGE + fixture, classes.get(PACKAGE + fixture));
    }
  }

  @ParameterizedTest(name = "{0} fastmath={1}")
  @MethodSource("dev.hotloop.codegen.ForeignFixtures#configurations")
  void acceleratedKotlinLoopsMatchTheOriginal(String backendName, boolean fastmath)
      throws Exception {
    int compared = 0;
    for (Map.Entry<String, Function<Method, List<Object[]>>> fixture : ACCELERATED.entrySet()) {
      compared += ForeignFixtures.compare(PACKAGE + fixture.getKey(), classes,
          SumKernelDifferentialTest.backend(backendName), fastmath, fixture.getValue());
    }
    assertTrue(compared > 1000, "compared " + compared);
  }

  @Test
  void exactKotlinLoopsGetVectorKernels() throws Exception {
    Assumptions.assumeTrue(SumKernelDifferentialTest.vectorAvailable());
    // Vector code, not only a kernel: as for javac's loops of the same kinds.
    Map<String, List<String>> vectorized = Map.of(
        "SumLoopsKt", List.of("sumLongs", "sumToN", "sumRange", "sumIntsToLong", "sumForEach",
            "sumOfInline", "total"),
        "ReductionLoopsKt", List.of("dotToN", "sumMaskedBytes", "maxOfLongs", "xorAll"),
        "ConditionalLoopsKt", List.of("countAbove", "countInline", "maxIf", "sumOfMagnitudes"),
        "MapLoopsKt", List.of("addInts", "addInPlace", "clampBelow", "widenIntsToLongs",
            "clampWithCoerceAtLeast", "clampWithCoerceAtMost"));
    for (Map.Entry<String, List<String>> fixture : vectorized.entrySet()) {
      String name = PACKAGE + fixture.getKey();
      AcceleratedClass accelerated = AcceleratedClass.of(name, classes.get(name),
          new KernelBackend.Vector(256), false, true);
      for (String method : fixture.getValue()) {
        Kernel k = accelerated.kernelsByMethod.get(method).get(0);
        assertTrue(k.vectorized(), method + ": " + k.description());
      }
    }
  }

  @Test
  void closedRangesAreLeftAloneNotMiscompiled() {
    // Kotlin's 'for (i in a..b)' runs the body, then leaves when i == b, before the increment:
    // the test comes after the body, which the plans do not model yet.
    Map<String, MethodAnalysis> analyses = ForeignFixtures.analyze(
        classes.get(PACKAGE + "ClosedRangesKt"));
    for (String method : List.of("sumThroughLast", "sumThroughLastIndex", "negateFromTo")) {
      List<LoopVerdict> loops = analyses.get(method).loops();
      assertEquals(1, loops.size(), method + ": " + loops);
      String reason = ((LoopVerdict.Rejected) loops.get(0)).rejection().reason();
      assertTrue(reason.contains("runs part of its body before its test"), method + ": " + reason);
    }
  }

  @Test
  void knownRejectionsSayWhy() {
    String name = PACKAGE + "KnownRejectionsKt";
    Map<String, MethodAnalysis> analyses = ForeignFixtures.analyze(classes.get(name));
    assertEquals(KNOWN_REJECTIONS.keySet(), analyses.keySet());
    KNOWN_REJECTIONS.forEach((method, reason) -> {
      List<LoopVerdict> loops = analyses.get(method).loops();
      if (reason.isEmpty()) {
        assertTrue(loops.isEmpty(), method + " is found now: " + loops);
        return;
      }
      assertEquals(1, loops.size(), method + ": " + loops);
      LoopVerdict verdict = loops.get(0);
      assertFalse(verdict instanceof LoopVerdict.Accepted,
          method + " is accelerated now: move it to the accelerated fixtures");
      String actual = ((LoopVerdict.Rejected) verdict).rejection().reason();
      assertTrue(actual.contains(reason), method + ": " + actual);
    });
  }
}
