package dev.hotloop.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
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
 * Hand-written Vector API clamp and ReLU over the arrays of {@link ConditionalMapBenchmark}: the
 * hand Vector API column of the conditional maps, one vector per step up to {@code loopBound}
 * and a scalar tail, as {@link HandVectorMapBenchmark}'s maps.
 *
 * <p>The clamp is lane-wise {@code max} then {@code min}, exactly the loop's two ternaries on
 * {@code int}s. ReLU compares and blends rather than taking {@code max(x, 0)}: Java's {@code max}
 * turns -0.0 into 0.0 where the loop keeps it, and costs more instructions on x86 to get NaN and
 * -0.0 right. The in-place ReLU then stores every lane, writing back the value that was there
 * where it is not negative: what a programmer writes, and a single-threaded caller cannot tell.
 * The agent, bound to the loop's memory effects, stores under the mask instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Dsun.misc.unsafe.memory.access=allow"})
public class HandVectorConditionalMapBenchmark {

  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

  /** Hand-written clamp in place. */
  @Benchmark
  public void intClampInPlace(ConditionalMapArrays in) {
    intClampInPlace(in.clampData, in.lo, in.hi);
  }

  /** Hand-written ReLU in place: blend, then store every lane. */
  @Benchmark
  public void floatReluInPlace(ConditionalMapArrays in) {
    floatRelu(in.reluData, in.reluData);
  }

  /** Hand-written ReLU into a separate output. */
  @Benchmark
  public void floatRelu(ConditionalMapArrays in) {
    floatRelu(in.reluInput, in.reluOut);
  }

  /** Checks every kernel's output once more, on the original data, after the measurement. */
  @TearDown(Level.Trial)
  public void check(ConditionalMapArrays in) {
    in.restore();
    intClampInPlace(in.clampData, in.lo, in.hi);
    ResultCheck.same("hand-written intClampInPlace", in.clampData, in.expectedClamp);
    floatRelu(in.reluData, in.reluData);
    ResultCheck.same("hand-written floatReluInPlace", in.reluData, in.expectedRelu);
    Arrays.fill(in.reluOut, Float.NaN);
    floatRelu(in.reluInput, in.reluOut);
    ResultCheck.same("hand-written floatRelu", in.reluOut, in.expectedRelu);
  }

  static void intClampInPlace(int[] a, int lo, int hi) {
    int step = INTS.length();
    int bound = INTS.loopBound(a.length);
    int i = 0;
    for (; i < bound; i += step) {
      IntVector.fromArray(INTS, a, i).max(lo).min(hi).intoArray(a, i);
    }
    // scalar tail
    for (; i < a.length; i++) {
      a[i] = Math.min(Math.max(a[i], lo), hi);
    }
  }

  /** ReLU of {@code a} into {@code out}, which may be {@code a} itself. */
  static void floatRelu(float[] a, float[] out) {
    int step = FLOATS.length();
    int bound = FLOATS.loopBound(a.length);
    int i = 0;
    for (; i < bound; i += step) {
      FloatVector v = FloatVector.fromArray(FLOATS, a, i);
      v.blend(0f, v.compare(VectorOperators.LT, 0f)).intoArray(out, i);
    }
    // scalar tail
    for (; i < a.length; i++) {
      out[i] = a[i] < 0f ? 0f : a[i];
    }
  }
}
