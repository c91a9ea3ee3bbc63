package dev.hotloop.agent.compile;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import dev.hotloop.codegen.kernel.Kernel;

import org.objectweb.asm.Type;

/**
 * Warms a kernel on the compile thread before any application code calls it: a cold Vector API
 * kernel allocates on every operation and is far slower than the loop it replaces. Runs the
 * kernel's own {@code warm} method in batches and stops once a batch is no longer getting faster
 * (C2 has compiled it), after a minimum number of calls, or at a time limit.
 */
public final class KernelWarmup {

  /** What warming measured. */
  public record Result(long calls, long millis, double nanosPerElement) {
  }

  static final int LENGTH = 1024;
  static final int BATCH = 250;
  static final int MIN_CALLS = 5_000;
  static final long MAX_NANOS = 3_000_000_000L;

  private KernelWarmup() {
  }

  /** Warms {@code kernelClass}, the class {@code kernel} describes. */
  public static Result warm(Class<?> kernelClass, Kernel kernel) throws Throwable {
    Type ret = Type.getReturnType(kernel.descriptor());
    MethodHandle warm = MethodHandles.publicLookup().findStatic(kernelClass, Kernel.WARM_METHOD,
        MethodType.methodType(primitive(ret), int.class, int.class));
    long start = System.nanoTime();
    long calls = 0;
    long best = Long.MAX_VALUE;
    int notFaster = 0;
    long last = 0;
    while (true) {
      long t0 = System.nanoTime();
      Object sink = warm.invoke(BATCH, LENGTH);
      last = System.nanoTime() - t0;
      if (sink == null) {
        throw new IllegalStateException("kernel warm-up returned nothing");
      }
      calls += BATCH;
      if (last < best * 0.9) {
        best = Math.min(best, last);
        notFaster = 0;
      } else {
        best = Math.min(best, last);
        notFaster++;
      }
      long elapsed = System.nanoTime() - start;
      if ((calls >= MIN_CALLS && notFaster >= 4) || elapsed > MAX_NANOS) {
        return new Result(calls, elapsed / 1_000_000, (double) best / BATCH / LENGTH);
      }
    }
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
