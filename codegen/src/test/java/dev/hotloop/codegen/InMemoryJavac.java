package dev.hotloop.codegen;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The JDK's own javac, run in this JVM on sources held in memory, writing class files to memory:
 * many generated classes per call, since starting a compilation costs more than compiling a
 * small class.
 */
final class InMemoryJavac {

  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  /**
   * One file manager for all compilations: opening the platform's class archive for
   * {@code --release} costs more than compiling a batch of small classes. Not thread-safe: an
   * instance of this class serves one thread.
   */
  private final StandardJavaFileManager standard = javac.getStandardFileManager(null, null, null);

  /**
   * Compiles {@code sources} (class name to source, default package) for release 17; returns
   * the class files by binary name.
   *
   * @throws IllegalStateException with javac's messages when a source does not compile
   */
  Map<String, byte[]> compile(Map<String, String> sources) {
    List<JavaFileObject> units = new ArrayList<>();
    sources.forEach((name, source) -> units.add(new SimpleJavaFileObject(
        URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return source;
      }
    }));
    Map<String, ByteArrayOutputStream> out = new HashMap<>();
    ForwardingJavaFileManager<StandardJavaFileManager> files =
        new ForwardingJavaFileManager<>(standard) {
          @Override
          public JavaFileObject getJavaFileForOutput(Location location, String className,
              JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className + ".class"), kind) {
              @Override
              public OutputStream openOutputStream() {
                return out.computeIfAbsent(className, n -> new ByteArrayOutputStream());
              }
            };
          }
        };
    StringWriter messages = new StringWriter();
    boolean ok = javac.getTask(messages, files, null, List.of("--release", "17", "-g"), null,
        units).call();
    if (!ok) {
      throw new IllegalStateException("generated sources do not compile:\n" + messages);
    }
    Map<String, byte[]> classes = new HashMap<>();
    out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
    return classes;
  }
}
