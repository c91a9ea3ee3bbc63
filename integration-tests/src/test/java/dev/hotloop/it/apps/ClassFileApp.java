package dev.hotloop.it.apps;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An application that defines classes from class files through a class loader of its own, the
 * way plugin hosts and code generators do, and calls their {@code public static long
 * run(long[])}. The class files are whatever a test wrote: malformed ones, which the JVM must
 * refuse exactly as it would without the agent, and valid ones with loops whose bytecode no
 * Java compiler would emit. The same class name may be defined more than once (a first attempt
 * the JVM refuses, then a good one).
 *
 * <p>It prints what each definition and each call did (a result, or the exception's type and
 * message), calls every method in a loop until told to stop (see {@link StopSignal}) so that
 * the agent sees them hot, counting results that differ from the first, then prints each
 * method's results over prefixes of awkward lengths. Its output knows nothing of hotloop.
 *
 * <p>Usage: {@code ClassFileApp <list file> <max millis of hot loop>}; each line of the list
 * file is {@code <binary name> <class file> [isolated]}, relative to the list's folder, in the
 * order to define them. An {@code isolated} class is defined by a loader that sees nothing of
 * its parent but the JDK's own classes, as sandboxes with an allow-list of classes do.
 */
public final class ClassFileApp {

  static final int SIZE = 10_003;
  static final int[] PREFIXES = {0, 1, 2, 3, 7, 64, 1_003, SIZE};

  public static void main(String[] args) throws IOException {
    Path list = Path.of(args[0]).toAbsolutePath();
    StopSignal signal = StopSignal.listen(Long.parseLong(args[1]));
    long[] values = new SplittableRandom(20_251_125L).longs(SIZE, -1L << 40, 1L << 40)
        .toArray();

    BytesLoader loader = new BytesLoader(ClassFileApp.class.getClassLoader());
    IsolatedLoader isolated = new IsolatedLoader();
    Map<String, Method> runs = new LinkedHashMap<>();
    for (String line : Files.readAllLines(list)) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.trim().split("\\s+");
      byte[] bytes = Files.readAllBytes(list.resolveSibling(parts[1]));
      try {
        Class<?> c = parts.length > 2 && parts[2].equals("isolated")
            ? isolated.define(parts[0], bytes) : loader.define(parts[0], bytes);
        runs.put(parts[0], c.getMethod("run", long[].class));
        System.out.println("define " + parts[1] + ": ok");
      } catch (Throwable t) {
        System.out.println("define " + parts[1] + ": " + describe(t));
      }
    }

    Map<String, String> first = new LinkedHashMap<>();
    for (Map.Entry<String, Method> e : runs.entrySet()) {
      first.put(e.getKey(), call(e.getValue(), values));
    }
    long mismatches = 0;
    while (!signal.stopped()) {
      for (Map.Entry<String, Method> e : runs.entrySet()) {
        if (!call(e.getValue(), values).equals(first.get(e.getKey()))) {
          mismatches++;
        }
      }
    }
    System.out.println("mismatches during the hot loop: " + mismatches);
    for (Map.Entry<String, Method> e : runs.entrySet()) {
      List<String> results = new ArrayList<>();
      for (int n : PREFIXES) {
        results.add("n=" + n + " " + call(e.getValue(), Arrays.copyOf(values, n)));
      }
      results.add("null " + call(e.getValue(), null));
      System.out.println(e.getKey() + ".run: " + String.join(", ", results));
    }
  }

  private static String call(Method run, long[] values) {
    try {
      return String.valueOf(run.invoke(null, (Object) values));
    } catch (InvocationTargetException e) {
      return describe(e.getCause());
    } catch (Throwable t) {
      return describe(t);
    }
  }

  /** The exception's type and whole message, which must read the same with the agent. */
  private static String describe(Throwable t) {
    return "threw " + t.getClass().getName() + ": " + t.getMessage();
  }

  /** Defines classes from bytes; everything else comes from its parent, as usual. */
  private static final class BytesLoader extends ClassLoader {

    BytesLoader(ClassLoader parent) {
      super(parent);
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  /**
   * Sees its own classes and the JDK's ({@code java.*}, {@code jdk.*} and {@code sun.*}, which
   * reflection needs), nothing else: not what was appended to the boot class path.
   */
  private static final class IsolatedLoader extends ClassLoader {

    IsolatedLoader() {
      super(null);
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c != null) {
          return c;
        }
        if (!name.startsWith("java.") && !name.startsWith("jdk.") && !name.startsWith("sun.")) {
          throw new ClassNotFoundException(name + " is not allowed in this loader");
        }
        return super.loadClass(name, resolve);
      }
    }
  }

  private ClassFileApp() {
  }
}
