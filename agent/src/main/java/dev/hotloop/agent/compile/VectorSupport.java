package dev.hotloop.agent.compile;

import java.lang.management.ManagementFactory;
import java.util.EnumMap;
import java.util.Map;

import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.codegen.kernel.ArrayPlacement;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.config.AgentOptions;

/**
 * Decides, once at start-up, whether kernels can be Vector API code on this JVM, after Lucene's
 * {@code VectorizationProvider.lookup()}: the user did not turn it off, the
 * {@code jdk.incubator.vector} module is in the boot layer, C2 is there to compile vector code
 * (interpreted or C1-only vector code is far slower than scalar), and the preferred vector is at
 * least 128 bits. Any failed check gives the scalar backend and says why, once.
 */
public record VectorSupport(KernelBackend backend, String explanation, boolean measured) {

  static final String MODULE = "jdk.incubator.vector";

  /** Looks the JVM over. */
  public static VectorSupport lookup(AgentOptions.VectorMode mode) {
    VectorSupport settled = withoutQuerying(mode);
    if (settled != null) {
      return settled;
    }
    String noC2 = whyNoC2();
    if (noC2 != null) {
      return scalar(noC2 + ": kernels run as scalar code");
    }
    int bits;
    try {
      Class<?> shape = Class.forName(MODULE + ".VectorShape");
      Object preferred = shape.getMethod("preferredShape").invoke(null);
      bits = (Integer) shape.getMethod("vectorBitSize").invoke(preferred);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return scalar("the Vector API could not be queried (" + e + "): kernels run as scalar code");
    }
    if (bits < 128) {
      return scalar("the preferred vector has only " + bits + " bits: kernels run as scalar code");
    }
    return new VectorSupport(new KernelBackend.Vector(bits, arrayPlacement()),
        "Vector API kernels with " + bits + "-bit vectors",
        mode == AgentOptions.VectorMode.AUTO);
  }

  /**
   * The scalar backend where the answer needs no query of the JVM (vector=off, or no Vector API
   * module), else null: what start-up can afford to check. The rest ({@link #lookup}) reads VM
   * flags through the management beans and loads the Vector API, some 100 ms together, which
   * the agent leaves to its compile thread.
   */
  public static VectorSupport withoutQuerying(AgentOptions.VectorMode mode) {
    if (mode == AgentOptions.VectorMode.OFF) {
      return scalar("vector=off was given: kernels run as scalar code");
    }
    if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      return scalar("the Vector API module is not available, so kernels run as scalar code;"
          + " start the JVM with --add-modules " + MODULE + " for SIMD kernels");
    }
    return null;
  }

  private static VectorSupport scalar(String why) {
    return new VectorSupport(KernelBackend.Scalar.INSTANCE, why, false);
  }

  /** Whether kernels will be Vector API code. */
  public boolean vectorized() {
    return backend instanceof KernelBackend.Vector;
  }

  /**
   * Where this JVM's collector puts large arrays, or null where that is not known: with G1,
   * every object of more than half a region (a humongous object) starts a region, and the
   * offset of element 0 is the array base offset, read from {@code sun.misc.Unsafe}'s constants
   * (reading them is not the memory access JDK 24 and later warn about).
   */
  static ArrayPlacement arrayPlacement() {
    if (!"true".equals(vmOption("UseG1GC"))) {
      return null;
    }
    String region = vmOption("G1HeapRegionSize");
    try {
      long regionBytes = region == null ? 0 : Long.parseLong(region);
      if (regionBytes <= 0) {
        return null;
      }
      Class<?> unsafe = Class.forName("sun.misc.Unsafe");
      Map<ElementType, Integer> base = new EnumMap<>(ElementType.class);
      for (ElementType type : ElementType.values()) {
        base.put(type, unsafe.getField("ARRAY_" + type.name() + "_BASE_OFFSET").getInt(null));
      }
      // More than half a region: the object's size in bytes, header included.
      return new ArrayPlacement(base, regionBytes / 2 + 1);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** Why this JVM never compiles with C2, or null where it does. */
  static String whyNoC2() {
    if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
      return "the JVM runs interpreted only (-Xint)";
    }
    String stopAt = vmOption("TieredStopAtLevel");
    if (stopAt != null && Integer.parseInt(stopAt) < 4
        && "true".equals(vmOption("TieredCompilation"))) {
      return "C2 is disabled (-XX:TieredStopAtLevel=" + stopAt + ")";
    }
    return null;
  }

  /** The value of HotSpot's option {@code name}, or null where it cannot be read. */
  static String vmOption(String name) {
    try {
      var bean = ManagementFactory.getPlatformMXBean(
          com.sun.management.HotSpotDiagnosticMXBean.class);
      return bean == null ? null : bean.getVMOption(name).getValue();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
