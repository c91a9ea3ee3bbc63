package dev.hotloop.agent.explain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import dev.hotloop.analyzer.DeclaredFields;
import dev.hotloop.analyzer.LoopAnalyzer;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.analyzer.plan.LoopVerdict;
import dev.hotloop.analyzer.plan.MethodAnalysis;
import dev.hotloop.agent.explain.LoopExplanation.Verdict;
import dev.hotloop.agent.transform.VerifierCheck;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.codegen.kernel.KernelEmitter;
import dev.hotloop.codegen.kernel.KernelRequest;
import dev.hotloop.config.HotloopConfig;
import dev.hotloop.config.MethodSettings;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code hotloop explain}: the agent's decisions, made ahead of time on class files at rest. For
 * every method the config selects it runs the same analysis as the agent's transformer, applies
 * the same static rules (a strict floating-point sum is kept, a kernel that would be scalar
 * code with a branch per element is kept, a method the verifier would refuse is left alone), and
 * emits the kernel to describe it. What only a running JVM can decide (whether a vector kernel
 * measures faster than C2's code for the loop) is said in the detail, not guessed.
 */
public final class Explainer {

  private final HotloopConfig config;
  private final KernelBackend backend;

  /** Explains as an agent with {@code config} whose kernels use {@code backend}. */
  public Explainer(HotloopConfig config, KernelBackend backend) {
    this.config = config;
    this.backend = backend;
  }

  /** A class file hotloop could not read, and why. */
  public record Unreadable(String name, String reason) {
  }

  /** What {@link #explain(Path, Consumer)} found: the loops, and the class files it skipped. */
  public record Explanation(int classes, List<LoopExplanation> loops, List<Unreadable> unreadable) {
  }

  /**
   * Explains every class file in {@code jarOrDirectory} (a jar, or a directory of class files
   * such as {@code target/classes}), telling {@code progress} the count of classes read after
   * each thousand.
   *
   * @throws IOException where the jar or directory cannot be read at all
   */
  public Explanation explain(Path jarOrDirectory, Consumer<Integer> progress) throws IOException {
    List<LoopExplanation> loops = new ArrayList<>();
    List<Unreadable> unreadable = new ArrayList<>();
    int[] classes = {0};
    ClassVisitor visit = (name, in) -> {
      classes[0]++;
      if (classes[0] % 1000 == 0) {
        progress.accept(classes[0]);
      }
      try {
        loops.addAll(explain(in.readAllBytes()));
      } catch (RuntimeException e) {
        unreadable.add(new Unreadable(name, e.toString()));
      }
    };
    if (Files.isDirectory(jarOrDirectory)) {
      try (Stream<Path> files = Files.walk(jarOrDirectory)) {
        for (Path file : files.filter(Explainer::isClassFile).sorted().toList()) {
          try (InputStream in = Files.newInputStream(file)) {
            visit.accept(jarOrDirectory.relativize(file).toString(), in);
          }
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    } else {
      try (JarFile jar = new JarFile(jarOrDirectory.toFile())) {
        List<JarEntry> entries = jar.stream()
            .filter(e -> !e.isDirectory() && isClassFile(Path.of(e.getName())))
            .sorted(Comparator.comparing(JarEntry::getName)).toList();
        for (JarEntry e : entries) {
          try (InputStream in = jar.getInputStream(e)) {
            visit.accept(e.getName(), in);
          }
        }
      }
    }
    loops.sort(Comparator.comparing(LoopExplanation::className)
        .thenComparing(LoopExplanation::methodName).thenComparing(LoopExplanation::descriptor)
        .thenComparingInt(LoopExplanation::ordinal));
    return new Explanation(classes[0], List.copyOf(loops), List.copyOf(unreadable));
  }

  private interface ClassVisitor {
    void accept(String name, InputStream in) throws IOException;
  }

  /** Class files, but not module descriptors or another release's versions of a class. */
  private static boolean isClassFile(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".class") && !name.equals("module-info.class")
        && !p.toString().replace('\\', '/').startsWith("META-INF/");
  }

  /** The loops over primitive arrays of the selected methods of one class file. */
  public List<LoopExplanation> explain(byte[] classFile) {
    ClassNode node = new ClassNode();
    new ClassReader(classFile).accept(node, ClassReader.EXPAND_FRAMES);
    String binaryName = node.name.replace('/', '.');
    List<LoopExplanation> out = new ArrayList<>();
    if (!config.mayTouchClass(binaryName)) {
      return out;
    }
    DeclaredFields fields = DeclaredFields.of(node);
    for (MethodNode m : node.methods) {
      Optional<MethodSettings> settings = config.select(binaryName, m.name, m.desc);
      if (settings.isEmpty() || m.instructions.size() == 0) {
        continue;
      }
      MethodAnalysis analysis = LoopAnalyzer.analyze(fields, m);
      if (analysis.loops().isEmpty()) {
        continue;
      }
      String unverifiable = analysis.plans().isEmpty() ? null
          : VerifierCheck.problem(node.name, m);
      for (LoopVerdict v : analysis.loops()) {
        Verdict verdict;
        String detail;
        if (v instanceof LoopVerdict.Rejected r) {
          verdict = Verdict.REJECTED;
          detail = r.rejection().reason();
        } else if (unverifiable != null) {
          verdict = Verdict.REJECTED;
          detail = "the JVM's verifier will refuse the method, so it stays as written: "
              + unverifiable;
        } else {
          LoopPlan plan = ((LoopVerdict.Accepted) v).plan();
          boolean fastmath = settings.get().fastmath();
          String noGain = KernelEmitter.whyNoGain(plan, fastmath);
          if (noGain != null) {
            verdict = Verdict.KEPT;
            detail = noGain + " (" + plan.describe() + ")";
          } else {
            Kernel kernel = KernelEmitter.emit(new KernelRequest(plan,
                "dev/hotloop/explain/Kernel", backend, fastmath));
            if (!kernel.vectorized() && plan.hasConditions() && !plan.hasBoxedAccumulator()) {
              verdict = Verdict.KEPT;
              detail = "its kernel would be scalar code with a branch per element ("
                  + kernel.description() + "), no faster than C2's code for the loop";
            } else {
              verdict = Verdict.ACCELERATE;
              detail = plan.describe() + "; kernel: " + kernel.description()
                  + (kernel.vectorized() ? "; timed at warm-up against C2's code for the loop"
                      + " (vector=auto), and kept where not faster" : "");
            }
          }
        }
        out.add(new LoopExplanation(binaryName, m.name, m.desc, node.sourceFile,
            v.site().line(), v.site().ordinal(), verdict, detail));
      }
    }
    return out;
  }
}
