package dev.hotloop.agent.registry;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;

/**
 * A class file the agent analyzed, in the loader that defined it: its methods with loops over
 * primitive arrays. The loader is held weakly so that the agent never keeps it alive.
 */
public final class ClassRecord {

  private final String internalName;
  private final WeakReference<ClassLoader> loader;
  private final long fingerprint;
  private final String sourceFile;
  private final List<MethodRecord> methods = new CopyOnWriteArrayList<>();

  ClassRecord(String internalName, ClassLoader loader, long fingerprint, String sourceFile) {
    this.internalName = internalName;
    this.loader = new WeakReference<>(loader);
    this.fingerprint = fingerprint;
    this.sourceFile = sourceFile;
  }

  public String internalName() {
    return internalName;
  }

  /** The binary name, {@code com.example.Outer$Inner}. */
  public String binaryName() {
    return internalName.replace('/', '.');
  }

  /** The defining loader, or null once it has been collected. */
  public ClassLoader loader() {
    return loader.get();
  }

  /**
   * Tells class files apart: the CRC-32 of the bytes with their length. The JVM hands a
   * retransformation the bytes it was first given, so a class keeps its fingerprint.
   */
  public static long fingerprint(byte[] classFile) {
    CRC32 crc = new CRC32();
    crc.update(classFile);
    return ((long) classFile.length << 32) | crc.getValue();
  }

  /** The fingerprint of the class file the record was made from. */
  public long fingerprint() {
    return fingerprint;
  }

  /** The source file named in the class file, or null. */
  public String sourceFile() {
    return sourceFile;
  }

  public List<MethodRecord> methods() {
    return methods;
  }

  void add(MethodRecord method) {
    methods.add(method);
  }
}
