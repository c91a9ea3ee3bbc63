package dev.hotloop.codegen.kernel;

import org.objectweb.asm.MethodVisitor;

/** Emits the code of a kernel's {@code run} method, after {@code visitCode}. */
interface LoopBodyEmitter {

  void emit(MethodVisitor mv);
}
