package dev.hotloop.codegen.kernel;

import java.util.List;

/**
 * A generated kernel class: its bytes, and per reduction of the loop a static method that runs
 * the loop for it, {@code R runK(arrays..., scalars..., int from, int to, R acc)}, which returns
 * the accumulator's final value. The class also has {@code R warmK(int rounds, int length)} per
 * reduction, which calls {@code runK} on arrays of its own so the JIT compiles it before any
 * application code depends on it.
 */
public record Kernel(String className, List<String> runDescriptors, byte[] bytes,
    boolean vectorized, String description) {

  public Kernel {
    runDescriptors = List.copyOf(runDescriptors);
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The name of the method that runs reduction {@code k}. */
  public static String runMethod(int k) {
    return "run" + k;
  }

  /** The name of the method that warms the one running reduction {@code k}. */
  public static String warmMethod(int k) {
    return "warm" + k;
  }

  /** Descriptor of a warm-up method, given its run method's return type descriptor. */
  public static String warmDescriptor(String returnDescriptor) {
    return "(II)" + returnDescriptor;
  }

  /** The binary name ({@code dev.hotloop.runtime.Kernel3}) used to define the class. */
  public String binaryName() {
    return className.replace('/', '.');
  }
}
