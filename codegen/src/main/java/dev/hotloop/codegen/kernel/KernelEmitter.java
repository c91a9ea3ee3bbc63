package dev.hotloop.codegen.kernel;

import java.util.ArrayList;
import java.util.List;

import dev.hotloop.analyzer.plan.ArrayInput;
import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Identities;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.analyzer.plan.Reduction;
import dev.hotloop.analyzer.plan.ScalarInput;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicVerifier;

/**
 * Emits the kernel class for a loop plan: Vector API code when the backend allows it and the
 * plan is exact when reassociated (or {@code fastmath} says it may be), else scalar code. The
 * kernel only runs behind the guards of the rewritten method, so it assumes its arrays are
 * non-null and {@code 0 <= from}, {@code to <= length} for each.
 */
public final class KernelEmitter {

  /** The runtime's probes, whose loop counters every kernel class holds. */
  private static final String PROBES = "dev/hotloop/runtime/Probes";
  private static final String WARM_COUNTERS = "WARM_COUNTERS";
  private static final String LOOP_COUNTERS = "Ldev/hotloop/runtime/LoopCounters;";

  private KernelEmitter() {
  }

  /**
   * Why no kernel can beat the loop as C2 already compiles it, or null when one can. A loop whose
   * every reduction is a strict floating-point sum or product into a primitive accumulator is
   * such a loop: without {@code fastmath} its kernel must fold in the loop's own order, which is
   * exactly the code C2 makes of the loop (the benchmarks measure the two level). A boxed
   * accumulator still gains from unboxing.
   */
  public static String whyNoGain(LoopPlan plan, boolean fastmath) {
    if (fastmath || !plan.stores().isEmpty() || plan.reductions().stream()
        .anyMatch(r -> r.isReassociable() || r.accumulator().isBoxed())) {
      return null;
    }
    return "strict floating-point arithmetic: without fastmath a kernel must add (or multiply)"
        + " in the loop's order, as C2 already does; give the method's pattern fastmath to"
        + " allow SIMD";
  }

  /**
   * Builds the kernel class that {@code request} asks for: one run method per reduction, and
   * one more for the stores when the loop makes any (the plan's order: reductions first).
   */
  public static Kernel emit(KernelRequest request) {
    LoopPlan plan = request.plan();
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected String getCommonSuperClass(String type1, String type2) {
        // Kernel code only ever merges identical types; never load classes to find out.
        return type1.equals(type2) ? type1 : "java/lang/Object";
      }
    };
    cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER,
        request.className(), null, "java/lang/Object", null);
    cw.visitSource("hotloop kernel for " + plan.site(), null);
    if (request.backend() instanceof KernelBackend.Original original) {
      return emitOriginal(cw, request, original.loop());
    }
    List<String> descriptors = new ArrayList<>();
    List<String> descriptions = new ArrayList<>();
    boolean allVector = true;
    List<Integer> parallelPasses = new ArrayList<>();
    for (int k = 0; k < plan.reductions().size(); k++) {
      Reduction reduction = plan.reductions().get(k);
      KernelFrame frame = KernelFrame.of(plan, reduction, request.className());
      boolean reorderable = (reduction.isReassociable() || request.fastmath())
          && !(request.backend() instanceof KernelBackend.Baseline);
      LoopBodyEmitter body;
      String description;
      String whyScalar = null;
      if (request.backend() instanceof KernelBackend.Vector v && reorderable) {
        whyScalar = VectorReductionEmitter.whyNot(reduction, v.bits());
      }
      if (request.backend() instanceof KernelBackend.Vector v && reorderable
          && whyScalar == null) {
        VectorReductionEmitter vector = new VectorReductionEmitter(frame, reduction, v.bits(),
            request.fastmath());
        body = vector;
        description = vector.description();
      } else {
        ScalarReductionEmitter scalar = new ScalarReductionEmitter(frame, reduction, reorderable);
        body = scalar;
        String why;
        if (request.backend() instanceof KernelBackend.Scalar) {
          why = "Vector API not available";
        } else if (request.backend() instanceof KernelBackend.Baseline) {
          why = "the loop's own order, to time vector code against";
        } else if (!reorderable) {
          why = "strict floating-point order; fastmath would allow SIMD";
        } else {
          why = whyScalar;
        }
        description = scalar.description() + " (" + why + ")";
        allVector = false;
      }
      boolean parallel = request.parallel() && reorderable
          && ParallelPass.accepts(reduction.accumulator().type());
      if (parallel) {
        parallelPasses.add(k);
      }
      emitPass(cw, request.className(), frame, body, k, parallel, chargesRuns(request, k));
      descriptors.add(frame.runDescriptor());
      descriptions.add(parallel ? description + ParallelPass.DESCRIPTION : description);
    }
    if (!plan.stores().isEmpty()) {
      KernelFrame frame = KernelFrame.ofStores(plan, request.className());
      LoopBodyEmitter body;
      String description;
      String whyScalar = request.backend() instanceof KernelBackend.Vector v
          ? VectorStoreEmitter.whyNot(plan.stores(), v.bits())
          : request.backend() instanceof KernelBackend.Baseline
              ? "the loop's own order, to time vector code against" : "Vector API not available";
      if (request.backend() instanceof KernelBackend.Vector v && whyScalar == null) {
        VectorStoreEmitter vector =
            new VectorStoreEmitter(frame, plan.stores(), v.bits(), v.placement());
        body = vector;
        description = vector.description();
      } else {
        ScalarStoreEmitter scalar = new ScalarStoreEmitter(frame, plan.stores());
        body = scalar;
        description = scalar.description() + " (" + whyScalar + ")";
        allVector = false;
      }
      boolean parallel = request.parallel()
          && !(request.backend() instanceof KernelBackend.Baseline);
      int pass = plan.reductions().size();
      if (parallel) {
        parallelPasses.add(pass);
      }
      emitPass(cw, request.className(), frame, body, pass, parallel, chargesRuns(request, pass));
      descriptors.add(frame.runDescriptor());
      descriptions.add(parallel ? description + ParallelPass.DESCRIPTION : description);
    }
    emitStaticFields(cw, request.className(), request.loopId(), parallelPasses,
        plan.stride() > 1 && request.backend() instanceof KernelBackend.Vector
            ? plan.stride() : 0);
    cw.visitEnd();
    String description = descriptions.stream().distinct().count() == 1
        ? descriptions.get(0) : String.join("; ", descriptions);
    return new Kernel(request.className(), descriptors, cw.toByteArray(), allVector,
        description);
  }

  /**
   * The kernel class of an {@link OriginalLoop}: one pass, the whole loop as its bytecode is, in
   * the calling convention of the plan's first pass (its first reduction's, else the stores').
   */
  private static Kernel emitOriginal(ClassWriter cw, KernelRequest request, OriginalLoop loop) {
    LoopPlan plan = request.plan();
    if (loop.plan() != plan) {
      throw new IllegalArgumentException("the original loop of another plan");
    }
    KernelFrame frame = plan.reductions().isEmpty()
        ? KernelFrame.ofStores(plan, request.className())
        : KernelFrame.of(plan, plan.reductions().get(0), request.className());
    OriginalLoopEmitter body = new OriginalLoopEmitter(frame, loop);
    emitPass(cw, request.className(), frame, body, 0, false, false);
    emitStaticFields(cw, request.className(), request.loopId(), List.of(), 0);
    cw.visitEnd();
    byte[] bytes = cw.toByteArray();
    verify(bytes, Kernel.runMethod(0));
    return new Kernel(request.className(), List.of(frame.runDescriptor()), bytes, false,
        body.description());
  }

  /**
   * Checks method {@code name} of a kernel class with ASM's {@link BasicVerifier}: the boot
   * loader, where kernels are defined, does not verify its classes, and code lifted from an
   * application's method is checked here rather than trusted (a local read before it is set
   * would crash the JVM, not throw).
   */
  private static void verify(byte[] bytes, String name) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, 0);
    for (MethodNode m : node.methods) {
      if (m.name.equals(name)) {
        try {
          new Analyzer<>(new BasicVerifier()).analyze(node.name, m);
        } catch (AnalyzerException e) {
          throw new IllegalStateException("the lifted loop does not verify: " + e.getMessage(),
              e);
        }
      }
    }
  }

  /**
   * The class's constants and its {@code <clinit>}: {@code public static final LoopCounters
   * COUNTERS = Probes.counters(loopId)}, the loop's counters; {@code WARM_COUNTERS}, those of no
   * loop that the warm-up counts into; and, for a vector kernel of a loop that
   * steps by more than one ({@code stride > 0}), {@code static final int[] LANE_INDEXES = {0,
   * stride, 2 * stride, ...}}: where each lane's element is relative to the first, the index map
   * of its gathers and scatters, as many entries as the widest vector has lanes; and per
   * parallel pass {@code k}, {@code static final SplitChoice SPLITk = Parallel.choice(loopId,
   * k)}.
   */
  private static void emitStaticFields(ClassWriter cw, String owner, int loopId,
      List<Integer> parallelPasses, int stride) {
    cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL,
        Kernel.COUNTERS_FIELD, LOOP_COUNTERS, null, null).visitEnd();
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
    mv.visitCode();
    ScalarExpr.pushInt(mv, loopId);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, PROBES, "counters", "(I)" + LOOP_COUNTERS, false);
    mv.visitFieldInsn(Opcodes.PUTSTATIC, owner, Kernel.COUNTERS_FIELD, LOOP_COUNTERS);
    cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, WARM_COUNTERS,
        LOOP_COUNTERS, null, null).visitEnd();
    ScalarExpr.pushInt(mv, -1);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, PROBES, "counters", "(I)" + LOOP_COUNTERS, false);
    mv.visitFieldInsn(Opcodes.PUTSTATIC, owner, WARM_COUNTERS, LOOP_COUNTERS);
    for (int k : parallelPasses) {
      ParallelPass.emitChoiceField(cw, mv, owner, loopId, k);
    }
    if (stride > 0) {
      cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_PRIVATE,
          VectorExpr.LANE_INDEXES, "[I", null, null).visitEnd();
      ScalarExpr.pushInt(mv, VectorExpr.MAX_LANES);
      mv.visitIntInsn(Opcodes.NEWARRAY, Opcodes.T_INT);
      for (int lane = 0; lane < VectorExpr.MAX_LANES; lane++) {
        mv.visitInsn(Opcodes.DUP);
        ScalarExpr.pushInt(mv, lane);
        ScalarExpr.pushInt(mv, lane * stride);
        mv.visitInsn(Opcodes.IASTORE);
      }
      mv.visitFieldInsn(Opcodes.PUTSTATIC, owner, VectorExpr.LANE_INDEXES, "[I");
    }
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /**
   * Emits {@code runK} with {@code body} and its {@code warmK}. A {@code parallel} pass puts
   * {@code body} in {@code seqK} and makes {@code runK} split ranges large enough across threads.
   */
  private static void emitPass(ClassWriter cw, String owner, KernelFrame frame,
      LoopBodyEmitter body, int k, boolean parallel, boolean chargeRun) {
    String name = parallel ? ParallelPass.sequentialMethod(k) : Kernel.runMethod(k);
    MethodVisitor mv = cw.visitMethod(parallel ? Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC
        : Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, frame.runDescriptor(), null, null);
    // Inline the kernel into the method that calls it, whatever its size: HotSpot honours the
    // JDK's own annotation in classes of the boot loader, where the agent defines kernels (in
    // other loaders, as in tests, it is ignored). A kernel is a few hundred bytes of bytecode,
    // past C2's limit for a hot call (FreqInlineSize, 325), so every call was a real call: for
    // the inner loop of a 100 x 100 matrix-vector product, 100 calls per product, 17% of its
    // time (JMH, RowBenchmark at 10,000 elements: 3,924 ns a product as a call, 3,274 inlined).
    mv.visitAnnotation("Ljdk/internal/vm/annotation/ForceInline;", true).visitEnd();
    mv.visitCode();
    // An empty range returns at once; past this point to - from cannot overflow, as from >= 0.
    Label nonEmpty = new Label();
    mv.visitVarInsn(Opcodes.ILOAD, frame.fromSlot());
    mv.visitVarInsn(Opcodes.ILOAD, frame.toSlot());
    mv.visitJumpInsn(Opcodes.IF_ICMPLT, nonEmpty);
    if (frame.accumulatorType() == null) {
      mv.visitInsn(Opcodes.RETURN);
    } else {
      Type accType = frame.accumulatorType().type();
      mv.visitVarInsn(accType.getOpcode(Opcodes.ILOAD), frame.accSlot());
      mv.visitInsn(accType.getOpcode(Opcodes.IRETURN));
    }
    mv.visitLabel(nonEmpty);
    body.emit(mv);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    if (parallel) {
      ParallelPass.emit(cw, owner, frame, k);
    }
    emitWarmArrays(cw, owner, frame, k);
    emitWarm(cw, owner, frame, k, chargeRun);
  }

  private static String warmArrayField(int pass, int array) {
    return "WARM" + pass + "_" + array;
  }

  /**
   * {@code void warmArraysK(int length)}: makes the arrays {@code warmK} runs on, of
   * {@code length} elements, filled with scrambled values, and keeps them in static fields of
   * the class until the next call ({@code length} 0 lets them go). {@code warmK} calls it when
   * the arrays it finds are not {@code length} long, so that a warm-up fills its arrays once
   * per length, not once per call of {@code warmK}: a call runs the kernel over some 2,048
   * elements, and filling the arrays each time took longer than the runs themselves (a map of
   * 1,000 {@code int}s timed at 0.16 ns per element, 0.03 in JMH), so that vector and scalar
   * code timed nearly alike.
   */
  private static void emitWarmArrays(ClassWriter cw, String owner, KernelFrame frame,
      int pass) {
    List<ArrayInput> arrays = frame.arrays();
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
        Kernel.warmArraysMethod(pass), Kernel.WARM_ARRAYS_DESCRIPTOR, null, null);
    mv.visitCode();
    int length = 0;
    int array = 1;
    int j = 2;
    for (int k = 0; k < arrays.size(); k++) {
      ElementType type = arrays.get(k).elementType();
      String descriptor = type.arrayType().getDescriptor();
      cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, warmArrayField(pass, k),
          descriptor, null, null).visitEnd();
      mv.visitVarInsn(Opcodes.ILOAD, length);
      mv.visitIntInsn(Opcodes.NEWARRAY, newArrayOperand(type));
      mv.visitVarInsn(Opcodes.ASTORE, array);
      fillScrambled(mv, array, type, k, length, j);
      mv.visitVarInsn(Opcodes.ALOAD, array);
      mv.visitFieldInsn(Opcodes.PUTSTATIC, owner, warmArrayField(pass, k), descriptor);
    }
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /**
   * Whether {@code warmK} pays, on every run, what the rewritten loop pays beside its kernel:
   * once per run, so in the first pass only; and never in a baseline, which stands for the
   * original loop, left as it was. On short runs that cost decides: the rows of 10 {@code int}s
   * of a matrix took about 6 ns each in C2's own loop, and the guards and counts in front of
   * each row about 1.5 ns more, which a warm-up that timed the kernel alone did not see (JMH,
   * JDK 17: accelerated at 0.77x plain).
   */
  private static boolean chargesRuns(KernelRequest request, int pass) {
    return pass == 0 && !(request.backend() instanceof KernelBackend.Baseline);
  }

  /**
   * What the rewritten loop runs in front of its kernel on a run of {@code from..to}, on the
   * warm-up's own arrays: the range and bounds guards (which hold, and jump to {@code skip}
   * otherwise) and the count of a run too short to time ({@code Probes.kernelUntimed}), into the
   * counters of no loop. The null checks are left out: the rewritten method makes them
   * once per call, and C2 makes its own, implicit ones, of the static fields the arrays are
   * read from here.
   */
  private static void emitRunCharge(MethodVisitor mv, String owner, int arrays, int firstArray,
      int from, int to, Label skip) {
    mv.visitVarInsn(Opcodes.ILOAD, from);
    mv.visitVarInsn(Opcodes.ILOAD, to);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, skip);
    mv.visitVarInsn(Opcodes.ILOAD, from);
    mv.visitJumpInsn(Opcodes.IFLT, skip);
    for (int k = 0; k < arrays; k++) {
      mv.visitVarInsn(Opcodes.ILOAD, to);
      mv.visitVarInsn(Opcodes.ALOAD, firstArray + k);
      mv.visitInsn(Opcodes.ARRAYLENGTH);
      mv.visitJumpInsn(Opcodes.IF_ICMPGT, skip);
    }
    mv.visitFieldInsn(Opcodes.GETSTATIC, owner, WARM_COUNTERS, LOOP_COUNTERS);
    mv.visitVarInsn(Opcodes.ILOAD, from);
    mv.visitVarInsn(Opcodes.ILOAD, to);
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, PROBES, "kernelUntimed",
        "(" + LOOP_COUNTERS + "II)V", false);
  }

  /**
   * The shortest arrays on which {@code warmK} varies its runs' starts and ends; on shorter ones
   * every run covers the whole array.
   */
  static final int SHORT_RUN = 64;

  /**
   * {@code R warmK(int rounds, int length, boolean varied)}: calls {@code runK} {@code rounds}
   * times over the arrays of {@code length} elements that {@code warmArraysK} made (made anew if
   * they are not that long), each run over the whole arrays or, {@code varied}, with starts and
   * ends that vary (from {@link #SHORT_RUN} elements) so that every tail path is compiled; each
   * run of a reduction from the identity, its result's bits folded into what it returns;
   * {@code rounds} for the stores' pass.
   */
  private static void emitWarm(ClassWriter cw, String owner, KernelFrame frame, int pass,
      boolean chargeRun) {
    ElementType acc = frame.accumulatorType();
    String runDescriptor = frame.runDescriptor();
    String warmDescriptor = Kernel.warmDescriptor(Type.getReturnType(runDescriptor)
        .getDescriptor());
    Type resultType = Type.getReturnType(warmDescriptor);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC,
        Kernel.warmMethod(pass), warmDescriptor, null, null);
    mv.visitCode();
    List<ArrayInput> arrays = frame.arrays();
    int rounds = 0;
    int length = 1;
    int varied = 2;
    int firstArray = 3;
    int r = firstArray + arrays.size();
    if (!arrays.isEmpty()) {
      Label filled = new Label();
      Label refill = new Label();
      mv.visitFieldInsn(Opcodes.GETSTATIC, owner, warmArrayField(pass, 0),
          arrays.get(0).elementType().arrayType().getDescriptor());
      mv.visitVarInsn(Opcodes.ASTORE, firstArray);
      mv.visitVarInsn(Opcodes.ALOAD, firstArray);
      mv.visitJumpInsn(Opcodes.IFNULL, refill);
      mv.visitVarInsn(Opcodes.ALOAD, firstArray);
      mv.visitInsn(Opcodes.ARRAYLENGTH);
      mv.visitVarInsn(Opcodes.ILOAD, length);
      mv.visitJumpInsn(Opcodes.IF_ICMPEQ, filled);
      mv.visitLabel(refill);
      mv.visitVarInsn(Opcodes.ILOAD, length);
      mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, Kernel.warmArraysMethod(pass),
          Kernel.WARM_ARRAYS_DESCRIPTOR, false);
      mv.visitLabel(filled);
    }
    for (int k = 0; k < arrays.size(); k++) {
      mv.visitFieldInsn(Opcodes.GETSTATIC, owner, warmArrayField(pass, k),
          arrays.get(k).elementType().arrayType().getDescriptor());
      mv.visitVarInsn(Opcodes.ASTORE, firstArray + k);
    }
    int sink = r + 6;
    if (acc != null) {
      mv.visitInsn(Opcodes.LCONST_0);
      mv.visitVarInsn(Opcodes.LSTORE, sink);
    }
    // The starts and ends vary on runs of SHORT_RUN elements or more only. The agent times
    // warm kernels at the loop's average trip count, and for the rows of a matrix every run
    // has that length: on 10 elements, starts of 0 to 7 and ends 0 to 3 short made the calls
    // 5 elements long on average, mostly scalar tails, so that a vector kernel timed like the
    // scalar loop and ran 2x slower than it in the application. The agent times whole runs
    // only: rows of 100 longs, run from 0 to 7 and to 97 to 100, took the vector kernel's
    // one-vector steps and longer scalar tails, and timed it at 0.95 of C2's loop, where on
    // the application's whole rows it ran at 0.8.
    int fromMask = r + 2;
    int toMask = r + 3;
    Label shortRuns = new Label();
    Label masksSet = new Label();
    mv.visitVarInsn(Opcodes.ILOAD, varied);
    mv.visitJumpInsn(Opcodes.IFEQ, shortRuns);
    mv.visitVarInsn(Opcodes.ILOAD, length);
    mv.visitIntInsn(Opcodes.BIPUSH, SHORT_RUN);
    mv.visitJumpInsn(Opcodes.IF_ICMPLT, shortRuns);
    mv.visitIntInsn(Opcodes.BIPUSH, 7);
    mv.visitVarInsn(Opcodes.ISTORE, fromMask);
    mv.visitInsn(Opcodes.ICONST_3);
    mv.visitVarInsn(Opcodes.ISTORE, toMask);
    mv.visitJumpInsn(Opcodes.GOTO, masksSet);
    mv.visitLabel(shortRuns);
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ISTORE, fromMask);
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ISTORE, toMask);
    mv.visitLabel(masksSet);
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ISTORE, r);
    Label test = new Label();
    Label done = new Label();
    mv.visitLabel(test);
    mv.visitVarInsn(Opcodes.ILOAD, r);
    mv.visitVarInsn(Opcodes.ILOAD, rounds);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    // from = r & 7, to = length - (r & 3): misaligned starts and every tail length.
    int from = r + 4;
    int to = r + 5;
    mv.visitVarInsn(Opcodes.ILOAD, r);
    mv.visitVarInsn(Opcodes.ILOAD, fromMask);
    mv.visitInsn(Opcodes.IAND);
    mv.visitVarInsn(Opcodes.ISTORE, from);
    mv.visitVarInsn(Opcodes.ILOAD, length);
    mv.visitVarInsn(Opcodes.ILOAD, r);
    mv.visitVarInsn(Opcodes.ILOAD, toMask);
    mv.visitInsn(Opcodes.IAND);
    mv.visitInsn(Opcodes.ISUB);
    mv.visitVarInsn(Opcodes.ISTORE, to);
    Label next = new Label();
    if (chargeRun) {
      emitRunCharge(mv, owner, arrays.size(), firstArray, from, to, next);
    }
    for (int k = 0; k < arrays.size(); k++) {
      mv.visitVarInsn(Opcodes.ALOAD, firstArray + k);
    }
    int scalarIndex = 0;
    for (ScalarInput s : frame.scalars()) {
      // Warming is about compiled code, not results; but the agent times the warm kernel, and
      // the data decides how often branches go which way: 0 and half the range split the
      // scrambled elements (signed, about zero) in two, as thresholds and bounds often do.
      ScalarExpr.pushConstant(mv, scalarIndex++ % 2 == 0 ? 0 : halfRange(s.type()), s.type());
    }
    mv.visitVarInsn(Opcodes.ILOAD, from);
    mv.visitVarInsn(Opcodes.ILOAD, to);
    if (acc != null) {
      // Every run starts from the identity, as a loop's accumulator starts from its initial
      // value, and only the bits of its result are kept: passing one run's result on to the
      // next chained the runs one after the other, where an application's runs (the rows of a
      // matrix) overlap in the processor. A strict double dot product of 10 elements, a chain
      // of 10 additions, timed at 12 ns a run chained against 7.5 in C2's code for the rows.
      ScalarExpr.pushConstant(mv, Identities.of(frame.reduction().operator(), acc), acc);
    }
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, owner, Kernel.runMethod(pass), runDescriptor,
        false);
    if (acc != null) {
      toBits(mv, resultType);
      mv.visitVarInsn(Opcodes.LLOAD, sink);
      mv.visitInsn(Opcodes.LXOR);
      mv.visitVarInsn(Opcodes.LSTORE, sink);
    }
    mv.visitLabel(next);
    mv.visitIincInsn(r, 1);
    mv.visitJumpInsn(Opcodes.GOTO, test);
    mv.visitLabel(done);
    // The result passes through a new long[COMPILED_MARK_LONGS], which only C2 (escape
    // analysis) removes: a call of warmK allocates exactly when it is not C2's code, which is
    // how the warm-up tells that it is (timings alone do not: C1's code of warmK, calling C2's
    // code of runK, was as steady as C2's, and 3x slower).
    ScalarExpr.pushInt(mv, Kernel.COMPILED_MARK_LONGS);
    mv.visitIntInsn(Opcodes.NEWARRAY, Opcodes.T_LONG);
    mv.visitInsn(Opcodes.DUP);
    mv.visitInsn(Opcodes.ICONST_0);
    if (acc != null) {
      mv.visitVarInsn(Opcodes.LLOAD, sink);
    } else {
      mv.visitVarInsn(Opcodes.ILOAD, rounds);
      mv.visitInsn(Opcodes.I2L);
    }
    mv.visitInsn(Opcodes.LASTORE);
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitInsn(Opcodes.LALOAD);
    if (acc != null) {
      fromBits(mv, resultType);
    } else {
      mv.visitInsn(Opcodes.L2I);
    }
    mv.visitInsn(resultType.getOpcode(Opcodes.IRETURN));
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** Turns the {@code type} value on the stack into a {@code long} of its bits. */
  static void toBits(MethodVisitor mv, Type type) {
    switch (type.getSort()) {
      case Type.INT -> mv.visitInsn(Opcodes.I2L);
      case Type.LONG -> { }
      case Type.FLOAT -> {
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "floatToRawIntBits",
            "(F)I", false);
        mv.visitInsn(Opcodes.I2L);
      }
      case Type.DOUBLE -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double",
          "doubleToRawLongBits", "(D)J", false);
      default -> throw new IllegalArgumentException("a reduction of " + type);
    }
  }

  /** Turns the {@code long} of bits on the stack back into a {@code type} value. */
  static void fromBits(MethodVisitor mv, Type type) {
    switch (type.getSort()) {
      case Type.INT -> mv.visitInsn(Opcodes.L2I);
      case Type.LONG -> { }
      case Type.FLOAT -> {
        mv.visitInsn(Opcodes.L2I);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F",
            false);
      }
      case Type.DOUBLE -> mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double",
          "longBitsToDouble", "(J)D", false);
      default -> throw new IllegalArgumentException("a reduction of " + type);
    }
  }

  /**
   * Fills {@code array[0..length)} with scrambled values ({@code (j + 7919 k) * 0x9E3779B1},
   * narrowed, or scaled to [-1, 1) for floating point): zeros would make every branch of scalar
   * code predictable, and timings unlike those on an application's data.
   */
  private static void fillScrambled(MethodVisitor mv, int array, ElementType type, int k,
      int length, int j) {
    mv.visitInsn(Opcodes.ICONST_0);
    mv.visitVarInsn(Opcodes.ISTORE, j);
    Label test = new Label();
    Label done = new Label();
    mv.visitLabel(test);
    mv.visitVarInsn(Opcodes.ILOAD, j);
    mv.visitVarInsn(Opcodes.ILOAD, length);
    mv.visitJumpInsn(Opcodes.IF_ICMPGE, done);
    mv.visitVarInsn(Opcodes.ALOAD, array);
    mv.visitVarInsn(Opcodes.ILOAD, j);
    mv.visitVarInsn(Opcodes.ILOAD, j);
    ScalarExpr.pushInt(mv, 7919 * k);
    mv.visitInsn(Opcodes.IADD);
    mv.visitLdcInsn(0x9E3779B1);
    mv.visitInsn(Opcodes.IMUL);
    switch (type) {
      case LONG -> mv.visitInsn(Opcodes.I2L);
      case FLOAT -> {
        mv.visitInsn(Opcodes.I2F);
        mv.visitLdcInsn(0x1p-31f);
        mv.visitInsn(Opcodes.FMUL);
      }
      case DOUBLE -> {
        mv.visitInsn(Opcodes.I2D);
        mv.visitLdcInsn(0x1p-31);
        mv.visitInsn(Opcodes.DMUL);
      }
      default -> {
        // int, and byte, short and char, which the store narrows.
      }
    }
    mv.visitInsn(type.arrayStoreOpcode());
    mv.visitIincInsn(j, 1);
    mv.visitJumpInsn(Opcodes.GOTO, test);
    mv.visitLabel(done);
  }

  private static Number halfRange(ElementType type) {
    return switch (type) {
      case LONG -> 1L << 62;
      case FLOAT, DOUBLE -> 0.5;
      case BYTE -> 64;
      case SHORT, CHAR -> 1 << 14;
      case INT -> 1 << 30;
    };
  }

  private static int newArrayOperand(ElementType type) {
    return switch (type) {
      case BYTE -> Opcodes.T_BYTE;
      case SHORT -> Opcodes.T_SHORT;
      case CHAR -> Opcodes.T_CHAR;
      case INT -> Opcodes.T_INT;
      case LONG -> Opcodes.T_LONG;
      case FLOAT -> Opcodes.T_FLOAT;
      case DOUBLE -> Opcodes.T_DOUBLE;
    };
  }
}
