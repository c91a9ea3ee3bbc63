package dev.hotloop.codegen.kernel;

/**
 * What a kernel may be built from on the running JVM: Vector API code of a given vector size,
 * or plain scalar code where the {@code jdk.incubator.vector} module is not available.
 */
public sealed interface KernelBackend {

  /** Vector API code over vectors of {@code bits} bits (the JVM's preferred shape). */
  record Vector(int bits) implements KernelBackend {
    public Vector {
      if (bits != 64 && bits != 128 && bits != 256 && bits != 512) {
        throw new IllegalArgumentException("no vector shape of " + bits + " bits");
      }
    }
  }

  /** Unboxed scalar code, unrolled with several accumulators where that is exact. */
  enum Scalar implements KernelBackend {
    INSTANCE
  }
}
