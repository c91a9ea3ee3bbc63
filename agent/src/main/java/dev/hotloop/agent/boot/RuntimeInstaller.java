package dev.hotloop.agent.boot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarFile;

import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.codegen.body.RuntimeContract;

/**
 * Puts the agent's runtime classes (the probes and the kernel definer) on the bootstrap class
 * path, so that rewritten classes of any loader, and kernels defined into the boot loader, link
 * against one copy of them. The runtime ships as a jar nested in the agent jar.
 */
public final class RuntimeInstaller {

  /** Where the nested runtime jar is inside the agent jar. */
  public static final String NESTED_JAR = "META-INF/hotloop/hotloop-runtime.jar";

  private RuntimeInstaller() {
  }

  /**
   * Appends the runtime to the bootstrap search path unless the runtime classes are already
   * visible (tests run the agent from a class folder with the runtime on the class path), then
   * checks that it has every method rewritten code calls.
   *
   * @return a description of where the runtime came from
   */
  public static String install(Instrumentation inst) throws IOException {
    String from;
    try (InputStream nested = RuntimeInstaller.class.getClassLoader()
        .getResourceAsStream(NESTED_JAR)) {
      if (nested == null) {
        from = "the class path (no nested runtime jar: not running from the agent jar)";
      } else {
        Path jar = newPrivateFile();
        jar.toFile().deleteOnExit();
        Files.copy(nested, jar, StandardCopyOption.REPLACE_EXISTING);
        // Not verified: the nested jar is not signed, and checking costs start-up time.
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile(), false));
        from = jar.toString();
      }
    }
    verifyContract();
    return from;
  }

  /**
   * A new file in the temporary folder that only this user may read. Named from the pid and the
   * clock rather than by {@link Files#createTempFile}, whose random names come from
   * {@code SecureRandom}: setting up the security providers for it was some 25 ms of
   * {@code premain}. Created exclusively, so a file someone else put there first is never used.
   */
  private static Path newPrivateFile() throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));
    long pid = ProcessHandle.current().pid();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    for (int attempt = 0; ; attempt++) {
      Path file = dir.resolve("hotloop-runtime-" + pid + "-" + Long.toHexString(
          System.nanoTime()) + ".jar");
      try {
        return posix ? Files.createFile(file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createFile(file);
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }

  /** Fails unless the runtime has every probe that codegen emits calls to. */
  static void verifyContract() {
    Class<?> probes;
    try {
      probes = Class.forName(RuntimeContract.PROBES.replace('/', '.'), true, null);
    } catch (ClassNotFoundException e) {
      try {
        probes = Class.forName(RuntimeContract.PROBES.replace('/', '.'));
      } catch (ClassNotFoundException e2) {
        throw new IllegalStateException("the hotloop runtime is not on the class path", e2);
      }
    }
    Class<?> counters;
    try {
      counters = Class.forName(RuntimeContract.LOOP_COUNTERS.replace('/', '.'), false,
          probes.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the hotloop runtime lacks its loop counters", e);
    }
    require(probes, RuntimeContract.ENTER, void.class, int.class);
    require(probes, RuntimeContract.LOOP, void.class, int.class, int.class, int.class);
    require(probes, RuntimeContract.KERNEL, long.class, counters, int.class, int.class,
        int.class);
    require(probes, RuntimeContract.COUNTERS, counters, int.class);
    require(probes, RuntimeContract.SHADOW, long.class, int.class);
    require(probes, RuntimeContract.KERNEL_UNTIMED, void.class, counters, int.class,
        int.class);
    require(probes, RuntimeContract.KERNEL_END, void.class, int.class, long.class);
    require(probes, RuntimeContract.LOOP_EXIT, void.class, int.class, long.class);
    for (ElementType t : ElementType.values()) {
      Class<?> array = java.lang.reflect.Array.newInstance(primitive(t), 0).getClass();
      require(probes, RuntimeContract.LOOP_OVER, void.class, int.class, int.class, array);
    }
  }

  private static Class<?> primitive(ElementType t) {
    return switch (t) {
      case BYTE -> byte.class;
      case SHORT -> short.class;
      case CHAR -> char.class;
      case INT -> int.class;
      case LONG -> long.class;
      case FLOAT -> float.class;
      case DOUBLE -> double.class;
    };
  }

  private static void require(Class<?> owner, String name, Class<?> returns,
      Class<?>... params) {
    try {
      Method m = owner.getMethod(name, params);
      if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != returns) {
        throw new IllegalStateException("runtime method " + name + " has the wrong shape");
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("the hotloop runtime lacks " + name, e);
    }
  }
}
