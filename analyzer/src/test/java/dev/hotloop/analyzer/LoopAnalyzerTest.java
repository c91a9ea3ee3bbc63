package dev.hotloop.analyzer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import dev.hotloop.analyzer.fixtures.NearMisses;
import dev.hotloop.analyzer.fixtures.SumShapes;
import dev.hotloop.analyzer.plan.Bound;
import dev.hotloop.analyzer.plan.Boxing;
import dev.hotloop.analyzer.plan.ElementType;
import dev.hotloop.analyzer.plan.Expr;
import dev.hotloop.analyzer.plan.LoopPlan;
import dev.hotloop.analyzer.plan.LoopVerdict;
import dev.hotloop.analyzer.plan.MethodAnalysis;
import dev.hotloop.analyzer.plan.Reduction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

class LoopAnalyzerTest {

  static MethodAnalysis analyze(Class<?> owner, String method) throws IOException {
    String resource = owner.getName().replace('.', '/') + ".class";
    try (InputStream in = owner.getClassLoader().getResourceAsStream(resource)) {
      ClassNode node = new ClassNode();
      new ClassReader(in.readAllBytes()).accept(node, ClassReader.EXPAND_FRAMES);
      for (MethodNode m : node.methods) {
        if (m.name.equals(method)) {
          return LoopAnalyzer.analyze(DeclaredFields.of(node), m);
        }
      }
    }
    throw new AssertionError("no method " + method);
  }

  static LoopPlan onlyPlan(Class<?> owner, String method) throws IOException {
    MethodAnalysis analysis = analyze(owner, method);
    assertEquals(1, analysis.loops().size(), () -> analysis.loops().toString());
    LoopVerdict verdict = analysis.loops().get(0);
    if (verdict instanceof LoopVerdict.Rejected r) {
      throw new AssertionError("rejected: " + r.rejection());
    }
    return ((LoopVerdict.Accepted) verdict).plan();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "sumLongForEach, LONG, LONG, NONE, Value",
      "sumLongIndexed, LONG, LONG, NONE, ArrayLength",
      "sumIntToN, INT, INT, NONE, Value",
      "sumRange, LONG, LONG, NONE, Value",
      "sumBytes, BYTE, INT, NONE, Value",
      "sumCharsToLong, CHAR, LONG, NONE, Value",
      "sumShorts, SHORT, INT, NONE, ArrayLength",
      "sumIntsToLong, INT, LONG, NONE, Value",
      "sumFloats, FLOAT, FLOAT, NONE, Value",
      "sumDoubles, DOUBLE, DOUBLE, NONE, Value",
      "sumFloatsToDouble, FLOAT, DOUBLE, NONE, Value",
      "sumBoxedLong, LONG, LONG, LONG, Value",
      "sumBoxedInteger, INT, INT, INTEGER, Value",
      "sumBoxedDouble, DOUBLE, DOUBLE, DOUBLE, Value",
      "sumBoundFirst, LONG, LONG, NONE, Value",
      "sumInsideTry, LONG, LONG, NONE, Value",
  })
  void acceptsSumShapes(String method, ElementType element, ElementType accumulator,
      Boxing boxing, String bound) throws IOException {
    LoopPlan plan = onlyPlan(SumShapes.class, method);
    assertEquals(1, plan.reductions().size());
    Reduction r = plan.reductions().get(0);
    assertEquals(Reduction.Operator.ADD, r.operator());
    assertEquals(accumulator, r.accumulator().type());
    assertEquals(boxing, r.accumulator().boxing());
    assertEquals(1, plan.arrays().size());
    assertEquals(element, plan.arrays().get(0).elementType());
    assertEquals(bound, plan.bound().getClass().getSimpleName());
    Expr leaf = r.value();
    while (leaf instanceof Expr.Convert w) {
      leaf = w.operand();
    }
    assertInstanceOf(Expr.ArrayElement.class, leaf);
    assertTrue(plan.site().line() > 0, "source line known");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '#', value = {
      "dot # ADD # (a0[i] * a1[i]) # true",
      "sumMaskedBytes # ADD # (a0[i] & 255) # true",
      "sumAbsDiff # ADD # Math.abs((a0[i] - a1[i])) # true",
      "scaledSum # ADD # (v1 * a5[i]) # true",
      "sumNegated # ADD # -a3[i] # true",
      "product # MUL # a3[i] # true",
      "maxInts # MAX # a2[i] # true",
      "minFloats # MIN # a2[i] # true",
      "xorAll # XOR # a3[i] # true",
      "boxedMax # MAX # a2[i] # true",
      "sumTruncated # ADD # (int) a2[i] # true",
      "countInRange # ADD # ((a4[i] >= v1 && a4[i] < v2) ? 1 : 0) # true",
      "countEitherEnd # ADD # ((a4[i] >= v1 && a4[i] <= v2) ? 0 : 1) # true",
      "sumSkippingNegatives # ADD # (a3[i] < 0 ? 0 : a3[i]) # true",
  })
  // Slots are javac's: for-each loops read a copy of the array (a3 is the copy of parameter 0).
  void acceptsReductionsOfExpressions(String method, Reduction.Operator operator, String value,
      boolean reassociable) throws IOException {
    LoopPlan plan = onlyPlan(dev.hotloop.analyzer.fixtures.ReductionShapes.class, method);
    Reduction r = plan.reductions().get(0);
    assertEquals(operator, r.operator());
    assertEquals(value, r.value().toString());
    assertEquals(reassociable, r.isReassociable());
  }

  @Test
  void nestedLoopGivesInnerPlanAndRejectsOuter() throws IOException {
    MethodAnalysis analysis = analyze(SumShapes.class, "sumRows");
    List<LoopVerdict> loops = analysis.loops();
    assertEquals(2, loops.size(), loops::toString);
    assertInstanceOf(LoopVerdict.Rejected.class, loops.get(0));
    assertTrue(((LoopVerdict.Rejected) loops.get(0)).rejection().reason().contains("nested"));
    assertInstanceOf(LoopVerdict.Accepted.class, loops.get(1), loops.get(1)::toString);
    LoopPlan inner = ((LoopVerdict.Accepted) loops.get(1)).plan();
    assertInstanceOf(Bound.ArrayLength.class, inner.bound());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "sumEveryOther | for (i3 = ..; i < a0.length; i += 2) s1 += a0[i]",
      "sumDownByTwo | for (i3 = ..; i >= 0; i -= 2) s1 += a0[i]",
      "sumStrideFourTo | for (i3 = ..; i < local1 + 1; i += 4) s2 += a0[i]",
  })
  void acceptsCountersThatStepByAConstant(String method, String described)
      throws IOException {
    assertEquals(described, onlyPlan(SumShapes.class, method).describe());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "prefixSum | reads an element that another iteration stores to",
      "callsInLoop | calls java.lang.Long.hashCode",
      "earlyBreak | leaves the loop other than through its test",
      "strideNotEqual | a counter stepping by 2 is tested with '!='",
      "strideTooLong | the counter steps by 100, more than the 64",
      "sumStepping | the counter does not step up by a constant",
      "polynomialHash | carries a value from one iteration to the next that is not a reduction",
      "remainder | integer division may throw ArithmeticException",
      "writeAhead | writes an array at an index other than the loop counter",
      "swapElements | uses an element of an array that the same iteration stores to",
      "runningTotal | uses a value carried from the previous iteration",
      "booleanFlags | writes a boolean array",
      "boxAll | writes an object array",
      "sumPublished | reads volatile field published",
      "sumDoublesDown | a floating-point sum in a loop that counts down",
      "sumThroughLast | runs part of its body before its test",
      "sumHeld | which is not declared by the class itself",
      "sumDiagonal | reads a row of an array of arrays at an index the loop changes",
      "maxIfDoubles | a conditional min or max over floating point",
      "offsetRead | reads an array at an index other than the loop counter",
      "lastElementUsedAfter | is written in the loop and read after it",
      "doWhile | tested at the bottom",
      "fieldStore | writes static field lastSeen",
  })
  void rejectsNearMissesWithReasonAndLine(String method, String reason) throws IOException {
    MethodAnalysis analysis = analyze(NearMisses.class, method);
    assertEquals(1, analysis.loops().size(), () -> analysis.loops().toString());
    LoopVerdict verdict = analysis.loops().get(0);
    assertInstanceOf(LoopVerdict.Rejected.class, verdict, verdict::toString);
    var rejection = ((LoopVerdict.Rejected) verdict).rejection();
    assertTrue(rejection.reason().contains(reason), rejection::toString);
    assertTrue(rejection.line() > 0, rejection::toString);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '#', value = {
      "addInts # a2[i] = (a0[i] + a1[i]) # # ",
      "clampInPlace # if (a0[i] < v1) a0[i] = v1; if (a0[i] > v3) a0[i] = v3 # # ",
      // On integers a ternary that picks the smaller or larger of its operands is min or max.
      "clampTernary # a0[i] = Math.max(a0[i], v1) # # ",
      "signOf # a1[i] = (a0[i] >= 0 ? 1 : -1) # # ",
      "clampElseIf # if ((a0[i] < v1 || a0[i] > v2)) a0[i] = (a0[i] < v1 ? v1 : v2) # # ",
      "addBytes # a2[i] = (a0[i] + a1[i]) # # ",
      // The sum reads back what the iteration stored: the value stored, as its pass runs first.
      "doubleAndSum # a1[i] = (a0[i] * 2) # s2 += (a0[i] * 2) # ",
      // b[i] is read after out[i] was stored: the same array would see the store.
      "sumAfterStore # a2[i] = (a0[i] + 1) # s3 += a1[i] # a1 != a2",
      "swapThroughTemporary # a0[i] = 7; a2[i] = a1[i] # # a0 != a1",
      // Each array once, with what the iteration leaves there: read before it is overwritten;
      // c is read after stores through a and b, and a's two stores now come after b's.
      "useAfterOverwrite # a1[i] = a0[i]; a0[i] = 0 # # a0 != a1",
      "clampTwoStatements # a0[i] = Math.min(Math.max(a0[i], v1), v2) # # ",
      "storesInterleaved # a1[i] = 2; if ((a2[i] > 0 || a2[i] < 5)) a0[i] = (a2[i] < 5 ? 3 : 1) # # a0 != a2, a1 != a2, a0 != a1",
  })
  void acceptsStoresInTheLoopsOrderWithTheGuardsTheyNeed(String method, String stores,
      String reductions, String distinct) throws IOException {
    LoopPlan plan = onlyPlan(dev.hotloop.analyzer.fixtures.MapShapes.class, method);
    assertEquals(stores, String.join("; ", plan.stores().stream().map(Object::toString)
        .toList()));
    assertEquals(reductions == null ? "" : reductions, String.join("; ",
        plan.reductions().stream().map(Object::toString).toList()));
    assertEquals(distinct == null ? "" : distinct, String.join(", ",
        plan.distinct().stream().map(Object::toString).toList()));
  }

  @Test
  void loopsWithoutPrimitiveArraysAreNotConsidered() throws IOException {
    assertTrue(analyze(NearMisses.class, "noArrays").loops().isEmpty());
  }

  @Test
  void methodsWithoutLoopsHaveNoVerdicts() throws IOException {
    assertTrue(analyze(NearMisses.class, "<init>").loops().isEmpty());
  }
}
