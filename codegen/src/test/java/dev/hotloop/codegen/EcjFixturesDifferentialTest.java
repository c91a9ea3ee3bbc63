package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.hotloop.analyzer.plan.LoopVerdict;
import dev.hotloop.analyzer.plan.MethodAnalysis;
import dev.hotloop.codegen.fixtures.ConditionalLoops;
import dev.hotloop.codegen.fixtures.CountingLoops;
import dev.hotloop.codegen.fixtures.MapLoops;
import dev.hotloop.codegen.fixtures.ReductionLoops;
import dev.hotloop.codegen.fixtures.SumLoops;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loops compiled by ECJ, the Eclipse compiler, are found and accelerated as javac's are: the
 * javac fixtures' own sources, moved to package {@code fixtures.ecj}, are compiled with ECJ in
 * this JVM, get the same verdicts as the javac-compiled originals, and run against their accelerated forms as in
 * the javac fixtures' differential tests, on the scalar and the 256-bit vector backend, with and
 * without {@code fastmath}. ECJ enters a loop by a jump to its test at the bottom and runs a
 * for-each over copies of the array reference and its length in locals of its own.
 */
class EcjFixturesDifferentialTest {

  private static final String PACKAGE = "dev.hotloop.codegen.fixtures.ecj.";

  /** Each fixture, compiled by javac, and its javac test's arguments. */
  private record Fixture(Class<?> javac, Function<Method, List<Object[]>> arguments) {
  }

  private static final List<Fixture> FIXTURES = List.of(
      new Fixture(SumLoops.class, SumKernelDifferentialTest::argumentsFor),
      new Fixture(ReductionLoops.class, ReductionKernelDifferentialTest::argumentsFor),
      new Fixture(ConditionalLoops.class, ReductionKernelDifferentialTest::argumentsFor),
      new Fixture(MapLoops.class, MapKernelDifferentialTest::argumentsFor),
      new Fixture(CountingLoops.class, ReductionKernelDifferentialTest::argumentsFor));

  private static Map<String, byte[]> classes;

  @BeforeAll
  static void compile() throws Exception {
    classes = FixtureCompiler.ecj(FIXTURES.stream().<Class<?>>map(Fixture::javac).toList(),
        PACKAGE.substring(0, PACKAGE.length() - 1));
  }

  @Test
  void ecjLoopsGetJavacsVerdicts() throws Exception {
    for (Fixture fixture : FIXTURES) {
      Class<?> javac = fixture.javac();
      String ecj = PACKAGE + javac.getSimpleName();
      Map<String, MethodAnalysis> javacs =
          ForeignFixtures.analyze(AcceleratedClass.bytesOf(javac));
      assertEquals(verdicts(javacs), verdicts(ForeignFixtures.analyze(classes.get(ecj))), ecj);
    }
  }

  @ParameterizedTest(name = "{0} fastmath={1}")
  @MethodSource("dev.hotloop.codegen.ForeignFixtures#configurations")
  void acceleratedEcjLoopsMatchTheOriginal(String backendName, boolean fastmath)
      throws Exception {
    int compared = 0;
    for (Fixture fixture : FIXTURES) {
      compared += ForeignFixtures.compare(PACKAGE + fixture.javac().getSimpleName(), classes,
          SumKernelDifferentialTest.backend(backendName), fastmath, fixture.arguments());
    }
    assertTrue(compared > 1000, "compared " + compared);
  }

  /**
   * Each method's verdicts, "accepted" or the reason, in a canonical order: the compilers may
   * order a nested loop's blocks differently, so loop numbers and lines are left out.
   */
  private static Map<String, List<String>> verdicts(Map<String, MethodAnalysis> analyses) {
    Map<String, List<String>> out = new TreeMap<>();
    analyses.forEach((method, analysis) -> out.put(method, analysis.loops().stream()
        .map(v -> v instanceof LoopVerdict.Rejected r ? r.rejection().reason() : "accepted")
        .sorted()
        .toList()));
    return out;
  }
}
