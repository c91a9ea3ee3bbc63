package dev.hotloop.agent.transform;

import org.objectweb.asm.ClassReader;

/**
 * Checks the two things about a class file's outer shape that the JVM refuses and ASM does not
 * notice: the magic number, and bytes after the end of the class file. ASM reads such a file
 * and writes a clean one, so rewriting it would turn a class the JVM refuses into one it
 * accepts. Everything else ASM cannot read fails the read itself.
 */
final class ClassFileBounds {

  private static final int MAGIC = 0xCAFEBABE;

  private ClassFileBounds() {
  }

  /** Why the JVM will refuse {@code bytes}, read by {@code reader}, or null. */
  static String problem(ClassReader reader, byte[] bytes) {
    int magic = reader.readInt(0);
    if (magic != MAGIC) {
      return String.format("not a class file: its magic number is 0x%08X, not 0xCAFEBABE",
          magic);
    }
    int end = end(reader);
    if (end != bytes.length) {
      return (bytes.length - end) + " bytes after the end of the class file";
    }
    return null;
  }

  /** The offset just past the last class attribute. */
  private static int end(ClassReader reader) {
    // access_flags, this_class, super_class, then the interfaces.
    int offset = reader.header + 6;
    offset += 2 + 2 * reader.readUnsignedShort(offset);
    for (int members = 0; members < 2; members++) {
      int count = reader.readUnsignedShort(offset);
      offset += 2;
      for (int i = 0; i < count; i++) {
        // access_flags, name_index, descriptor_index, then the member's attributes.
        offset = skipAttributes(reader, offset + 6);
      }
    }
    return skipAttributes(reader, offset);
  }

  private static int skipAttributes(ClassReader reader, int offset) {
    int count = reader.readUnsignedShort(offset);
    offset += 2;
    for (int i = 0; i < count; i++) {
      offset += 6 + reader.readInt(offset + 2);
    }
    return offset;
  }
}
