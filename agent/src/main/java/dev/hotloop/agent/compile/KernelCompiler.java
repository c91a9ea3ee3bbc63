package dev.hotloop.agent.compile;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.hotloop.agent.registry.ClassRecord;
import dev.hotloop.agent.registry.LoopRecord;
import dev.hotloop.agent.registry.LoopRegistry;
import dev.hotloop.agent.registry.LoopState;
import dev.hotloop.agent.registry.MethodRecord;
import dev.hotloop.codegen.kernel.Kernel;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.codegen.kernel.KernelEmitter;
import dev.hotloop.codegen.kernel.KernelRequest;
import dev.hotloop.codegen.kernel.OriginalLoop;
import dev.hotloop.runtime.KernelDefiner;
import dev.hotloop.runtime.Parallel;
import dev.hotloop.runtime.Probes;

import org.slf4j.Logger;

/**
 * The compile queue and its thread. Methods that turn hot are queued by the probes; the thread
 * builds a kernel for each of their loops, defines it into the boot loader, warms it, and only
 * then retransforms the class so the method switches to it. The application never waits for
 * any of this, and a failure only leaves the original loop in place.
 */
public final class KernelCompiler implements Probes.HotListener {

  /** The share of the scalar code's time a vector kernel may take at most to be used. */
  static final double MIN_VECTOR_GAIN = 0.9;
  /** How many times the vector kernel and the baseline are timed in turns. */
  static final int COMPARISON_ROUNDS = 5;
  /** How many times slower than the baseline a vector kernel must be to look uncompiled. */
  static final double NOT_COMPILED = 8;
  /** The fewest runs since acceleration on which a share of guard failures is judged. */
  static final long GUARD_SAMPLE = 1_000;

  private final Instrumentation inst;
  private final LoopRegistry registry;
  private final Supplier<VectorSupport> vectorSupport;
  private VectorSupport vectors;
  private final Logger log;
  private final InjectedFaults faults;
  /** Work for the compile thread: methods that turned hot, and deoptimizations. */
  private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile Runnable firstHot;
  private volatile Consumer<Throwable> onFatal = t -> { };
  /** Set for good by an error the compile thread cannot recover from. */
  private volatile boolean stopped;
  /** The comparisons under way, by loop id; only the compile thread touches them. */
  private final Map<Integer, SpeedComparison> comparisons = new HashMap<>();

  public KernelCompiler(Instrumentation inst, LoopRegistry registry, VectorSupport vectors,
      Logger log) {
    this(inst, registry, () -> vectors, log, InjectedFaults.NONE);
  }

  /** A compiler that injects {@code faults}, for testing hotloop itself. */
  /**
   * A compiler that injects {@code faults} and learns the kernel backend from {@code vectors} on
   * its own thread, before it builds its first kernel.
   */
  public KernelCompiler(Instrumentation inst, LoopRegistry registry,
      Supplier<VectorSupport> vectors, Logger log, InjectedFaults faults) {
    this.inst = inst;
    this.registry = registry;
    this.vectorSupport = vectors;
    this.log = log;
    this.faults = faults;
    this.thread = new Thread(this::run, "hotloop-compiler");
    thread.setDaemon(true);
  }

  /** Starts the compile thread. */
  public void start() {
    thread.start();
  }

  /**
   * Runs {@code firstHot} on the compile thread once the first method that turned hot has been
   * compiled: work the agent must not do at startup, nor before the first kernel.
   */
  public void onFirstHot(Runnable firstHot) {
    this.firstHot = firstHot;
  }

  /**
   * Runs {@code onFatal} on the compile thread when it hits an error it cannot recover from,
   * before it switches every method back: it should stop classes from being transformed.
   */
  public void onFatal(Consumer<Throwable> onFatal) {
    this.onFatal = onFatal;
  }

  /** Whether an internal error stopped the agent for good in this JVM. */
  public boolean stopped() {
    return stopped;
  }

  @Override
  public void hot(int methodId) {
    if (stopped) {
      return;
    }
    queue.offer(() -> {
      MethodRecord method = registry.method(methodId);
      if (method != null) {
        compileOrGiveUp(method);
      }
    });
    // After the first compilation, not before: registering the live report's MBean creates
    // the platform MBean server, 170 ms on the compile thread (AMD EPYC, JDK 17) that the
    // demo's first loop spent waiting for its kernel.
    Runnable first = firstHot;
    if (first != null) {
      firstHot = null;
      queue.offer(first);
    }
  }

  /**
   * Switches every method {@code which} selects back to the bytes the application wrote, for
   * good: its profiled and accelerated loops become {@code deoptimized} with {@code reason}.
   * Done on the compile thread, between two compilations, so that no kernel is switched in
   * meanwhile; the future gives one line per loop deoptimized.
   */
  public Future<List<String>> deoptimize(Predicate<MethodRecord> which, String reason) {
    FutureTask<List<String>> task = new FutureTask<>(() -> deoptimizeNow(which, reason));
    queue.offer(task);
    return task;
  }

  private List<String> deoptimizeNow(Predicate<MethodRecord> which, String reason) {
    return deoptimizeLoops((m, l) -> which.test(m)
        && (l.state() == LoopState.COLD || l.state() == LoopState.ACCELERATED), (m, l) -> reason);
  }

  /**
   * Starts watching accelerated loops, every {@code period}. A loop whose guards fail in more
   * than {@code guardPercent} of at least {@link #GUARD_SAMPLE} runs since it was switched to
   * its kernel is deoptimized (at 100, never). With {@code slowerPercent}, a loop whose kernel
   * measures more than that share slower than its original loop, both timed on runs of the
   * application, is deoptimized too.
   */
  public void watch(int guardPercent, OptionalInt slowerPercent, Duration period) {
    if (guardPercent >= 100 && slowerPercent.isEmpty()) {
      return;
    }
    Thread watch = new Thread(() -> {
      while (true) {
        try {
          Thread.sleep(period.toMillis());
        } catch (InterruptedException e) {
          return;
        }
        queue.offer(() -> {
          if (stopped) {
            return;
          }
          if (faults.fatal() && registry.classes().stream().flatMap(c -> c.methods().stream())
              .flatMap(m -> m.loops().stream()).anyMatch(l -> l.state() == LoopState.ACCELERATED)) {
            throw new IllegalStateException("injected by " + InjectedFaults.PROPERTY + "=fatal");
          }
          if (guardPercent < 100) {
            deoptimizeFailingGuards(guardPercent);
          }
          slowerPercent.ifPresent(this::deoptimizeSlowerKernels);
        });
      }
    }, "hotloop-watch");
    watch.setDaemon(true);
    watch.start();
  }

  /**
   * Moves each accelerated loop's comparison on, and deoptimizes those whose kernels measure
   * more than {@code percent} slower than their original loops. A class whose kernel has
   * measured clearly faster is installed again, bytes unchanged: see {@link #reinstall}.
   */
  private void deoptimizeSlowerKernels(int percent) {
    long now = System.nanoTime();
    Set<ClassRecord> compared = new LinkedHashSet<>();
    deoptimizeLoops((m, l) -> {
      if (l.state() != LoopState.ACCELERATED) {
        return false;
      }
      if (m.settings().fastmath()) {
        return false;
      }
      Probes.LoopTimings timings = Probes.loopTimings(l.id());
      SpeedComparison c = comparisons.get(l.id());
      if (c == null) {
        comparisons.put(l.id(), new SpeedComparison(percent, timings, now));
        return false;
      }
      if (c.finished()) {
        return false;
      }
      if (c.startsComparing(now)) {
        Probes.startComparing(l.id());
      }
      SpeedComparison.Verdict verdict = c.observe(timings, now);
      if (c.summary() != null) {
        l.compared(c.summary());
      }
      if (verdict == SpeedComparison.Verdict.FASTER) {
        Probes.stopComparing(l.id());
        l.compared(c.summary() + "; compared no further");
        compared.add(m.owner());
      }
      return verdict == SpeedComparison.Verdict.SLOWER;
    }, (m, l) -> {
      String reason = "measured slower than the original loop in this application: "
          + l.comparison() + ", more than slower=" + percent + "%";
      log.info("deoptimized {} ({}): {}", m.displayName(), location(m, l), reason);
      // Retransformed by deoptimizeLoops already.
      compared.remove(m.owner());
      return reason;
    });
    compared.forEach(this::reinstall);
  }

  /**
   * Installs a class's current bytes again once the comparison of a kernel with its original
   * loop has ended, so that its methods start over with a fresh profile. The runs sent to the
   * original loop to compare made C2 compile the rewritten method again with that loop's path
   * in it, and the code it keeps afterwards ran the kernel's calls slower: at 10,000 elements
   * a conditional max took 995 ns a call against 618 before the comparison started. A
   * redefined method is compiled anew from what runs after it, where that path no longer does.
   */
  private void reinstall(ClassRecord c) {
    try {
      inst.retransformClasses(loadedClass(c));
      restartComparisons(c);
      log.debug("installed {} again after its comparison ended, for C2 to compile it without"
          + " the runs it sent to the original loop", c.binaryName());
    } catch (Throwable t) {
      // The class keeps running the kernel as it is; only the code C2 keeps is not renewed.
      log.debug("could not install {} again after its comparison ended: {}", c.binaryName(),
          t.toString());
    }
  }

  /**
   * Restarts the comparisons under way of {@code c}'s loops after a retransformation of the
   * class, which makes all its methods run interpreted until C2 compiles them again: one loop's
   * switch or reinstall must not judge another loop of the class by those runs. On a Spark
   * executor a minimum's kernel measured 3.7x its original loop's time, at 6.5 ns an element,
   * and was deoptimized, in a run where its class was installed again, while it was compared,
   * for the maximum beside it.
   */
  private void restartComparisons(ClassRecord c) {
    long now = System.nanoTime();
    for (MethodRecord m : c.methods()) {
      for (LoopRecord l : m.loops()) {
        SpeedComparison comparison = comparisons.get(l.id());
        if (comparison != null) {
          comparison.restart(Probes.loopTimings(l.id()), now);
        }
      }
    }
  }

  private void deoptimizeFailingGuards(int percent) {
    deoptimizeLoops((m, l) -> {
      if (l.state() != LoopState.ACCELERATED) {
        return false;
      }
      Probes.LoopCounts counts = Probes.loopCounts(l.id());
      long runs = l.runsSinceAccelerated(counts.kernelRuns(), counts.shadowRuns());
      long failures = l.guardFailuresSinceAccelerated(counts.shadowRuns());
      return runs >= GUARD_SAMPLE && failures * 100 > percent * runs;
    }, (m, l) -> {
      Probes.LoopCounts counts = Probes.loopCounts(l.id());
      String reason = String.format(Locale.ROOT, "its guards failed in %,d of %,d runs since"
          + " it was accelerated, more than deopt=%d%% (those runs took the original loop)",
          l.guardFailuresSinceAccelerated(counts.shadowRuns()),
          l.runsSinceAccelerated(counts.kernelRuns(), counts.shadowRuns()), percent);
      log.info("deoptimized {} ({}): {}", m.displayName(), location(m, l), reason);
      return reason;
    });
  }

  /**
   * Deoptimizes each loop of a profiled method that {@code which} selects, with the reason
   * {@code why} gives, and retransforms the classes whose loops changed; one line per loop.
   */
  private List<String> deoptimizeLoops(BiPredicate<MethodRecord, LoopRecord> which,
      BiFunction<MethodRecord, LoopRecord, String> why) {
    List<String> done = new ArrayList<>();
    for (ClassRecord c : registry.classes()) {
      boolean changed = false;
      String reason = null;
      for (MethodRecord m : c.methods()) {
        if (!m.isProfiled()) {
          continue;
        }
        for (LoopRecord l : m.loops()) {
          LoopState was = l.state();
          if (which.test(m, l)) {
            reason = why.apply(m, l);
            l.deoptimize(reason);
            changed = true;
            done.add(m.displayName() + " (" + location(m, l) + "), " + was.label());
          }
        }
      }
      if (changed) {
        try {
          inst.retransformClasses(loadedClass(c));
          restartComparisons(c);
          log.debug("retransformed {} to deoptimize it: {}", c.binaryName(), reason);
        } catch (Throwable t) {
          // The loops stay deoptimized; their probes and kernel calls go with the next
          // retransformation of the class, if any.
          log.warn("could not retransform {} to deoptimize it: {}", c.binaryName(),
              t.toString());
        }
      }
    }
    return done;
  }

  private void run() {
    while (true) {
      Runnable work;
      try {
        work = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        work.run();
      } catch (Throwable t) {
        // Work for one method handles its own failures; what gets here is a bug or the JVM
        // running out of something, after which the agent's state cannot be trusted.
        fatal(t);
      }
    }
  }

  /**
   * Stops the agent for good after an error it cannot recover from: nothing more is compiled
   * or transformed, and every method it changed goes back to the bytes the application wrote.
   * The thread stays, for requests that only switch methods back.
   */
  private void fatal(Throwable t) {
    if (stopped) {
      log.debug("compile thread, stopped: {}", t.toString());
      return;
    }
    stopped = true;
    log.error("hotloop hit an internal error it cannot recover from: {}; every method it"
        + " changed goes back to the code the application wrote, and it does nothing more in"
        + " this JVM", t.toString());
    log.debug("details", t);
    try {
      onFatal.accept(t);
      List<String> undone = deoptimizeLoops((m, l) -> l.state() == LoopState.COLD
          || l.state() == LoopState.COMPILING || l.state() == LoopState.ACCELERATED,
          (m, l) -> "switched back after an internal error in hotloop: " + t);
      log.info("{} loops switched back after the internal error", undone.size());
    } catch (Throwable again) {
      log.error("could not switch every method back after the internal error: {}",
          again.toString());
    }
  }

  private void compileOrGiveUp(MethodRecord method) {
    if (stopped) {
      return;
    }
    try {
      compile(method);
    } catch (OutOfMemoryError | StackOverflowError e) {
      throw e;
    } catch (Throwable t) {
      // Every loop of the method not settled yet is given up, so that none stays profiled
      // (or "warming" in the report) for ever, and the method returns to its original bytes.
      for (LoopRecord l : method.loops()) {
        if (l.state() == LoopState.COLD || l.state() == LoopState.COMPILING) {
          l.fail("internal error: " + t);
        }
      }
      log.warn("could not accelerate {}: {}", method.displayName(), t.toString());
      log.debug("details", t);
      dropProbesIfDone(method);
    }
  }

  private void compile(MethodRecord method) throws Exception {
    if (vectors == null) {
      vectors = vectorSupport.get();
    }
    if (faults.compileThread()) {
      throw new InternalError("injected by " + InjectedFaults.PROPERTY + "=compile-thread");
    }
    List<LoopRecord> ready = new ArrayList<>();
    for (LoopRecord loop : method.loops()) {
      if (loop.state() != LoopState.COLD) {
        continue;
      }
      loop.moveTo(LoopState.COMPILING);
      try {
        Kernel kernel = KernelEmitter.emit(new KernelRequest(loop.plan(), kernelName(method, loop),
            vectors.backend(), method.settings().fastmath(), method.settings().parallel(),
            loop.id()));
        if (!kernel.vectorized() && loop.plan().hasConditions()
            && !loop.plan().hasBoxedAccumulator()) {
          // Measured: scalar code with a branch per element is slower than C2's own code for
          // the loop, which may use conditional moves.
          loop.keep("its kernel would be scalar code with a branch per element ("
              + kernel.description() + "), no faster than C2's code for the loop");
          log.info("keeping {} ({}) as it is: {}", method.displayName(),
              location(method, loop), loop.detail());
          continue;
        }
        Class<?> kernelClass = define(kernel);
        Probes.LoopCounts counts = Probes.loopCounts(loop.id());
        int length = KernelWarmup.lengthFor(counts.entries() == 0 ? -1
            : (double) counts.trips() / counts.entries());
        KernelWarmup.Result warm;
        long millis;
        String timing = null;
        if (kernel.vectorized() && vectors.measured()) {
          // Time the loop's own code, lifted out of its method, which C2 compiles as it
          // compiles the original (vectorizing simple maps itself): the vector kernel must
          // beat it clearly. Both are warmed at once, so that C2 compiles them side by side.
          long t0 = System.nanoTime();
          Yardstick yardstick = yardstick(method, loop, kernelClass, kernel, length);
          warm = yardstick.warm();
          Kernel baseline = yardstick.kernel();
          Class<?> baselineClass = yardstick.kernelClass();
          // Both warm: time them in turns, so that a busy moment or a late compilation of one
          // does not decide alone; the best of each counts.
          double[] turns = KernelWarmup.timeInTurns(List.of(kernelClass, baselineClass),
              List.of(kernel, baseline), length, COMPARISON_ROUNDS, 3);
          double vectorNanos = Math.min(warm.nanosPerElement(), turns[0]);
          double baselineNanos = turns[1];
          for (int more = 0; more < 2 && vectorNanos > NOT_COMPILED * baselineNanos; more++) {
            // Many times slower is vector code C2 has not compiled yet: warm it longer.
            vectorNanos = Math.min(vectorNanos,
                KernelWarmup.warm(kernelClass, kernel, length).nanosPerElement());
            vectorNanos = Math.min(vectorNanos, KernelWarmup.time(kernelClass, kernel, length, 3));
          }
          millis = (System.nanoTime() - t0) / 1_000_000;
          String measured = String.format(Locale.ROOT, "measured at warm-up on %d elements:"
              + " %.3f ns per element as vector code, %.3f as %s", length,
              vectorNanos, baselineNanos, yardstick.lifted() ? "the loop's own code"
                  : "scalar code");
          boolean vectorWins = vectorNanos <= baselineNanos * MIN_VECTOR_GAIN;
          // The report shows it beside the kernel; a scalar kernel's description says it.
          timing = vectorWins ? measured : null;
          if (!vectorWins) {
            if (!loop.plan().hasBoxedAccumulator()) {
              loop.keep(measured + "; SIMD does not beat the code C2 makes of the loop here,"
                  + " so it stays as it is");
              log.info("keeping {} ({}) as it is: {}", method.displayName(),
                  location(method, loop), loop.detail());
              continue;
            }
            // Unboxing still pays: run a scalar kernel.
            Kernel scalar = KernelEmitter.emit(new KernelRequest(loop.plan(),
                kernelName(method, loop) + "_scalar", KernelBackend.Scalar.INSTANCE,
                method.settings().fastmath(), method.settings().parallel(), loop.id()));
            millis += KernelWarmup.warm(define(scalar), scalar, length)
                .millis();
            kernel = scalar.withDescription(scalar.description().replace(
                "(Vector API not available)", "(" + measured + ")"));
          }
        } else {
          warm = KernelWarmup.warm(kernelClass, kernel, length);
          millis = warm.millis();
        }
        loop.kernelReady(kernel, millis, timing);
        ready.add(loop);
        log.debug("kernel for {} line {} warm after {} calls on {} elements in {} ms"
            + " ({} ns per element)", method.displayName(), loop.site().line(), warm.calls(),
            length, warm.millis(),
            String.format("%.3f", warm.nanosPerElement()));
      } catch (Throwable t) {
        loop.fail((t instanceof LinkageError ? "kernel failed to link: " : "kernel failed: ") + t);
        log.warn("not accelerating {} line {}: kernel failed: {}", method.displayName(),
            loop.site().line(), t.toString());
        log.debug("details", t);
      }
    }
    if (ready.isEmpty()) {
      dropProbesIfDone(method);
      return;
    }
    try {
      // Found before any loop is marked accelerated, so that a class that cannot be found
      // leaves no loop claiming to be.
      Class<?> type = loadedClass(method.owner());
      for (LoopRecord l : ready) {
        Probes.LoopCounts counts = Probes.loopCounts(l.id());
        l.countFrom(counts.kernelRuns(), counts.shadowRuns());
        // The warm-up's runs were timed by the loop's split choices too, on this thread while the
        // application's was busy: the application's own runs choose.
        Parallel.forget(l.id());
        if (method.settings().fastmath()) {
          // Under fastmath the kernel's floating-point results may differ from the loop's in
          // the last bits: a run sent to the loop to compare would make a call's result
          // depend on a random draw. Loops start uncompared, and deoptimizeSlowerKernels never
          // starts comparing a fastmath loop.
          l.compared("not compared with the original loop: under fastmath their results may"
              + " differ in the last bits, and a call's result must not depend on which ran");
        }
        l.moveTo(LoopState.ACCELERATED);
      }
      inst.retransformClasses(type);
      restartComparisons(method.owner());
    } catch (Throwable t) {
      // The class keeps its previous bytes; these loops are never tried again.
      for (LoopRecord l : ready) {
        l.fail("switching to the kernel failed: " + t);
      }
      log.warn("could not switch {} to its kernel: {}", method.displayName(), t.toString());
      return;
    }
    for (LoopRecord l : ready) {
      if (l.state() == LoopState.ACCELERATED) {
        log.info("accelerated {} ({}): {}; warm in {} ms", method.displayName(),
            location(method, l), l.detail(), l.warmupMillis());
      }
    }
  }

  /**
   * What a vector kernel is timed against, warmed beside it: the kernel's warm-up, and the
   * yardstick's class, and whether it is the loop's own code ({@code lifted}) or the plan's
   * scalar form.
   */
  private record Yardstick(KernelWarmup.Result warm, Kernel kernel, Class<?> kernelClass,
      boolean lifted) {
  }

  /**
   * Builds and warms, beside {@code kernel}, the loop's own code lifted out of its method where
   * it can be, else the plan's scalar form in the loop's order (always for a boxed
   * accumulator). Lifted code that will not define or run makes way for the plan's form.
   */
  private Yardstick yardstick(MethodRecord method, LoopRecord loop, Class<?> kernelClass,
      Kernel kernel, int length) throws Throwable {
    // A boxed loop is never kept: the timing chooses between vector and unboxed scalar code,
    // whose form the plan's is. Its own code, boxing every step, took seconds to warm and time
    // on long runs, and a million-element sum was still warming when JMH finished.
    OriginalLoop original = loop.plan().hasBoxedAccumulator() ? null : loop.original();
    if (original != null && original.liftable()) {
      try {
        Kernel lifted = KernelEmitter.emit(new KernelRequest(loop.plan(),
            kernelName(method, loop) + "_original", new KernelBackend.Original(original),
            false));
        Class<?> liftedClass = define(lifted);
        KernelWarmup.Result warm = KernelWarmup.warmTogether(List.of(kernelClass, liftedClass),
            List.of(kernel, lifted), length).get(0);
        return new Yardstick(warm, lifted, liftedClass, true);
      } catch (Exception | LinkageError e) {
        log.debug("timing {} ({}) against the plan's scalar form: its own code, lifted, did"
            + " not run: {}", method.displayName(), location(method, loop), e.toString());
      }
    } else if (original != null) {
      log.debug("timing {} ({}) against the plan's scalar form: its own code cannot be lifted"
          + " out of its method: {}", method.displayName(), location(method, loop),
          original.whyNot());
    }
    Kernel baseline = KernelEmitter.emit(new KernelRequest(loop.plan(),
        kernelName(method, loop) + "_baseline", KernelBackend.Baseline.INSTANCE,
        method.settings().fastmath()));
    Class<?> baselineClass = define(baseline);
    KernelWarmup.Result warm = KernelWarmup.warmTogether(List.of(kernelClass, baselineClass),
        List.of(kernel, baseline), length).get(0);
    return new Yardstick(warm, baseline, baselineClass, false);
  }

  /** Once nothing of the method is profiled or accelerated any more, drops its probes. */
  private void dropProbesIfDone(MethodRecord method) {
    if (method.loops().stream().anyMatch(l -> l.state() == LoopState.COLD
        || l.state() == LoopState.COMPILING || l.state() == LoopState.ACCELERATED)) {
      return;
    }
    try {
      inst.retransformClasses(loadedClass(method.owner()));
      restartComparisons(method.owner());
      log.debug("{} runs as written again: none of its loops is profiled or accelerated",
          method.displayName());
    } catch (Throwable t) {
      log.debug("could not drop the probes of {}: {}", method.displayName(), t.toString());
    }
  }

  /**
   * Defines {@code kernel} and checks that each of its run methods links as the rewritten body
   * will call it, so that a kernel that cannot link fails here, on this thread, never in the
   * application.
   */
  private Class<?> define(Kernel kernel) throws ReflectiveOperationException {
    byte[] bytes = faults.slowKernel() && !kernel.className().endsWith("_baseline")
        && !kernel.className().endsWith("_original")
        ? SlowKernel.of(kernel.bytes()) : kernel.bytes();
    Class<?> kernelClass = KernelDefiner.define(faults.kernelLink()
        ? UnlinkableKernel.of(bytes) : bytes);
    for (int k = 0; k < kernel.runDescriptors().size(); k++) {
      MethodHandles.publicLookup().findStatic(kernelClass, Kernel.runMethod(k),
          MethodType.fromMethodDescriptorString(kernel.runDescriptors().get(k),
              KernelCompiler.class.getClassLoader()));
      MethodHandle link;
      try {
        link = MethodHandles.publicLookup().findStatic(kernelClass, Kernel.linkMethod(k),
            MethodType.methodType(Object.class));
      } catch (NoSuchMethodException e) {
        continue;
      }
      try {
        // A pass that runs in parallel: its chunks' call site links here, not in the app.
        link.invoke();
      } catch (Throwable t) {
        throw new LinkageError("the parallel pass " + k + " did not link: " + t, t);
      }
    }
    return kernelClass;
  }

  static String location(MethodRecord method, LoopRecord loop) {
    String file = method.owner().sourceFile();
    return (file == null ? method.owner().binaryName() : file)
        + (loop.site().line() >= 0 ? ":" + loop.site().line() : "");
  }

  private Class<?> loadedClass(ClassRecord owner) throws ClassNotFoundException {
    ClassLoader loader = owner.loader();
    if (loader == null) {
      throw new ClassNotFoundException(owner.binaryName() + " (its loader was collected)");
    }
    try {
      Class<?> c = Class.forName(owner.binaryName(), false, loader);
      if (c.getClassLoader() == loader) {
        return c;
      }
    } catch (ClassNotFoundException | LinkageError e) {
      // A loader that defines classes without finding them by name: search the loaded ones.
    }
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getClassLoader() == loader && c.getName().equals(owner.binaryName())) {
        return c;
      }
    }
    throw new ClassNotFoundException(owner.binaryName() + " is not loaded by " + loader);
  }

  /** {@code dev/hotloop/runtime/K12_SumDemo_sumArray}: unique, and readable in stack traces. */
  private static String kernelName(MethodRecord method, LoopRecord loop) {
    String simple = method.owner().internalName();
    simple = simple.substring(simple.lastIndexOf('/') + 1);
    String name = "K" + loop.id() + "_" + simple + "_" + method.name();
    return KernelDefiner.KERNEL_PACKAGE + name.replaceAll("[^A-Za-z0-9_$]", "_");
  }
}
