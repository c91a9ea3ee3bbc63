package dev.hotloop.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hand-written Vector API maps over the arrays of {@link MapBenchmark}: the hand Vector API
 * column of the maps. A map has no chain of additions to break, so a careful programmer writes
 * one vector per step up to {@code loopBound} (C2 unrolls that loop itself) and a scalar tail.
 * {@link #floatAxpy} multiplies and adds in two roundings, as Java does, not with {@code fma}:
 * a map's every element is a result, and must be the loop's bits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class HandVectorMapBenchmark {

  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;

  /** Hand-written {@code out = alpha * x + y}. */
  @Benchmark
  public void floatAxpy(MapArrays in) {
    floatAxpy(in.alpha, in.floatsX, in.floatsY, in.floatsOut);
  }

  /** Hand-written {@code out = a + b}. */
  @Benchmark
  public void intAdd(MapArrays in) {
    intAdd(in.intsA, in.intsB, in.intsOut);
  }

  /** Checks every kernel's output once more, on cleared outputs, after the measurement. */
  @TearDown(Level.Trial)
  public void check(MapArrays in) {
    Arrays.fill(in.floatsOut, Float.NaN);
    floatAxpy(in.alpha, in.floatsX, in.floatsY, in.floatsOut);
    ResultCheck.same("hand-written floatAxpy", in.floatsOut, in.expectedAxpy);
    Arrays.fill(in.intsOut, 0);
    intAdd(in.intsA, in.intsB, in.intsOut);
    ResultCheck.same("hand-written intAdd", in.intsOut, in.expectedIntAdd);
  }

  static void floatAxpy(float alpha, float[] x, float[] y, float[] out) {
    int step = FLOATS.length();
    int bound = FLOATS.loopBound(out.length);
    int i = 0;
    for (; i < bound; i += step) {
      FloatVector.fromArray(FLOATS, x, i).mul(alpha).add(FloatVector.fromArray(FLOATS, y, i))
          .intoArray(out, i);
    }
    // scalar tail
    for (; i < out.length; i++) {
      out[i] = alpha * x[i] + y[i];
    }
  }

  static void intAdd(int[] a, int[] b, int[] out) {
    int step = INTS.length();
    int bound = INTS.loopBound(out.length);
    int i = 0;
    for (; i < bound; i += step) {
      IntVector.fromArray(INTS, a, i).add(IntVector.fromArray(INTS, b, i)).intoArray(out, i);
    }
    // scalar tail
    for (; i < out.length; i++) {
      out[i] = a[i] + b[i];
    }
  }
}
