package dev.hotloop.it.apps.loaded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;

import dev.hotloop.it.apps.StopSignal;

/**
 * The same sum in classes of five kinds of loader, called over and over until told to stop:
 * {@link #sumInSystemLoader} on the class path, {@link SumInUrlLoader} in a child
 * {@code URLClassLoader}, {@link SumInParallelLoader} in a parallel-capable loader,
 * {@link SumInNestedJar} from a jar inside a jar, and {@link SumDefinedAtRunTime} defined
 * through a {@code Lookup}. It prints which loader defined each and the number of wrong sums.
 *
 * <p>Usage: {@code LoaderApp <max millis>}.
 */
public final class LoaderApp {

  static long sumInSystemLoader(int[] values) {
    long sum = 0;
    for (int v : values) {
      sum += v;
    }
    return sum;
  }

  /** Defines one class from bytes, itself; everything else comes from the platform. */
  static final class ParallelLoader extends ClassLoader {
    static {
      registerAsParallelCapable();
    }

    ParallelLoader() {
      super("parallel", ClassLoader.getPlatformClassLoader());
    }

    Class<?> define(String name, byte[] bytes) {
      return defineClass(name, bytes, 0, bytes.length);
    }
  }

  public static void main(String[] args) throws Exception {
    StopSignal signal = StopSignal.listen(Long.parseLong(args[0]));
    Path here = Path.of(LoaderApp.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    Map<String, Method> sums = new LinkedHashMap<>();
    sums.put("system", LoaderApp.class.getDeclaredMethod("sumInSystemLoader", int[].class));
    URLClassLoader urls = new URLClassLoader("urls", new URL[] {here.toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    sums.put("url", urls.loadClass(name("SumInUrlLoader")).getMethod("sum", int[].class));
    sums.put("parallel", new ParallelLoader().define(name("SumInParallelLoader"),
        bytes(name("SumInParallelLoader"))).getMethod("sum", int[].class));
    sums.put("nested jar", new ParallelLoader().define(name("SumInNestedJar"),
        fromNestedJar(name("SumInNestedJar"))).getMethod("sum", int[].class));
    sums.put("run time", MethodHandles.lookup().defineClass(bytes(name("SumDefinedAtRunTime")))
        .getMethod("sum", int[].class));
    for (Map.Entry<String, Method> e : sums.entrySet()) {
      ClassLoader loader = e.getValue().getDeclaringClass().getClassLoader();
      System.out.println(e.getKey() + ": " + e.getValue().getDeclaringClass().getSimpleName()
          + " defined by " + (loader == null ? "boot" : loader.getName()));
    }
    int[] values = new int[8_191];
    for (int i = 0; i < values.length; i++) {
      values[i] = Integer.MAX_VALUE - 31 * i;
    }
    long expected = sumInSystemLoader(values);
    long mismatches = 0;
    while (!signal.stopped()) {
      for (Method sum : sums.values()) {
        if ((long) sum.invoke(null, (Object) values) != expected) {
          mismatches++;
        }
      }
    }
    System.out.println("mismatches " + mismatches);
  }

  private static String name(String simpleName) {
    return LoaderApp.class.getPackageName() + "." + simpleName;
  }

  private static byte[] bytes(String binaryName) {
    try (InputStream in = LoaderApp.class.getClassLoader()
        .getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The class's bytes, written into inner.jar inside outer.jar, then read back from there. */
  private static byte[] fromNestedJar(String binaryName) throws IOException {
    String entry = binaryName.replace('.', '/') + ".class";
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(inner)) {
      jar.putNextEntry(new JarEntry(entry));
      jar.write(bytes(binaryName));
    }
    Path outer = Files.createTempFile("outer", ".jar");
    try {
      try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(outer))) {
        jar.putNextEntry(new JarEntry("BOOT-INF/lib/inner.jar"));
        jar.write(inner.toByteArray());
      }
      try (JarInputStream outerJar = new JarInputStream(Files.newInputStream(outer))) {
        for (JarEntry e = outerJar.getNextJarEntry(); e != null; e = outerJar.getNextJarEntry()) {
          if (e.getName().endsWith("inner.jar")) {
            JarInputStream innerJar = new JarInputStream(outerJar);
            for (JarEntry f = innerJar.getNextJarEntry(); f != null;
                f = innerJar.getNextJarEntry()) {
              if (f.getName().equals(entry)) {
                return innerJar.readAllBytes();
              }
            }
          }
        }
      }
    } finally {
      Files.deleteIfExists(outer);
    }
    throw new IOException(entry + " not found in the nested jar");
  }

  private LoaderApp() {
  }
}
