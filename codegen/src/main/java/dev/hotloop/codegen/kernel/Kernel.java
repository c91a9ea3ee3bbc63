package dev.hotloop.codegen.kernel;

import java.util.List;

/**
 * A generated kernel class: its bytes, and per pass over the loop's range a static method.
 * Passes {@code 0..R-1} fold the loop's reductions,
 * {@code R runK(arrays..., scalars..., int from, int to, R acc)} returning the accumulator's
 * final value; when the loop stores to arrays, pass {@code R} makes the stores,
 * {@code void runR(arrays..., scalars..., int from, int to)}. The class also has
 * {@code warmK(int rounds, int length)} per pass, which calls {@code runK} on arrays of its own
 * so the JIT compiles it before any application code depends on it, and
 * {@code public static final LoopCounters COUNTERS}, its loop's counters in the runtime's
 * {@code Probes}, which the rewritten method passes to the probe before the kernel.
 */
public record Kernel(String className, List<String> runDescriptors, byte[] bytes,
    boolean vectorized, String description) {

  /** The kernel class's field that holds its loop's counters. */
  public static final String COUNTERS_FIELD = "COUNTERS";

  public Kernel {
    runDescriptors = List.copyOf(runDescriptors);
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** This kernel, described as {@code description}. */
  public Kernel withDescription(String description) {
    return new Kernel(className, runDescriptors, bytes, vectorized, description);
  }

  /** The name of the method that runs pass {@code k}. */
  public static String runMethod(int k) {
    return "run" + k;
  }

  /** The name of the method that warms the one running pass {@code k}. */
  public static String warmMethod(int k) {
    return "warm" + k;
  }

  /**
   * The name of the method, {@code void warmArraysK(int length)}, that makes the arrays
   * {@link #warmMethod warmK} runs on, of {@code length} elements; {@code warmK} calls it when
   * they are not that long, and {@code length} 0 lets them go.
   */
  public static String warmArraysMethod(int k) {
    return "warmArrays" + k;
  }

  /**
   * Each call of a {@link #warmMethod warmK} method that is not C2's code allocates an array of
   * this many {@code long}s (at least 80 bytes), which C2's escape analysis removes: the
   * warm-up's sign that C2 has compiled it.
   */
  public static final int COMPILED_MARK_LONGS = 8;

  /** Descriptor of {@link #warmArraysMethod}. */
  public static final String WARM_ARRAYS_DESCRIPTOR = "(I)V";

  /**
   * The name of the method, {@code Object linkK()}, that a kernel whose pass {@code k} runs in
   * parallel has: it links the pass's call site for its chunks (a lambda) without running
   * anything, so that the agent can link it on its own thread, not the application's.
   */
  public static String linkMethod(int k) {
    return "link" + k;
  }

  /**
   * Descriptor of a warm-up method, given its run method's return type descriptor: it returns
   * what the run method does, or an {@code int} for the stores' pass, so that every warm-up has
   * a result to keep.
   */
  public static String warmDescriptor(String returnDescriptor) {
    return "(IIZ)" + ("V".equals(returnDescriptor) ? "I" : returnDescriptor);
  }

  /** The binary name ({@code dev.hotloop.runtime.Kernel3}) used to define the class. */
  public String binaryName() {
    return className.replace('/', '.');
  }
}
