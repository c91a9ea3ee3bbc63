package dev.hotloop.agent.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hotloop.agent.AgentLogging;
import dev.hotloop.agent.registry.ClassRecord;
import dev.hotloop.agent.registry.LoopRecord;
import dev.hotloop.agent.registry.LoopRegistry;
import dev.hotloop.agent.registry.LoopState;
import dev.hotloop.agent.registry.MethodRecord;
import dev.hotloop.agent.registry.SkippedClass;
import dev.hotloop.config.ConfigParser;
import dev.hotloop.config.HotloopConfig;

import example.shapes.DoubleSums;
import example.shapes.MixedLoops;
import example.shapes.NoArrayLoops;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

class LoopTransformerTest {

  private final ClassLoader loader = getClass().getClassLoader();

  static byte[] bytesOf(Class<?> c) throws IOException {
    try (InputStream in = c.getClassLoader()
        .getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  private LoopTransformer transformer(HotloopConfig config, LoopRegistry registry) {
    return new LoopTransformer(config, registry, AgentLogging.logger(LoopTransformerTest.class));
  }

  @Test
  void classesWithoutLoopsOverPrimitiveArraysAreNotTouched() throws IOException {
    LoopRegistry registry = new LoopRegistry();
    byte[] result = transformer(HotloopConfig.defaults(), registry).transform(null, loader,
        "example/shapes/NoArrayLoops", null, null, bytesOf(NoArrayLoops.class));
    assertNull(result);
    assertTrue(registry.classes().isEmpty());
  }

  @Test
  void profilesPlannedLoopsAndLeavesOtherMethodsAsTheyWere() throws IOException {
    LoopRegistry registry = new LoopRegistry();
    byte[] original = bytesOf(MixedLoops.class);
    byte[] result = transformer(HotloopConfig.defaults(), registry).transform(null, loader,
        "example/shapes/MixedLoops", null, null, original);
    assertNotNull(result);

    Map<String, String> before = methodTexts(original);
    Map<String, String> after = methodTexts(result);
    assertEquals(before.get("noLoop(II)I"), after.get("noLoop(II)I"));
    assertEquals(before.get("prefixSums([I)V"), after.get("prefixSums([I)V"));
    assertTrue(after.get("sum([J)J").contains("dev/hotloop/runtime/Probes.enter"));
    assertTrue(after.get("sum([J)J").contains("dev/hotloop/runtime/Probes.loop (III)V"));

    ClassRecord record = registry.find(loader, "example/shapes/MixedLoops");
    Map<String, LoopState> states = new HashMap<>();
    for (MethodRecord m : record.methods()) {
      for (LoopRecord l : m.loops()) {
        states.put(m.name(), l.state());
      }
    }
    assertEquals(Map.of("sum", LoopState.COLD, "prefixSums", LoopState.REJECTED), states);
  }

  @Test
  void strictFloatingPointSumsAreKeptUnlessBoxedOrFastmath() throws IOException {
    assertEquals(Map.of("strict", LoopState.KEPT, "boxed", LoopState.COLD),
        statesOf(HotloopConfig.defaults(), DoubleSums.class));
    HotloopConfig fastmath = ConfigParser.parse("test.conf",
        "example.shapes.DoubleSums::strict fastmath\nexample.shapes.**\n").config();
    assertEquals(Map.of("strict", LoopState.COLD, "boxed", LoopState.COLD),
        statesOf(fastmath, DoubleSums.class));
  }

  private Map<String, LoopState> statesOf(HotloopConfig config, Class<?> type)
      throws IOException {
    LoopRegistry registry = new LoopRegistry();
    String name = type.getName().replace('.', '/');
    transformer(config, registry).transform(null, loader, name, null, null, bytesOf(type));
    Map<String, LoopState> states = new HashMap<>();
    for (MethodRecord m : registry.find(loader, name).methods()) {
      for (LoopRecord l : m.loops()) {
        states.put(m.name(), l.state());
      }
    }
    return states;
  }

  @Test
  void excludedMethodsAreNotAnalyzed() throws IOException {
    HotloopConfig config = ConfigParser.parse("test.conf",
        "example.shapes.**\n!example.shapes.MixedLoops::sum\n").config();
    LoopRegistry registry = new LoopRegistry();
    byte[] result = transformer(config, registry).transform(null, loader,
        "example/shapes/MixedLoops", null, null, bytesOf(MixedLoops.class));
    assertNull(result, "only the rejected loop remains, so nothing is rewritten");
    List<MethodRecord> methods = registry.find(loader, "example/shapes/MixedLoops").methods();
    assertEquals(1, methods.size());
    assertEquals("prefixSums", methods.get(0).name());
  }

  @Test
  void classesOutsideTheIncludedPatternsAreNotTouched() throws IOException {
    HotloopConfig config = ConfigParser.parse("test.conf", "com.example.**\n").config();
    LoopRegistry registry = new LoopRegistry();
    assertNull(transformer(config, registry).transform(null, loader,
        "example/shapes/MixedLoops", null, null, bytesOf(MixedLoops.class)));
    assertTrue(registry.classes().isEmpty());
  }

  @Test
  void malformedClassFilesAreLeftAloneWithoutThrowing() {
    byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 1, 2, 3};
    assertNull(transformer(HotloopConfig.defaults(), new LoopRegistry()).transform(null, loader,
        "example/shapes/Broken", null, null, garbage));
  }

  @Test
  void classFilesTheJvmRefusesForTheirShapeAreNeverRepairedAndTheReportSaysWhy()
      throws IOException {
    LoopRegistry registry = new LoopRegistry();
    LoopTransformer t = transformer(HotloopConfig.defaults(), registry);
    byte[] badMagic = bytesOf(MixedLoops.class);
    badMagic[3] = (byte) 0xBF;
    byte[] original = bytesOf(MixedLoops.class);
    byte[] trailing = Arrays.copyOf(original, original.length + 3);
    // ASM reads both and would write a clean class that the JVM accepts.
    assertNull(t.transform(null, loader, "example/shapes/MixedLoops", null, null, badMagic));
    assertNull(t.transform(null, loader, "example/shapes/MixedLoops", null, null, trailing));
    assertTrue(registry.classes().isEmpty());
    assertEquals(List.of(
        new SkippedClass("example.shapes.MixedLoops",
            "not a class file: its magic number is 0xCAFEBABF, not 0xCAFEBABE"),
        new SkippedClass("example.shapes.MixedLoops", "3 bytes after the end of the class file")),
        registry.skipped());
  }

  @Test
  void unreadableClassFilesAreListedWithTheReason() {
    LoopRegistry registry = new LoopRegistry();
    transformer(HotloopConfig.defaults(), registry).transform(null, loader,
        "example/shapes/Empty", null, null, new byte[0]);
    assertEquals(1, registry.skipped().size());
    assertTrue(registry.skipped().get(0).reason()
        .startsWith("could not read or rewrite the class file: "), registry.skipped()::toString);
  }

  @Test
  void classesOfALoaderThatCannotSeeTheRuntimeAreLeftAsTheyAreWithTheReason()
      throws IOException {
    // Its parent is the boot loader, where this test's runtime classes are not.
    ClassLoader sandbox = new ClassLoader(null) { };
    LoopRegistry registry = new LoopRegistry();
    assertNull(transformer(HotloopConfig.defaults(), registry).transform(null, sandbox,
        "example/shapes/MixedLoops", null, null, bytesOf(MixedLoops.class)));
    LoopRecord sum = registry.find(sandbox, "example/shapes/MixedLoops").methods().stream()
        .filter(m -> m.name().equals("sum")).findFirst().orElseThrow().loops().get(0);
    assertEquals(LoopState.FAILED, sum.state());
    assertTrue(sum.detail().contains("does not see hotloop's runtime classes"), sum.detail());
  }

  @Test
  void otherBytesUnderANameAlreadySeenAreAnalyzedAfresh() throws IOException {
    // A loader whose first class file of a name the JVM refused defines other bytes under it:
    // the plans of the first bytes must not be applied to the second.
    LoopRegistry registry = new LoopRegistry();
    LoopTransformer t = transformer(HotloopConfig.defaults(), registry);
    byte[] mixed = bytesOf(MixedLoops.class);
    byte[] doubles = bytesOf(DoubleSums.class);
    t.transform(null, loader, "example/shapes/MixedLoops", null, null, mixed);
    t.transform(null, loader, "example/shapes/MixedLoops", null, null, doubles);
    assertEquals(2, registry.classes().size());
    assertEquals(ClassRecord.fingerprint(doubles),
        registry.find(loader, "example/shapes/MixedLoops").fingerprint());
    assertTrue(registry.find(loader, "example/shapes/MixedLoops",
        ClassRecord.fingerprint(doubles)).methods().stream()
        .anyMatch(m -> m.name().equals("boxed")));
    // A retransformation of the first class still finds the first record.
    assertEquals(registry.classes().get(0), registry.find(loader, "example/shapes/MixedLoops",
        ClassRecord.fingerprint(mixed)));
  }

  @Test
  void retransformingARecordedClassStartsFromItsOriginalBytesEveryTime() throws IOException {
    LoopRegistry registry = new LoopRegistry();
    LoopTransformer t = transformer(HotloopConfig.defaults(), registry);
    byte[] original = bytesOf(MixedLoops.class);
    byte[] first = t.transform(null, loader, "example/shapes/MixedLoops", null, null, original);
    byte[] again = t.transform(null, loader, "example/shapes/MixedLoops", MixedLoops.class, null,
        original);
    assertArrayEquals(first, again);
    assertEquals(1, registry.classes().size());
  }

  private static Map<String, String> methodTexts(byte[] bytes) {
    Map<String, String> texts = new HashMap<>();
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        Textifier text = new Textifier(Opcodes.ASM9) {
          @Override
          public void visitMethodEnd() {
            StringBuilder sb = new StringBuilder();
            getText().forEach(sb::append);
            texts.put(name + descriptor, sb.toString());
          }
        };
        return new TraceMethodVisitor(text);
      }
    }, 0);
    return texts;
  }
}
