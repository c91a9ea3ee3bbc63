package dev.hotloop.agent.compile;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.hotloop.codegen.kernel.Kernel;

import org.objectweb.asm.Type;

/**
 * Warms a kernel on the compile thread before any application code calls it: a cold Vector API
 * kernel allocates on every operation and is far slower than the loop it replaces. Runs the
 * kernel's own {@code warm} method in batches of many short calls, and stops once it has been
 * called often enough for C2 to compile it whole, a batch is no longer getting faster and its
 * calls allocate nothing (C2's code, see {@link #UNCOMPILED_BYTES}), or at a time limit. Each
 * batch runs the kernel over runs of varied starts and ends, so that every path is compiled,
 * then over whole runs, the ones timed. The {@code warm} method of a kernel also runs, once per
 * run, the guards and the count that the rewritten loop runs in front of the kernel; a
 * baseline's does not.
 *
 * <p>The arrays are as long as the application's loop runs on average, however short:
 * C2 shapes the compiled loop (unrolling, pre- and post-loops) by the trip counts it profiled, a
 * kernel warmed on other lengths than it will see measured up to 30% slower in the benchmarks,
 * and on short runs what a call costs beside its loop decides whether SIMD pays at all. Long
 * runs are warmed on {@link #COMPILE_LENGTH} elements, then timed at their length: a few calls
 * that each loop for long get the kernel compiled on-stack-replacement, in the middle of its
 * vector loop, where C2 keeps the vectors boxed, many times slower than a kernel it compiles
 * whole (JMH's sums at 1,000,000 elements: kept after measuring 3.8 against 0.5 ns per element).
 */
public final class KernelWarmup {

  /** What warming measured. */
  public record Result(long calls, long millis, double nanosPerElement) {
  }

  /**
   * Runs as short as one element are timed as they are: on the 10-element rows of a matrix, a
   * warm-up on 16 (two whole vectors, no tail) found a vector kernel faster that ran at half the
   * speed of C2's loop on the rows themselves.
   */
  static final int MIN_LENGTH = 1;
  /**
   * The longest runs timed at their own length: up to a million elements, where the heap
   * allows. Runs of a million elements stream their arrays from the last-level cache or memory,
   * where a kernel and C2's loop may rank otherwise than on arrays a core's own cache holds:
   * on JDK 25, an {@code int} map timed on 65,536 elements ran as a kernel at 0.064 ns per
   * element against 0.077 as C2's loop, and in the application, on 1,000,000, took 0.16-0.20
   * against C2's 0.12, 0.72x its speed; timed on its own length, it was kept.
   */
  static final int MAX_LENGTH = maxLength(Runtime.getRuntime().maxMemory());
  /** The longest runs timed at their own length in the smallest heaps. */
  static final int MAX_LENGTH_FLOOR = 1 << 16;
  static final int MAX_LENGTH_CEILING = 1 << 20;
  /**
   * Heap bytes per element of {@link #MAX_LENGTH} at least: a kernel and its yardstick, each
   * with up to three arrays of eight-byte elements being timed, take 48 bytes per element, under
   * 3% of the heap.
   */
  static final long HEAP_BYTES_PER_ELEMENT = 2048;
  static final int DEFAULT_LENGTH = 1024;
  /** Elements per batch, so that a batch is long enough to time and short enough to repeat. */
  static final int BATCH_ELEMENTS = 1 << 18;
  /**
   * Elements per call of a {@code warm} method at most: a batch is many calls of it, so that it
   * is called often enough for C2 to compile it whole, with the kernel inlined, as it compiles
   * the application's loop. One long call per batch left it interpreted or in C1's code for
   * most of the warm-up (the C2 queue of a starting application is long, and HotSpot holds
   * back even C1 then), and on short runs the timings were the interpreter's: 3.6 ns per
   * element for 10-element rows that C2's code adds at 0.6.
   */
  static final int INVOCATION_ELEMENTS = 2048;
  /**
   * Runs per call of a {@code warm} method at least. Its runs start and end at offsets drawn
   * from the run's number within the call, eight of them ({@code KernelEmitter}), so that the
   * kernel's steps of one vector and its scalar tail run too. With one run per call, every
   * run covered the whole array, C2 compiled the kernel with those paths cut off, and the
   * first timed batch, whose runs take them, left the compiled code: a long sum on 65,536
   * elements was timed in the interpreter and recompiled, and its warm-up took 0.5-1 s
   * instead of 0.3.
   */
  static final int MIN_INVOCATION_RUNS = 8;
  /**
   * Calls of a {@code warm} method before C2 compiles it, as this JVM is set:
   * {@code Tier4InvocationThreshold} (or {@code CompileThreshold} without tiers), scaled.
   */
  static final long COMPILE_INVOCATIONS = compileInvocations();
  /** Calls per batch at most, on short arrays. */
  static final int MAX_BATCH_CALLS = 4096;
  /** Calls per timed batch at least, on runs of up to {@link #LONG_RUN} elements. */
  static final int MIN_TIMED_CALLS = 256;
  /**
   * Runs longer than this are timed in batches of {@link #LONG_TIMED_ELEMENTS}; shorter ones in
   * batches of {@link #MIN_TIMED_CALLS} calls at least.
   */
  static final int LONG_RUN = 1 << 16;
  /**
   * Elements a timed batch of runs longer than {@link #LONG_RUN} covers: four runs of a million
   * elements, about a millisecond. The warm-up times each kernel and its yardstick fifteen
   * times or more, all before the loop may switch: with batches of sixteen such runs, the
   * demo's sum over a million {@code long}s reached its warm speed about 0.1 s later.
   */
  static final long LONG_TIMED_ELEMENTS = 1 << 22;
  /** The longest arrays a kernel is warmed on: past it, it is only timed. */
  static final int COMPILE_LENGTH = 4096;
  static final int MIN_CALLS = 5_000;
  /**
   * At least this long: on short arrays 5,000 calls pass before C2 has compiled a Vector API
   * kernel on a busy machine, and code that is not compiled yet allocates for every vector.
   */
  static final long MIN_NANOS = 300_000_000L;
  static final long MAX_NANOS = 3_000_000_000L;
  /**
   * Bytes that a call of {@code warmK} allocates at least, where C2 has not compiled it yet (and
   * none where it has, but for the box of its result): see {@link Kernel#COMPILED_MARK_LONGS}.
   * The warm-up goes on while half as much a call is allocated: on 10-element rows in an
   * application that was starting up, C2's queue was long, and the timings had stopped
   * improving in C1's code of {@code warmK}, which called C2's code of the kernel: 1.1 ns per
   * element, 0.3 in C2's code of both.
   */
  static final long UNCOMPILED_BYTES = 16 + 8L * Kernel.COMPILED_MARK_LONGS;
  private static final com.sun.management.ThreadMXBean THREADS = threads();
  /**
   * Whether compiled code of {@code warmK} allocates nothing: not where C2 is off (interpreter
   * only, C1 only, as {@code bin/fuzz} runs) or its escape analysis is, where the warm-up goes by
   * its timings alone.
   */
  static final boolean MARK_REMOVED = markRemoved();

  private KernelWarmup() {
  }

  /** The array length to warm on, given the loop's profiled average trip count (or -1). */
  public static int lengthFor(double averageTrips) {
    if (!(averageTrips > 0)) {
      return DEFAULT_LENGTH;
    }
    return (int) Math.max(MIN_LENGTH, Math.min(MAX_LENGTH, Math.round(averageTrips)));
  }

  /** Warms {@code kernelClass}, the class {@code kernel} describes, on arrays of {@code length}. */
  public static Result warm(Class<?> kernelClass, Kernel kernel, int length) throws Throwable {
    return warmTogether(List.of(kernelClass), List.of(kernel), length).get(0);
  }

  /**
   * Warms several kernel classes at once, a batch of each in turn, until every one has stopped
   * getting faster (or the time limit): C2 compiles them side by side on its own threads, so
   * the whole takes about as long as warming the slowest alone, not the sum. One result per
   * kernel, each with the time all of them took.
   */
  public static List<Result> warmTogether(List<Class<?>> kernelClasses, List<Kernel> kernels,
      int length) throws Throwable {
    List<MethodHandle> handles = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    for (int c = 0; c < kernels.size(); c++) {
      for (int k = 0; k < kernels.get(c).runDescriptors().size(); k++) {
        handles.add(warmHandle(kernelClasses.get(c), kernels.get(c), k));
        owners.add(c);
      }
    }
    int n = handles.size();
    int warmLength = Math.min(length, COMPILE_LENGTH);
    for (int c = 0; c < kernels.size(); c++) {
      fillArrays(kernelClasses.get(c), kernels.get(c), warmLength);
    }
    try {
      return warmFilled(kernelClasses, kernels, handles, owners, warmLength, length);
    } finally {
      for (int c = 0; c < kernels.size(); c++) {
        fillArrays(kernelClasses.get(c), kernels.get(c), 0);
      }
    }
  }

  private static List<Result> warmFilled(List<Class<?>> kernelClasses, List<Kernel> kernels,
      List<MethodHandle> handles, List<Integer> owners, int warmLength, int length)
      throws Throwable {
    int n = handles.size();
    int perInvocation = callsPerInvocation(warmLength);
    int invocations = Math.max(1, batchCalls(warmLength, 8) / perInvocation);
    int batch = invocations * perInvocation;
    long[] calls = new long[n];
    long[] invoked = new long[n];
    long[] best = new long[n];
    int[] notFaster = new int[n];
    Arrays.fill(best, Long.MAX_VALUE);
    long start = System.nanoTime();
    while (true) {
      boolean settled = true;
      for (int h = 0; h < n; h++) {
        MethodHandle warm = handles.get(h);
        // A batch of runs with varied starts and ends, so that every path is compiled, then
        // one of whole runs, the one timed: an application's loop over whole arrays or rows
        // runs whole, and the varied runs charged a vector kernel for one-vector steps and
        // scalar tails it never takes there (rows of 100 longs: 0.95 of C2's loop, where the
        // kernel ran at 0.8 of it in the application). Both kinds in every batch, as a path
        // C2 has never seen taken is compiled as a trap.
        for (int i = 0; i < invocations; i++) {
          if (warm.invoke(perInvocation, warmLength, true) == null) {
            throw new IllegalStateException("kernel warm-up returned nothing");
          }
        }
        long bytes = allocatedBytes();
        long t0 = System.nanoTime();
        for (int i = 0; i < invocations; i++) {
          if (warm.invoke(perInvocation, warmLength, false) == null) {
            throw new IllegalStateException("kernel warm-up returned nothing");
          }
        }
        long last = System.nanoTime() - t0;
        // warmK allocates where it is not C2's code yet, whatever its timings say.
        boolean compiled = !MARK_REMOVED || bytes < 0
            || allocatedBytes() - bytes < UNCOMPILED_BYTES / 2 * invocations;
        calls[h] += 2L * batch;
        boolean compiling = invoked[h] < COMPILE_INVOCATIONS
            && invoked[h] + 2L * invocations >= COMPILE_INVOCATIONS;
        invoked[h] += 2L * invocations;
        // Only timings of code that C2 has been asked to compile whole tell that it settled.
        notFaster[h] = compiling || last < best[h] * 0.9 ? 0 : notFaster[h] + 1;
        best[h] = Math.min(best[h], last);
        settled &= calls[h] >= MIN_CALLS && invoked[h] >= COMPILE_INVOCATIONS
            && notFaster[h] >= 4 && compiled;
      }
      long elapsed = System.nanoTime() - start;
      if ((settled && elapsed >= MIN_NANOS) || elapsed > MAX_NANOS) {
        List<Result> results = new ArrayList<>();
        for (int c = 0; c < kernels.size(); c++) {
          long kernelCalls = 0;
          double nanos = 0;
          for (int h = 0; h < n; h++) {
            if (owners.get(h) == c) {
              kernelCalls += calls[h];
              nanos += (double) best[h] / batch / warmLength;
            }
          }
          if (warmLength < length) {
            nanos = time(kernelClasses.get(c), kernels.get(c), length, 3);
          }
          results.add(new Result(kernelCalls, (System.nanoTime() - start) / 1_000_000, nanos));
        }
        return results;
      }
    }
  }

  /**
   * Times {@code kernelClass}, warm already, on arrays of {@code length}: the best of
   * {@code rounds} batches per pass, in nanoseconds per element, summed over its passes.
   */
  public static double time(Class<?> kernelClass, Kernel kernel, int length, int rounds)
      throws Throwable {
    return timeInTurns(List.of(kernelClass), List.of(kernel), length, 1, rounds)[0];
  }

  /**
   * Times several kernel classes, warm already, on arrays of {@code length}, in turns: {@code
   * turns} times each, each time the best of {@code rounds} batches per pass; the best of each
   * kernel's turns, in nanoseconds per element summed over its passes. The arrays are filled
   * once for all turns: filling a million elements takes longer than timing them, and the
   * warm-up of a loop over a million {@code long}s, timing its kernel and its yardstick five
   * times each, took 0.9-1.0 s when every turn filled them anew, 0.6-0.7 s filling them once.
   */
  public static double[] timeInTurns(List<Class<?>> kernelClasses, List<Kernel> kernels,
      int length, int turns, int rounds) throws Throwable {
    double[] best = new double[kernels.size()];
    Arrays.fill(best, Double.MAX_VALUE);
    for (int c = 0; c < kernels.size(); c++) {
      fillArrays(kernelClasses.get(c), kernels.get(c), length);
    }
    try {
      for (int turn = 0; turn < turns; turn++) {
        for (int c = 0; c < kernels.size(); c++) {
          best[c] = Math.min(best[c],
              timeFilled(kernelClasses.get(c), kernels.get(c), length, rounds));
        }
      }
    } finally {
      for (int c = 0; c < kernels.size(); c++) {
        fillArrays(kernelClasses.get(c), kernels.get(c), 0);
      }
    }
    return best;
  }

  private static double timeFilled(Class<?> kernelClass, Kernel kernel, int length, int rounds)
      throws Throwable {
    double nanos = 0;
    int batch = timedCalls(length);
    for (int k = 0; k < kernel.runDescriptors().size(); k++) {
      MethodHandle warm = warmHandle(kernelClass, kernel, k);
      long best = Long.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        Object sink = warm.invoke(batch, length, false);
        best = Math.min(best, System.nanoTime() - t0);
        if (sink == null) {
          throw new IllegalStateException("kernel warm-up returned nothing");
        }
      }
      nanos += (double) best / batch / length;
    }
    return nanos;
  }

  /**
   * Makes the arrays that the {@code warmK} methods of {@code kernelClass} run on, of
   * {@code length} elements, before they are timed: filling them takes longer than a kernel
   * takes over them, and is done once per warm-up rather than in every call of {@code warmK}.
   * {@code length} 0 lets them go, so that a kernel class keeps no arrays once it is warm.
   */
  private static void fillArrays(Class<?> kernelClass, Kernel kernel, int length)
      throws Throwable {
    for (int k = 0; k < kernel.runDescriptors().size(); k++) {
      MethodHandles.publicLookup().findStatic(kernelClass, Kernel.warmArraysMethod(k),
          MethodType.methodType(void.class, int.class)).invoke(length);
    }
  }

  /** Bytes this thread has allocated so far, or -1 where the JVM does not tell. */
  private static long allocatedBytes() {
    return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
  }

  private static com.sun.management.ThreadMXBean threads() {
    try {
      if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
          && t.isThreadAllocatedMemorySupported() && t.isThreadAllocatedMemoryEnabled()) {
        return t;
      }
    } catch (LinkageError | RuntimeException e) {
      // A runtime without jdk.management: the warm-up goes by its timings alone.
    }
    return null;
  }

  private static boolean markRemoved() {
    return VectorSupport.whyNoC2() == null
        && !"false".equals(VectorSupport.vmOption("DoEscapeAnalysis"))
        && !"false".equals(VectorSupport.vmOption("EliminateAllocations"));
  }

  private static int callsPerInvocation(int length) {
    return Math.max(MIN_INVOCATION_RUNS,
        Math.min(MAX_BATCH_CALLS, INVOCATION_ELEMENTS / length));
  }

  private static long compileInvocations() {
    String tiered = VectorSupport.vmOption("TieredCompilation");
    String threshold = VectorSupport.vmOption(
        "false".equals(tiered) ? "CompileThreshold" : "Tier4InvocationThreshold");
    String scaling = VectorSupport.vmOption("CompileThresholdScaling");
    try {
      double scale = scaling == null ? 1 : Double.parseDouble(scaling);
      return threshold == null ? 5_000 : (long) Math.ceil(Long.parseLong(threshold) * scale);
    } catch (NumberFormatException e) {
      return 5_000;
    }
  }

  /** Calls per batch that times runs of {@code length} elements. */
  static int timedCalls(int length) {
    return length > LONG_RUN ? (int) Math.max(1, LONG_TIMED_ELEMENTS / length)
        : batchCalls(length, MIN_TIMED_CALLS);
  }

  /** {@link #MAX_LENGTH} in a heap of at most {@code maxHeapBytes}. */
  static int maxLength(long maxHeapBytes) {
    long fits = maxHeapBytes / HEAP_BYTES_PER_ELEMENT;
    return (int) Math.max(MAX_LENGTH_FLOOR, Math.min(MAX_LENGTH_CEILING, fits));
  }

  /**
   * Calls per batch on arrays of {@code length}: enough elements to time, and at least
   * {@code minCalls}.
   */
  private static int batchCalls(int length, int minCalls) {
    return Math.max(minCalls, Math.min(MAX_BATCH_CALLS, BATCH_ELEMENTS / length));
  }

  private static MethodHandle warmHandle(Class<?> kernelClass, Kernel kernel, int k)
      throws ReflectiveOperationException {
    Type ret = Type.getReturnType(Kernel.warmDescriptor(
        Type.getReturnType(kernel.runDescriptors().get(k)).getDescriptor()));
    return MethodHandles.publicLookup().findStatic(kernelClass, Kernel.warmMethod(k),
        MethodType.methodType(primitive(ret), int.class, int.class, boolean.class));
  }

  private static Class<?> primitive(Type t) {
    return switch (t.getSort()) {
      case Type.INT -> int.class;
      case Type.LONG -> long.class;
      case Type.FLOAT -> float.class;
      case Type.DOUBLE -> double.class;
      default -> throw new IllegalArgumentException("kernel returns " + t);
    };
  }
}
