package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.hotloop.codegen.fixtures.ConditionalLoops;
import dev.hotloop.codegen.fixtures.CountingLoops;
import dev.hotloop.codegen.fixtures.MapLoops;
import dev.hotloop.codegen.fixtures.ReductionLoops;
import dev.hotloop.codegen.fixtures.StridedLoops;
import dev.hotloop.codegen.fixtures.SumLoops;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.runtime.Parallel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kernels whose passes split their range across threads ({@code parallel} in the config) against
 * the original loops, on every fixture family, on 256-bit vectors and scalar code. The runtime
 * splits ranges from 4 elements here,
 * not from its default of 131,072, so that the edge inputs' short and odd ranges run as many
 * chunks, with every stride and tail. Each pass's split choice starts with a trial that sends
 * runs alternately to the calling thread alone and to the pool, so the inputs of every size run
 * both ways. Results, arrays and exceptions must be the original's,
 * exactly where the fold may be reordered (integers, min, max; and stores) and within the
 * fastmath tolerance for floating-point sums under fastmath.
 */
class ParallelKernelDifferentialTest {

  private static int before;

  @BeforeAll
  static void splitSmallRanges() {
    before = Parallel.minElements();
    Parallel.setMinElements(4);
  }

  @AfterAll
  static void restore() {
    Parallel.setMinElements(before);
  }

  private record Family(Class<?> fixture, Function<Method, List<Object[]>> arguments) {
  }

  private static final List<Family> FAMILIES = List.of(
      new Family(SumLoops.class, SumKernelDifferentialTest::argumentsFor),
      new Family(ReductionLoops.class, ReductionKernelDifferentialTest::argumentsFor),
      new Family(ConditionalLoops.class, ReductionKernelDifferentialTest::argumentsFor),
      new Family(CountingLoops.class, ReductionKernelDifferentialTest::argumentsFor),
      new Family(MapLoops.class, MapKernelDifferentialTest::argumentsFor),
      new Family(StridedLoops.class, MapKernelDifferentialTest::argumentsFor));

  /** 256-bit vectors and scalar code, each strict and with fastmath. */
  static Stream<Arguments> configurations() {
    return Stream.of(Arguments.of("vector256", false), Arguments.of("vector256", true),
        Arguments.of("scalar", false), Arguments.of("scalar", true));
  }

  @ParameterizedTest(name = "{0} fastmath={1}")
  @MethodSource("configurations")
  void parallelKernelsMatchTheOriginal(String backendName, boolean fastmath) throws Exception {
    int compared = 0;
    for (Family f : FAMILIES) {
      AcceleratedClass accelerated = AcceleratedClass.parallel(f.fixture(),
          SumKernelDifferentialTest.backend(backendName), fastmath);
      compared += SumKernelDifferentialTest.compareEveryPublicMethod(f.fixture(), accelerated,
          m -> fastmath && SumKernelDifferentialTest.isFloatingPoint(m.getReturnType())
              && !m.getName().startsWith("max") && !m.getName().startsWith("min"),
          f.arguments());
    }
    assertTrue(compared > 3000, "compared " + compared);
  }

  @Test
  void onlyPassesWhoseFoldMayBeReorderedAreParallel() throws Exception {
    AcceleratedClass strict = AcceleratedClass.parallel(SumLoops.class,
        SumKernelDifferentialTest.backend("scalar"), false);
    Kernel longs = strict.kernelsByMethod.get("sumArray").get(0);
    assertTrue(longs.description().endsWith(", in parallel on large ranges"),
        longs.description());
    Kernel doubles = strict.kernelsByMethod.get("sumDoubles").get(0);
    assertFalse(doubles.description().contains("parallel"), doubles.description());
    AcceleratedClass fast = AcceleratedClass.parallel(SumLoops.class,
        SumKernelDifferentialTest.backend("scalar"), true);
    assertTrue(fast.kernelsByMethod.get("sumDoubles").get(0).description()
        .contains("in parallel"));
  }

  @Test
  void aParallelPassLinksItsChunksWithoutRunningAnything() throws Exception {
    AcceleratedClass accelerated = AcceleratedClass.parallel(MapLoops.class,
        SumKernelDifferentialTest.backend("scalar"), false);
    int linked = 0;
    for (var kernels : accelerated.kernelsByMethod.values()) {
      Kernel kernel = kernels.get(0);
      Class<?> kernelClass = accelerated.rewritten.getClassLoader()
          .loadClass(kernel.binaryName());
      for (int pass = 0; pass < kernel.runDescriptors().size(); pass++) {
        Method link;
        try {
          link = kernelClass.getMethod(Kernel.linkMethod(pass));
        } catch (NoSuchMethodException e) {
          // A pass that stays on one thread (a strict floating-point sum) has none.
          continue;
        }
        Object chunk = link.invoke(null);
        assertTrue(chunk instanceof Parallel.StoreChunk || chunk instanceof Parallel.IntChunk
            || chunk instanceof Parallel.LongChunk || chunk instanceof Parallel.FloatChunk
            || chunk instanceof Parallel.DoubleChunk, kernel.description());
        linked++;
      }
    }
    assertTrue(linked >= accelerated.kernelsByMethod.size(), "linked " + linked);
  }

  @Test
  void aLargeRangeSplitAtTheDefaultGivesTheLoopsSum() throws Exception {
    Parallel.setMinElements(Parallel.DEFAULT_MIN_ELEMENTS);
    try {
      AcceleratedClass accelerated = AcceleratedClass.parallel(SumLoops.class,
          SumKernelDifferentialTest.backend("scalar"), false);
      Method m = accelerated.rewritten.getMethod("sumArray", long[].class);
      long[] a = new long[1_000_003];
      for (int i = 0; i < a.length; i++) {
        a[i] = (i * 0x9E3779B97F4A7C15L) >> 7;
      }
      for (int call = 0; call < 5; call++) {
        assertEquals(SumLoops.sumArray(a), m.invoke(null, (Object) a));
      }
    } finally {
      Parallel.setMinElements(4);
    }
  }
}
