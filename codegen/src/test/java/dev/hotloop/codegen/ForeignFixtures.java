package dev.hotloop.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.hotloop.analyzer.LoopAnalyzer;
import dev.hotloop.analyzer.plan.LoopVerdict;
import dev.hotloop.analyzer.plan.MethodAnalysis;
import dev.hotloop.codegen.kernel.KernelBackend;

import org.junit.jupiter.params.provider.Arguments;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What the differential tests of fixtures made by other compilers (Kotlin, ECJ) share: their
 * configurations, the check that every loop has a plan, and the comparison of a compiled class
 * with its accelerated form, the original loaded from the compiled bytes too.
 */
final class ForeignFixtures {

  private ForeignFixtures() {
  }

  /**
   * The scalar and one vector backend, with and without fastmath: the javac fixtures' tests run
   * every backend; these are about another compiler's bytecode, not the kernels.
   */
  static Stream<Arguments> configurations() {
    List<Arguments> out = new ArrayList<>();
    for (String backend : List.of("scalar", "vector256")) {
      for (boolean fastmath : List.of(false, true)) {
        out.add(Arguments.of(backend, fastmath));
      }
    }
    return out.stream();
  }

  /** The analyses of the public methods of the class in {@code bytes}, by method name. */
  static Map<String, MethodAnalysis> analyze(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, ClassReader.EXPAND_FRAMES);
    Map<String, MethodAnalysis> out = new TreeMap<>();
    for (MethodNode m : node.methods) {
      if ((m.access & Opcodes.ACC_PUBLIC) != 0) {
        out.put(m.name, LoopAnalyzer.analyze(node.name, m));
      }
    }
    return out;
  }

  /** Every public method of the class has a loop, and every loop a plan. */
  static void assertEveryLoopAccepted(String className, byte[] bytes) {
    analyze(bytes).forEach((name, analysis) -> {
      assertFalse(analysis.loops().isEmpty(), className + "." + name + ": no loop found");
      for (LoopVerdict verdict : analysis.loops()) {
        assertTrue(verdict instanceof LoopVerdict.Accepted, className + "." + name + ": "
            + verdict);
      }
    });
  }

  /**
   * Loads {@code className} from {@code classes} as compiled and as accelerated, checks that
   * each public method got a kernel, and compares the two on {@code arguments}; returns the
   * number of calls compared. Under fastmath only methods with floating point in their
   * signature are compared (fastmath changes nothing else), and floating-point results other
   * than min and max (exact in any order) may differ within the javac tests' tolerance.
   */
  static int compare(String className, Map<String, byte[]> classes, KernelBackend backend,
      boolean fastmath, Function<Method, List<Object[]>> arguments) throws Exception {
    byte[] bytes = classes.get(className);
    assertTrue(bytes != null, className + " not compiled: " + classes.keySet());
    // The original in a loader of its own too: its parent, the test class path, has
    // kotlin-stdlib for the Kotlin fixtures' parameter checks.
    Class<?> original = AcceleratedClass.define(className, bytes);
    AcceleratedClass accelerated = AcceleratedClass.of(className, bytes, backend, fastmath, true);
    Predicate<Method> tolerant = m -> fastmath && isFloatingPoint(m.getReturnType())
        && !m.getName().startsWith("max") && !m.getName().startsWith("min");
    Function<Method, List<Object[]>> sampled = m -> {
      if (fastmath && !involvesFloatingPoint(m)) {
        return List.of();
      }
      // Strings, not the enum Scalar, whose hash differs from run to run.
      long seed = Objects.hash(m.getName(), backend.toString(), fastmath);
      return sample(m, arguments.apply(m), new Random(seed));
    };
    return SumKernelDifferentialTest.compareEveryPublicMethod(original, accelerated, tolerant,
        sampled);
  }

  /**
   * The longest array passed. What these tests add to the javac fixtures' is another compiler's
   * loop layout: lengths up to here take every kernel through its vector loop, its tail and its
   * guards; the javac fixtures' tests try the longer ones, which cost most of their time.
   */
  static final int LONGEST = 257;

  /**
   * How many argument lists are tried per method and configuration, besides those with a null
   * array: a different draw in each configuration, so that together they cover more.
   */
  static final int PER_METHOD = 64;

  /**
   * Of the javac tests' arguments for {@code m}: every list with a null array (where Kotlin's
   * parameter checks throw), and {@link #PER_METHOD} of the others with no array longer than
   * {@link #LONGEST}, drawn with {@code random}, seeded so that runs repeat.
   */
  static List<Object[]> sample(Method m, List<Object[]> arguments, Random random) {
    List<Object[]> out = new ArrayList<>();
    List<Object[]> rest = new ArrayList<>();
    for (Object[] args : arguments) {
      boolean withNull = false;
      boolean fits = true;
      for (int k = 0; k < args.length; k++) {
        Object a = args[k];
        withNull |= a == null && m.getParameterTypes()[k].isArray();
        fits &= a == null || !a.getClass().isArray() || Array.getLength(a) <= LONGEST;
      }
      if (withNull) {
        out.add(args);
      } else if (fits) {
        rest.add(args);
      }
    }
    Collections.shuffle(rest, random);
    out.addAll(rest.subList(0, Math.min(PER_METHOD, rest.size())));
    return out;
  }

  private static boolean involvesFloatingPoint(Method m) {
    boolean any = isFloatingPoint(m.getReturnType());
    for (Class<?> p : m.getParameterTypes()) {
      any |= isFloatingPoint(p.isArray() ? p.getComponentType() : p);
    }
    return any;
  }

  private static boolean isFloatingPoint(Class<?> t) {
    return t == double.class || t == float.class || t == Double.class || t == Float.class;
  }
}
