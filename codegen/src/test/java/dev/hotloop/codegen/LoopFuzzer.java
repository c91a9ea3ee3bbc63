package dev.hotloop.codegen;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import dev.hotloop.analyzer.DeclaredFields;
import dev.hotloop.analyzer.LoopAnalyzer;
import dev.hotloop.analyzer.plan.LoopVerdict;
import dev.hotloop.codegen.LoopGrammar.LoopCase;
import dev.hotloop.codegen.kernel.KernelBackend;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The differential loop fuzzer: cases from {@link LoopGrammar}, compiled by {@link
 * InMemoryJavac}. Each loop the analyzer accepts is accelerated on every backend given and run
 * against the original on {@link FuzzInputs}, comparing return values, every array's contents
 * and exceptions (type, place, message, partial effects) exactly; with {@code fastmath}, a
 * floating-point sum may differ by what reassociation can change, at most
 * {@code 2.1 u n B + 2 u (|x| + |y|) + n m} for {@code n} terms whose magnitudes add to
 * {@code B}, unit roundoff {@code u} and smallest subnormal {@code m}, and not at all where
 * {@code n B} overflows the accumulator's type. A near-miss must be
 * rejected. Each failure is shrunk to a small case that still fails, printed with its seed.
 */
final class LoopFuzzer {

  /** Generated cases compiled per javac call. */
  private static final int BATCH = 25;
  /** Argument lists compared per case and backend. */
  private static final int CALLS_PER_CASE = 40;
  /** How long one failure may be shrunk. */
  private static final long SHRINK_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** A case whose accelerated form differs from it, or a near-miss the analyzer accepted. */
  record Mismatch(long seed, String failure, String source, String reproducer, int steps) {
    @Override
    public String toString() {
      return "seed " + seed + ": " + failure + "\n" + source + "shrunk in " + steps
          + " steps to:\n" + reproducer;
    }
  }

  /**
   * What a run did: cases generated, how many the analyzer accepted and compared, near-misses
   * (all rejected unless a mismatch says otherwise), calls compared, the mismatches, and the
   * rejection reasons of the other cases with their counts.
   */
  record Result(long cases, long accepted, long nearMisses, long compared,
      List<Mismatch> mismatches, Map<String, Long> rejections) {

    /** The summary line: {@code N cases, M mismatches}. */
    String summary() {
      return cases + " cases, " + mismatches.size() + " mismatches";
    }
  }

  /** What checking one case found: the analyzer's rejection, or a failure, or neither. */
  private record Outcome(String rejection, String failure, int compared) {
  }

  private final List<KernelBackend> backends;
  private final AtomicLong cases = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong nearMisses = new AtomicLong();
  private final AtomicLong compared = new AtomicLong();
  private final List<Mismatch> mismatches = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Long> rejections = new ConcurrentHashMap<>();
  /** The seeds being checked, with when each started: a case that hangs shows here. */
  private final Map<Long, Long> running = new ConcurrentHashMap<>();

  LoopFuzzer(List<KernelBackend> backends) {
    this.backends = List.copyOf(backends);
  }

  /**
   * The seed that has been checked longest, and for how many seconds, if that is at least
   * {@code seconds}; else null.
   */
  String slowest(long seconds) {
    long now = System.nanoTime();
    return running.entrySet().stream().min(Map.Entry.comparingByValue())
        .filter(e -> now - e.getValue() >= TimeUnit.SECONDS.toNanos(seconds))
        .map(e -> "seed " + Long.toUnsignedString(e.getKey()) + " has run for "
            + TimeUnit.NANOSECONDS.toSeconds(now - e.getValue()) + " s")
        .orElse(null);
  }

  /** The counts so far, while {@link #run} goes on in other threads. */
  Result snapshot() {
    List<Mismatch> found;
    synchronized (mismatches) {
      found = List.copyOf(mismatches);
    }
    return new Result(cases.get(), accepted.get(), nearMisses.get(), compared.get(), found,
        new TreeMap<>(rejections));
  }

  /**
   * Runs the cases of seeds {@code firstSeed} to {@code firstSeed + maxCases - 1} on
   * {@code threads} threads, until all are done or {@code deadline} ({@link System#nanoTime()})
   * has passed; returns the counts.
   */
  Result run(long firstSeed, long maxCases, long deadline, int threads) throws Exception {
    AtomicLong nextBatch = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "loop-fuzzer");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          InMemoryJavac javac = new InMemoryJavac();
          while (System.nanoTime() < deadline) {
            long start = nextBatch.getAndIncrement() * BATCH;
            if (start >= maxCases) {
              return null;
            }
            batch(javac, firstSeed + start, Math.min(BATCH, maxCases - start), deadline);
          }
          return null;
        }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return snapshot();
  }

  private void batch(InMemoryJavac javac, long firstSeed, long count, long deadline)
      throws Exception {
    Map<String, LoopGrammar.FuzzedLoop> batch = new LinkedHashMap<>();
    for (long seed = firstSeed; seed < firstSeed + count; seed++) {
      String name = "Fuzz" + Long.toUnsignedString(seed);
      batch.put(name, LoopGrammar.generate(seed, name));
    }
    Map<String, String> sources = new LinkedHashMap<>();
    batch.forEach((name, loop) -> sources.put(name, loop.source()));
    Map<String, byte[]> classes = javac.compile(sources);
    for (LoopGrammar.FuzzedLoop loop : batch.values()) {
      if (System.nanoTime() >= deadline) {
        return;
      }
      cases.incrementAndGet();
      LoopCase c = loop.loopCase();
      running.put(loop.seed(), System.nanoTime());
      Outcome outcome;
      try {
        outcome = check(c, loop.className(), classes.get(loop.className()), loop.seed());
      } finally {
        running.remove(loop.seed());
      }
      compared.addAndGet(outcome.compared());
      if (c.nearMiss()) {
        nearMisses.incrementAndGet();
      } else if (outcome.rejection() != null) {
        rejections.merge(outcome.rejection(), 1L, Long::sum);
      } else {
        accepted.incrementAndGet();
      }
      if (outcome.failure() != null) {
        Predicate<Outcome> fails = c.nearMiss()
            ? o -> o.rejection() == null
            : o -> o.failure() != null;
        Shrunk shrunk = shrink(javac, c, loop.seed(), fails);
        mismatches.add(new Mismatch(loop.seed(), outcome.failure(), loop.source(),
            shrunk.loopCase().source(loop.className()), shrunk.steps()));
      }
    }
  }

  /** A case found by shrinking, after how many steps. */
  private record Shrunk(LoopCase loopCase, int steps) {
  }

  /**
   * Greedy shrinking: takes the first of the current case's {@linkplain LoopCase#smaller()
   * smaller} cases that still fails, until none does or time is up.
   */
  private Shrunk shrink(InMemoryJavac javac, LoopCase failing, long seed,
      Predicate<Outcome> fails) {
    long until = System.nanoTime() + SHRINK_NANOS;
    LoopCase current = failing;
    int steps = 0;
    search:
    while (System.nanoTime() < until) {
      List<LoopCase> candidates = current.smaller();
      Map<String, String> sources = new LinkedHashMap<>();
      for (int k = 0; k < candidates.size(); k++) {
        sources.put("Fuzz" + Long.toUnsignedString(seed) + "s" + k,
            candidates.get(k).source("Fuzz" + Long.toUnsignedString(seed) + "s" + k));
      }
      Map<String, byte[]> classes = compileEach(javac, sources);
      for (int k = 0; k < candidates.size() && System.nanoTime() < until; k++) {
        String name = "Fuzz" + Long.toUnsignedString(seed) + "s" + k;
        byte[] bytes = classes.get(name);
        if (bytes != null && fails.test(check(candidates.get(k), name, bytes, seed))) {
          current = candidates.get(k);
          steps++;
          continue search;
        }
      }
      break;
    }
    return new Shrunk(current, steps);
  }

  /** Compiles the sources together, or one by one if some do not compile, leaving those out. */
  private static Map<String, byte[]> compileEach(InMemoryJavac javac,
      Map<String, String> sources) {
    try {
      return javac.compile(sources);
    } catch (IllegalStateException e) {
      Map<String, byte[]> out = new LinkedHashMap<>();
      sources.forEach((name, source) -> {
        try {
          out.putAll(javac.compile(Map.of(name, source)));
        } catch (IllegalStateException ignored) {
          // Shrinking may make a source javac refuses (say, an unreachable statement).
        }
      });
      return out;
    }
  }

  /** Analyzes, accelerates on every backend and compares one compiled case. */
  private Outcome check(LoopCase c, String className, byte[] bytes, long seed) {
    String rejection = rejection(bytes);
    if (rejection != null) {
      return new Outcome(rejection, null, 0);
    }
    Class<?> original;
    try {
      original = AcceleratedClass.define(className, bytes);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    Method run = method(original, "run");
    Method bound = c.reassociates() ? method(original, "bound") : null;
    List<Object[]> calls = FuzzInputs.draw(c, seed, CALLS_PER_CASE);
    int done = 0;
    for (KernelBackend backend : backends) {
      Method rewritten;
      try {
        rewritten = method(AcceleratedClass.of(className, bytes, backend, c.fastmath(), true)
            .rewritten, "run");
      } catch (Throwable t) {
        return new Outcome(null, (c.nearMiss() ? "a near-miss the analyzer accepted, " : "")
            + "on " + name(backend) + ", could not accelerate: " + t, done);
      }
      for (Object[] args : calls) {
        done++;
        try {
          SumKernelDifferentialTest.compare(run, rewritten, args, bound == null
              ? (where, r1, r2) -> org.junit.jupiter.api.Assertions.assertEquals(r1, r2, where)
              : (where, r1, r2) -> assertWithinBound(where, bound, args, r1, r2,
                  c.type() == LoopGrammar.Type.FLOAT));
        } catch (AssertionError e) {
          return new Outcome(null, (c.nearMiss() ? "a near-miss the analyzer accepted, " : "")
              + "on " + name(backend) + ", " + e.getMessage(), done);
        }
      }
    }
    // A near-miss must be rejected; compared all the same, so that the report says whether the
    // analyzer was wrong or the grammar's near-miss is not one.
    return new Outcome(null, c.nearMiss() ? "a near-miss the analyzer accepted (its accelerated"
        + " form matched the original on every input)" : null, done);
  }

  /**
   * The fastmath tolerance: both sums lie within {@code 1.05 u n B} of the exact one (Higham's
   * bound for any order of summation, with a margin for its denominator), so they lie within
   * twice that of each other; adding the other accumulators rounds once more.
   */
  private static void assertWithinBound(String where, Method bound, Object[] args, Object r1,
      Object r2, boolean single) {
    double x = ((Number) r1).doubleValue();
    double y = ((Number) r2).doubleValue();
    if (Double.compare(x, y) == 0) {
      return;
    }
    double nb;
    double n;
    try {
      double[] counted = (double[]) bound.invoke(null, SumKernelDifferentialTest.deepCopy(args));
      if (counted == null) {
        // Returned early (a near-miss's return): it counted nothing to bound by.
        throw new AssertionError(where + ": fastmath " + y + " vs strict " + x);
      }
      nb = counted[0];
      n = counted[1];
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(where + ": the bound method threw " + e.getCause(), e);
    }
    if (!(nb < (single ? Float.MAX_VALUE : Double.MAX_VALUE) / 8)) {
      // The terms' magnitudes overflow the accumulator's type (or are NaN): partial sums may
      // reach an infinity by one road and not another (and infinities of both signs a NaN),
      // and docs/config.md promises nothing there. A float sum overflows at float's limit,
      // though its bound is counted in double.
      return;
    }
    double u = single ? 0x1p-24 : 0x1p-53;
    // Fused, a subnormal product is not rounded on its own: up to one subnormal a term.
    double tolerance = 2.1 * u * nb + 2 * u * (Math.abs(x) + Math.abs(y))
        + n * (single ? Float.MIN_VALUE : Double.MIN_VALUE);
    if (!(Math.abs(x - y) <= tolerance)) {
      throw new AssertionError(where + ": fastmath " + y + " vs strict " + x + ", beyond "
          + tolerance + " (n B = " + nb + ")");
    }
  }

  /** The analyzer's reason for rejecting the method's loop, or null when it accepts it. */
  private static String rejection(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, ClassReader.EXPAND_FRAMES);
    for (MethodNode m : node.methods) {
      if (!m.name.equals("run")) {
        continue;
      }
      List<LoopVerdict> loops = LoopAnalyzer.analyze(DeclaredFields.of(node), m).loops();
      for (LoopVerdict v : loops) {
        // The loop over a matrix's rows is rejected for the loop it holds, which is the one
        // that counts.
        if (v instanceof LoopVerdict.Rejected r
            && !r.rejection().reason().startsWith("contains a nested loop")) {
          return r.rejection().reason();
        }
      }
      if (loops.isEmpty()) {
        return "no loop found";
      }
      // Where javac folded a constant condition away with the loop's only array access, the
      // analyzer sees no loop over arrays to accelerate there, and rejects nothing either.
      return loops.stream().anyMatch(v -> v instanceof LoopVerdict.Accepted) ? null
          : "no loop over primitive arrays left to accelerate (javac folded its reads away)";
    }
    return "no method run";
  }

  /** How a backend is named in messages. */
  static String name(KernelBackend backend) {
    return backend instanceof KernelBackend.Vector v ? v.bits() + "-bit vectors" : "scalar code";
  }

  private static Method method(Class<?> c, String name) {
    for (Method m : c.getMethods()) {
      if (m.getName().equals(name)) {
        return m;
      }
    }
    throw new IllegalStateException("no method " + name + " in " + c);
  }
}
