package dev.hotloop.runtime;

import java.lang.invoke.MethodHandles;

/**
 * Defines generated kernel classes in this class's loader and package. On the bootstrap class
 * path that makes every kernel visible to classes of every loader, which call it by name.
 */
public final class KernelDefiner {

  /** The package every kernel class must be in, as an internal-name prefix. */
  public static final String KERNEL_PACKAGE = "dev/hotloop/runtime/";

  private KernelDefiner() {
  }

  /** Defines a kernel class from its bytes and returns it, initialized. */
  public static Class<?> define(byte[] classBytes) throws IllegalAccessException {
    Class<?> kernel = MethodHandles.lookup().defineClass(classBytes);
    // Initialize now, so a kernel that cannot link fails here, in the agent, not in the app.
    MethodHandles.lookup().ensureInitialized(kernel);
    return kernel;
  }
}
