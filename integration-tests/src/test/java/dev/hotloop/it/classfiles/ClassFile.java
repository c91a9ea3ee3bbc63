package dev.hotloop.it.classfiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import dev.hotloop.it.jvm.RunFolder;

/**
 * One class file for {@code ClassFileApp} to define: the binary name it is defined under, the
 * file it is written to, its bytes, which need not be a valid class file, and whether it is
 * defined by the app's isolated loader, which sees only {@code java.*} besides its own classes.
 */
public record ClassFile(String binaryName, String fileName, byte[] bytes, boolean isolated) {

  /** The list file that {@code ClassFileApp} reads. */
  public static final String LIST = "classes.txt";

  public ClassFile {
    bytes = bytes.clone();
  }

  /** A class file for the app's ordinary loader. */
  public ClassFile(String binaryName, String fileName, byte[] bytes) {
    this(binaryName, fileName, bytes, false);
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Writes {@code files} and their list, in order, into {@code folder}; returns the list. */
  public static String writeAll(List<ClassFile> files, RunFolder folder) {
    StringBuilder list = new StringBuilder();
    for (ClassFile f : files) {
      try {
        Files.write(folder.resolve(f.fileName()), f.bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      list.append(f.binaryName()).append(' ').append(f.fileName())
          .append(f.isolated() ? " isolated\n" : "\n");
    }
    folder.write(LIST, list.toString());
    return folder.resolve(LIST).toString();
  }
}
