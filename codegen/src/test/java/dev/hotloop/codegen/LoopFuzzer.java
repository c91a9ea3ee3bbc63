package dev.hotloop.codegen;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import dev.hotloop.analyzer.DeclaredFields;
import dev.hotloop.analyzer.LoopAnalyzer;
import dev.hotloop.analyzer.plan.LoopVerdict;
import dev.hotloop.codegen.kernel.KernelBackend;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The differential loop fuzzer: methods from {@link LoopGrammar}, compiled by {@link
 * InMemoryJavac}; each loop the analyzer accepts is accelerated on every backend given and run
 * against the original on a sample of the javac map tests' edge inputs (empty, odd lengths, NaN,
 * -0.0, MIN/MAX values, nulls, arrays passed twice, outputs too short), comparing return values,
 * every array's contents and exceptions (type, place, message) exactly. A case is one generated
 * method; a mismatch names its seed, which regenerates it.
 */
final class LoopFuzzer {

  /** Generated methods compiled per javac call. */
  private static final int BATCH = 25;
  /** Argument lists compared per method and backend. */
  private static final int CALLS_PER_CASE = 40;

  /** A method whose accelerated form differs from it. */
  record Mismatch(long seed, String backend, String source, String failure) {
    @Override
    public String toString() {
      return "seed " + seed + " on " + backend + ": " + failure + "\n" + source;
    }
  }

  /**
   * What a run did: methods generated, how many the analyzer accepted, calls compared, the
   * mismatches, and the rejection reasons with their counts.
   */
  record Result(int cases, int accepted, long compared, List<Mismatch> mismatches,
      Map<String, Integer> rejections) {

    /** The summary line: {@code N cases, M mismatches}. */
    String summary() {
      return cases + " cases, " + mismatches.size() + " mismatches";
    }
  }

  private final InMemoryJavac javac = new InMemoryJavac();
  private final List<KernelBackend> backends;

  LoopFuzzer(List<KernelBackend> backends) {
    this.backends = List.copyOf(backends);
  }

  /**
   * Runs cases with seeds {@code firstSeed, firstSeed + 1, ...} until {@code maxCases} are done
   * or {@code deadline} ({@link System#nanoTime()}) has passed.
   */
  Result run(long firstSeed, int maxCases, long deadline) throws Exception {
    int cases = 0;
    int accepted = 0;
    long compared = 0;
    List<Mismatch> mismatches = new ArrayList<>();
    Map<String, Integer> rejections = new TreeMap<>();
    long seed = firstSeed;
    while (cases < maxCases && System.nanoTime() < deadline) {
      Map<String, LoopGrammar.FuzzedLoop> batch = new LinkedHashMap<>();
      for (int k = 0; k < BATCH && cases + batch.size() < maxCases; k++, seed++) {
        String name = "Fuzz" + Long.toUnsignedString(seed);
        batch.put(name, LoopGrammar.generate(seed, name));
      }
      Map<String, String> sources = new LinkedHashMap<>();
      batch.forEach((name, loop) -> sources.put(name, loop.source()));
      Map<String, byte[]> classes = javac.compile(sources);
      for (LoopGrammar.FuzzedLoop loop : batch.values()) {
        if (System.nanoTime() >= deadline && cases > 0) {
          break;
        }
        cases++;
        byte[] bytes = classes.get(loop.className());
        String rejection = rejection(bytes);
        if (rejection != null) {
          rejections.merge(rejection, 1, Integer::sum);
          continue;
        }
        accepted++;
        Method original = method(AcceleratedClass.define(loop.className(), bytes));
        for (KernelBackend backend : backends) {
          AcceleratedClass accelerated;
          try {
            accelerated = AcceleratedClass.of(loop.className(), bytes, backend, false, true);
          } catch (Throwable t) {
            mismatches.add(new Mismatch(loop.seed(), name(backend), loop.source(),
                "could not accelerate: " + t));
            continue;
          }
          Method rewritten = method(accelerated.rewritten);
          List<Object[]> calls = ForeignFixtures.sample(original,
              MapKernelDifferentialTest.argumentsFor(original), new Random(loop.seed()));
          for (Object[] args : calls.subList(0, Math.min(CALLS_PER_CASE, calls.size()))) {
            compared++;
            try {
              SumKernelDifferentialTest.compare(original, rewritten, args, false);
            } catch (AssertionError e) {
              mismatches.add(new Mismatch(loop.seed(), name(backend), loop.source(),
                  e.getMessage()));
              break;
            }
          }
        }
      }
    }
    return new Result(cases, accepted, compared, mismatches, rejections);
  }

  /** The analyzer's reason for rejecting the method's loop, or null when it accepts it. */
  private static String rejection(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, ClassReader.EXPAND_FRAMES);
    for (MethodNode m : node.methods) {
      if (!m.name.equals("run")) {
        continue;
      }
      for (LoopVerdict v : LoopAnalyzer.analyze(DeclaredFields.of(node), m).loops()) {
        if (v instanceof LoopVerdict.Rejected r) {
          return r.rejection().reason();
        }
      }
      return null;
    }
    return "no method run";
  }

  private static String name(KernelBackend backend) {
    return backend instanceof KernelBackend.Vector v ? v.bits() + "-bit vectors" : "scalar code";
  }

  private static Method method(Class<?> c) {
    for (Method m : c.getMethods()) {
      if (m.getName().equals("run")) {
        return m;
      }
    }
    throw new IllegalStateException("no method run in " + c);
  }
}
