package dev.hotloop.agent.transform;

import java.util.Map;
import java.util.WeakHashMap;

import dev.hotloop.runtime.Probes;

/**
 * Whether a class loader sees hotloop's runtime. Rewritten code calls the probes and kernels by
 * name, resolved through the class's own loader; a loader that does not delegate those names to
 * the boot class path (a sandbox that allows only {@code java.*}, say) would make every rewritten
 * method throw {@code NoClassDefFoundError} in the application. Asked once per loader, and only
 * for loaders of classes with loops to rewrite.
 */
final class RuntimeVisibility {

  private final Map<ClassLoader, Boolean> known = new WeakHashMap<>();
  /** Set while a loader is asked, in case answering makes it define a class of its own. */
  private final ThreadLocal<Boolean> asking = new ThreadLocal<>();

  /** Whether classes of {@code loader} resolve hotloop's runtime to the agent's own. */
  boolean sees(ClassLoader loader) {
    synchronized (known) {
      Boolean answer = known.get(loader);
      if (answer != null) {
        return answer;
      }
    }
    if (asking.get() != null) {
      // Asked again from inside the loader's answer: leave that class alone rather than guess.
      return false;
    }
    boolean answer;
    asking.set(Boolean.TRUE);
    // The loader's own code runs here: never while holding the lock, which another thread
    // defining a class in that loader may be waiting for.
    try {
      answer = Class.forName(Probes.class.getName(), false, loader) == Probes.class;
    } catch (Throwable t) {
      answer = false;
    } finally {
      asking.remove();
    }
    synchronized (known) {
      known.put(loader, answer);
    }
    return answer;
  }
}
