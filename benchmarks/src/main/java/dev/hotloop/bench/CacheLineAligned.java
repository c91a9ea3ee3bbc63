package dev.hotloop.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Array;
import java.util.Arrays;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.openjdk.jol.vm.VM;
import org.openjdk.jol.vm.VirtualMachine;

/**
 * Copies of primitive arrays whose element 0 starts a 64-byte cache line, for the JMH states, so
 * that the three columns of a table compare code, not where their arrays happen to lie.
 *
 * <p>Why: the speed of vector code over an array depends on where its first element falls in a
 * cache line. The hand-written in-place clamp over 10,000 {@code int}s ran at 0.128 ns per
 * element with its data 32-byte aligned and at 0.224 otherwise, the same code in the same kind of
 * JVM, only the array shifted (by allocating a padding {@code long[]} before it). The plain, the
 * hotloop and the hand-written columns run in different JVMs, and each got whatever alignment its
 * allocation history gave: hand ÷ hotloop ratios of 0.5-0.7 were mostly that lottery. A line,
 * not just a vector, so that no load of a 256- or 512-bit vector splits one.
 *
 * <p>How: {@link VM#addressOf} of JOL tells where an object is, and objects are bump-allocated,
 * one after the other: a small one from the thread's allocation buffer, a large one (tens of KB
 * and up, depending on the buffer) from the heap's shared region. So a padding {@code long[]},
 * sized to end where the copy's element 0 starts a line, is allocated just before the copy: after
 * an empty probe in the buffer, or, once a copy has come from the shared region, after that copy
 * and as large as it (so that it goes there too). A buffer or region may run out in between: a
 * few attempts are allowed, then {@link #copyOf} fails the trial rather than let it time
 * something else.
 *
 * <p>Limits, with G1 (the default collector):
 *
 * <ul>
 *   <li><b>Humongous arrays.</b> G1 puts an array larger than half a heap region (regions are 4
 *       MB with this project's machines' default heap) at the start of a region of its own and
 *       never moves it. Its element 0 is then an array header (16 bytes) past a line, in every
 *       JVM with the same flags, and no padding changes that: such arrays are left where G1 puts
 *       them, the same place in every column. That is every array of the 1,000,000-element size.
 *   <li><b>A third to a half of a region</b> (1.4 to 2 MB here): such an array mostly starts a
 *       region of its own too, but not always, so it cannot be left there; there is no room for a
 *       padding as large before it, and {@link #copyOf} fails, saying so. No benchmark's default
 *       size comes near.
 *   <li><b>Garbage collections</b> copy live objects, and may move an aligned array off its line.
 *       Vector API code allocates until C2 has compiled it, so the first warm-up iterations do
 *       collect, and move arrays; after that the benchmarks allocate nothing. The states check
 *       their arrays with {@link #realign} before every iteration, so that by the measurement
 *       they are back on lines.
 * </ul>
 */
final class CacheLineAligned {

  /** The bytes of a cache line on x86 (and most of AArch64). */
  static final int LINE_BYTES = 64;

  /** A copy and a padding object per attempt: plenty for a buffer that runs out now and then. */
  private static final int MAX_ATTEMPTS = 16;

  private static final VirtualMachine JVM = quietJol();

  /** The size of a G1 heap region, 0 with another collector. */
  private static final long G1_REGION_BYTES = g1RegionBytes();

  /** Where the last padding went: kept reachable, so the JIT cannot remove its allocation. */
  @SuppressWarnings("unused")
  private static long[] padding;

  private CacheLineAligned() {}

  /**
   * A copy of a primitive array, with the same contents, whose element 0 starts a cache line;
   * a humongous array's copy is where G1 puts it (see the class comment).
   *
   * @throws IllegalStateException when no attempt lands on a line
   */
  static <T> T copyOf(T array) {
    String type = componentType(array);
    int length = Array.getLength(array);
    if (isHumongous(array)) {
      return copy(array, Array.newInstance(array.getClass().getComponentType(), length));
    }
    long dataOffset = JVM.arrayBaseOffset(type);
    // objects start on multiples of the object alignment: element 0 can start a line only if
    // its offset is one too (or a multiple of the line, if that is smaller)
    if (dataOffset % Math.min(JVM.objectAlignment(), LINE_BYTES) != 0) {
      throw new IllegalStateException("the elements of a " + type + "[] start " + dataOffset
          + " bytes into it and objects are " + JVM.objectAlignment() + "-byte aligned: its"
          + " element 0 can never start a " + LINE_BYTES + "-byte line in this JVM");
    }
    long bytes = sizeOf(type, length);
    long paddingOffset = JVM.arrayBaseOffset("long");
    // allocated before the attempts: nothing but paddings may come between them
    long[] missed = new long[MAX_ATTEMPTS];
    Object candidate = null;
    boolean fromBuffer = true;
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long next;
      long atLeast;
      if (fromBuffer) {
        // the next object starts where an empty probe ends, in the thread's buffer: a small
        // padding there puts the candidate on a line
        next = JVM.addressOf(new long[0]) + sizeOf("long", 0);
        atLeast = paddingOffset;
      } else {
        // too large for the buffer, the candidate came from the heap's shared region: there the
        // next object starts where it ends, if it is as large (a small padding would go to the
        // buffer)
        next = JVM.addressOf(candidate) + bytes;
        atLeast = bytes;
      }
      long gap = Math.floorMod(-(next + dataOffset), LINE_BYTES);
      while (gap < atLeast) {
        gap += LINE_BYTES;
      }
      padding = new long[(int) ((gap - paddingOffset) / Long.BYTES)];
      candidate = Array.newInstance(array.getClass().getComponentType(), length);
      long elementZero = JVM.addressOf(candidate) + dataOffset;
      if (elementZero % LINE_BYTES == 0) {
        return copy(array, candidate);
      }
      missed[attempt] = elementZero % LINE_BYTES;
      fromBuffer &= JVM.addressOf(candidate) == next + gap;
    }
    throw new IllegalStateException("no copy of a " + type + "[" + length + "] started a "
        + LINE_BYTES + "-byte line in " + MAX_ATTEMPTS + " attempts (element 0 was "
        + Arrays.toString(missed) + " bytes past one): the benchmark would time an unaligned"
        + " array" + (bytes > G1_REGION_BYTES / 3 && G1_REGION_BYTES > 0 ? "; an array of a"
        + " third to a half of a G1 region (" + G1_REGION_BYTES / 3 + " to "
        + G1_REGION_BYTES / 2 + " bytes in this JVM) starts a region of its own more often"
        + " than not: choose another size" : ""));
  }

  /** Whether the array's element 0 starts a cache line. */
  static boolean isAligned(Object array) {
    return (JVM.addressOf(array) + JVM.arrayBaseOffset(componentType(array))) % LINE_BYTES == 0;
  }

  /**
   * The array itself while it is where {@link #copyOf} put it (aligned, or humongous), else an
   * aligned copy with the same contents: the check of the states before every iteration.
   */
  static <T> T realign(T array) {
    return isAligned(array) || isHumongous(array) ? array : copyOf(array);
  }

  private static boolean isHumongous(Object array) {
    return G1_REGION_BYTES > 0
        && sizeOf(componentType(array), Array.getLength(array)) > G1_REGION_BYTES / 2;
  }

  private static <T> T copy(T array, Object copy) {
    System.arraycopy(array, 0, copy, 0, Array.getLength(array));
    @SuppressWarnings("unchecked") // a new array of the same component type
    T same = (T) copy;
    return same;
  }

  private static String componentType(Object array) {
    Class<?> component = array.getClass().getComponentType();
    if (component == null || !component.isPrimitive()) {
      throw new IllegalArgumentException("not an array of primitives: " + array.getClass());
    }
    return component.getName();
  }

  /** The bytes an array takes on the heap, header and alignment included. */
  private static long sizeOf(String type, int length) {
    long bytes = JVM.arrayBaseOffset(type) + (long) length * JVM.arrayIndexScale(type);
    long alignment = JVM.objectAlignment();
    return (bytes + alignment - 1) / alignment * alignment;
  }

  /**
   * JOL's view of this JVM, without the two attach attempts it makes by default: of its own
   * agent (which fails unless the JVM was started with {@code -Djdk.attach.allowAttachSelf}) and
   * of the Serviceability Agent, which starts a second JVM to attach to this one (about 1.5 s).
   * Addresses need neither: JOL then reads the compressed-reference shift from the JVM's flags
   * and takes the heap's base to be 0, which is either right or off by a multiple of far more
   * than a line, so an address's place in a line is exact. JOL still prints a warning for each
   * skipped attempt to standard output, which would land in the benchmark's output: while it
   * starts, standard output goes nowhere.
   */
  private static VirtualMachine quietJol() {
    System.setProperty("jol.skipDynamicAttach", "true");
    System.setProperty("jol.skipHotspotSAAttach", "true");
    PrintStream out = System.out;
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    try {
      return VM.current();
    } finally {
      System.setOut(out);
    }
  }

  /**
   * The size of a G1 heap region; 0 with another collector, whose large arrays {@link #copyOf}
   * then places or fails to place like any other.
   */
  private static long g1RegionBytes() {
    HotSpotDiagnosticMXBean hotspot =
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
    if (!Boolean.parseBoolean(hotspot.getVMOption("UseG1GC").getValue())) {
      return 0;
    }
    return Long.parseLong(hotspot.getVMOption("G1HeapRegionSize").getValue());
  }
}
