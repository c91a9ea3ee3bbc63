package dev.hotloop.codegen.kernel;

/**
 * What a kernel may be built from on the running JVM: Vector API code of a given vector size,
 * or plain scalar code where the {@code jdk.incubator.vector} module is not available.
 */
public sealed interface KernelBackend {

  /**
   * Vector API code over vectors of {@code bits} bits (the JVM's preferred shape); {@code
   * placement}, where the collector puts large arrays, or null where that is not known, lets
   * store kernels align their stores on such arrays.
   */
  record Vector(int bits, ArrayPlacement placement) implements KernelBackend {
    public Vector {
      if (bits != 64 && bits != 128 && bits != 256 && bits != 512) {
        throw new IllegalArgumentException("no vector shape of " + bits + " bits");
      }
    }

    /** Vector code that knows nothing of where arrays are placed. */
    public Vector(int bits) {
      this(bits, null);
    }
  }

  /** Unboxed scalar code, unrolled with several accumulators where that is exact. */
  enum Scalar implements KernelBackend {
    INSTANCE
  }

  /**
   * Plain scalar code in the loop's own order, one accumulator, as javac compiles the loop: not
   * a kernel to run, but the yardstick a vector kernel is timed against, since C2 compiles it
   * as it compiles the original loop (and vectorizes it where it vectorizes that).
   */
  enum Baseline implements KernelBackend {
    INSTANCE
  }

  /**
   * The loop's own bytecode, lifted out of its method: not a kernel to run either, but the
   * truer yardstick, since C2 compiles it exactly as it compiles the application's loop; used
   * where the loop can be lifted, {@link #Baseline} elsewhere.
   */
  record Original(OriginalLoop loop) implements KernelBackend {
    public Original {
      if (!loop.liftable()) {
        throw new IllegalArgumentException("not liftable: " + loop.whyNot());
      }
    }
  }
}
