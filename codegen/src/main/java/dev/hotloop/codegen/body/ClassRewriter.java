package dev.hotloop.codegen.body;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hotloop.analyzer.DeclaredFields;
import dev.hotloop.analyzer.LoopAnalyzer;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.analyzer.plan.LoopVerdict;
import dev.hotloop.analyzer.plan.MethodAnalysis;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Rewrites the methods of one class file as {@link MethodRewrite}s say and copies every other
 * method byte for byte. Frames are carried over from the original (read expanded), never
 * recomputed, so no class is ever loaded to find a common superclass.
 */
public final class ClassRewriter {

  private ClassRewriter() {
  }

  /**
   * Returns the rewritten class file. {@code original} must be the class as it was defined, not
   * an earlier rewrite, because loop ordinals and instruction indexes refer to it.
   *
   * @throws CodegenException when a method cannot be rewritten; nothing is half-rewritten
   */
  public static byte[] rewrite(byte[] original, List<MethodRewrite> rewrites) {
    Map<String, MethodRewrite> byKey = new HashMap<>();
    for (MethodRewrite r : rewrites) {
      byKey.put(r.name() + r.descriptor(), r);
    }
    ClassReader reader = new ClassReader(original);
    ClassWriter writer = new ClassWriter(reader, 0);
    DeclaredFields[] fields = new DeclaredFields[1];
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature,
          String superName, String[] interfaces) {
        fields[0] = DeclaredFields.none(name);
        super.visit(version, access, name, signature, superName, interfaces);
      }

      @Override
      public FieldVisitor visitField(int access, String name, String descriptor,
          String signature, Object value) {
        // A class file lists its fields before its methods: all are known by the first method.
        fields[0].declare(access, name, descriptor);
        return super.visitField(access, name, descriptor, signature, value);
      }

      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        MethodRewrite rewrite = byKey.get(name + descriptor);
        if (rewrite == null) {
          return super.visitMethod(access, name, descriptor, signature, exceptions);
        }
        MethodVisitor target = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new MethodNode(Opcodes.ASM9, access, name, descriptor, signature, exceptions) {
          @Override
          public void visitEnd() {
            rewriteMethod(fields[0], this, rewrite);
            accept(target);
          }
        };
      }
    }, ClassReader.EXPAND_FRAMES);
    return writer.toByteArray();
  }

  private static void rewriteMethod(DeclaredFields fields, MethodNode method,
      MethodRewrite rewrite) {
    MethodAnalysis analysis = LoopAnalyzer.analyze(fields, method);
    Map<Integer, LoopPlan> plans = new HashMap<>();
    for (LoopVerdict v : analysis.loops()) {
      if (v instanceof LoopVerdict.Accepted a) {
        plans.put(a.plan().site().ordinal(), a.plan());
      }
    }
    // Resolve every plan to its nodes before any insertion shifts instruction indexes, and
    // insert in code order: where one loop's exit is the next one's test (two while loops on
    // one counter), the first kernel's jump to its exit must exist when the second loop's
    // entries are sent to its preheader, or the jump would pass by it.
    List<LoopPlan> ordered = new ArrayList<>();
    for (Integer ordinal : rewrite.loops().keySet()) {
      LoopPlan plan = plans.get(ordinal);
      if (plan == null) {
        throw new CodegenException("loop #" + ordinal + " of " + method.name
            + method.desc + " has no plan");
      }
      ordered.add(plan);
    }
    ordered.sort(Comparator.comparingInt(LoopPlan::headerInsn));
    List<PreheaderEmitter> preheaders = new ArrayList<>();
    for (LoopPlan plan : ordered) {
      preheaders.add(PreheaderEmitter.resolve(method, plan,
          rewrite.loops().get(plan.site().ordinal())));
    }
    int extraStack = 0;
    for (PreheaderEmitter p : preheaders) {
      extraStack = Math.max(extraStack, p.insert());
    }
    ProbeInsertion.insertEntryProbe(method, rewrite.methodId());
    method.maxStack = Math.max(method.maxStack, Math.max(extraStack, 1));
  }
}
