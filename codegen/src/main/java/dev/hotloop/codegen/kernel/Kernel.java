package dev.hotloop.codegen.kernel;

/**
 * A generated kernel class: its bytes, and the static method that runs the loop,
 * {@code R run(arrays..., int from, int to, R acc)}, which returns the accumulator's final value.
 * The class also has {@code R warm(int rounds, int length)}, which calls {@code run} on arrays of
 * its own so the JIT compiles it before any application code depends on it.
 */
public record Kernel(String className, String methodName, String descriptor, byte[] bytes,
    boolean vectorized, String description) {

  /** Name of the warm-up method in every kernel class. */
  public static final String WARM_METHOD = "warm";

  /** Descriptor of the warm-up method, given the kernel's return type descriptor. */
  public static String warmDescriptor(String returnDescriptor) {
    return "(II)" + returnDescriptor;
  }

  public Kernel {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The binary name ({@code dev.hotloop.runtime.Kernel3}) used to define the class. */
  public String binaryName() {
    return className.replace('/', '.');
  }
}
