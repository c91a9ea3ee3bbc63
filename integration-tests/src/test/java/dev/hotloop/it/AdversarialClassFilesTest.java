package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hotloop.it.apps.ClassFileApp;
import dev.hotloop.it.classfiles.ClassFile;
import dev.hotloop.it.classfiles.MalformedClassFiles;
import dev.hotloop.it.classfiles.OddLoops;
import dev.hotloop.it.jvm.AppClasspath;
import dev.hotloop.it.jvm.HotRun;
import dev.hotloop.it.jvm.Jdk;
import dev.hotloop.it.jvm.JvmCommand;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.OncePerJdk;
import dev.hotloop.it.jvm.RunFolder;
import dev.hotloop.it.report.HotloopReport;
import dev.hotloop.it.report.ReportedLoop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves, on every JDK and with the verifier checking every class ({@code -Xverify:all}, which
 * also verifies the kernels hotloop defines in the boot loader), that class files no compiler
 * writes cannot make the agent change what an application sees. {@link ClassFileApp} defines
 * through a loader of its own the class files of {@link OddLoops} (valid, odd loops) and
 * {@link MalformedClassFiles} (files the JVM refuses, and a name defined twice), and a plain sum
 * through a sandbox loader that sees only the JDK's classes, not hotloop's runtime.
 * With the agent it prints exactly what it prints without: the same refusals with the same
 * messages, the same results. The report accelerates the odd loops it can, rejects the others
 * with a reason, leaves the sandboxed sum as it is with one, and lists the broken class files
 * with theirs.
 */
class AdversarialClassFilesTest {

  /** The JVM checks every class it loads, and the heap at exit. */
  private static final String[] STRICT = {"-Xverify:all", "-XX:+UnlockDiagnosticVMOptions",
      "-XX:+VerifyBeforeExit"};

  /** Loops the agent accelerates: the run waits for each. */
  private static final List<String> ACCELERATED = List.of("HandlerAroundLoop.run",
      "WideLocals.run", "StackShuffle.run", "SlotChangesType.run", "Java5NoFrames.run",
      "LoopAtOffsetZero.loop", "DefinedTwice.run");

  private static final Map<String, String> REJECTED = Map.of(
      "StackAcrossBackEdge.run", "the operand stack is not empty at the loop test",
      "JumpIntoLoop.run", "irreducible control flow: a cycle entered at more than one point",
      "HandlerInsideLoop.run", "has an exception handler inside the loop",
      "FailsVerification.run", "uses an array of a type that is not known before the loop");

  private static final Map<String, String> SKIPPED = Map.of(
      "Truncated", "could not read or rewrite the class file: ",
      "Empty", "could not read or rewrite the class file: ",
      "BadConstantPool", "could not read or rewrite the class file: ",
      "BadMagic", "not a class file: its magic number is 0xCAFEBABF, not 0xCAFEBABE",
      "TrailingBytes", "3 bytes after the end of the class file");

  private static final OncePerJdk<JvmResult> WITHOUT = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(AdversarialClassFilesTest.class, "without-agent", jdk);
    return app(jdk, folder).withArgs("0").run(folder, Duration.ofSeconds(60));
  });

  private static final OncePerJdk<JvmResult> WITH = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(AdversarialClassFilesTest.class, "with-agent", jdk);
    List<String> methods = ACCELERATED.stream().map(m -> odd(m) + "(").toList();
    // deopt=100: the hot loop calls HandlerAroundLoop with an odd length, past which its bound
    // reads, so each of those calls fails the guards and the agent would deoptimize it; the
    // prefixes after the loop, which this test compares, are where its kernel runs.
    return new HotRun(methods).run(app(jdk, folder).withAgent(HotRun.HOT_AT_ONCE
        + ",deopt=100"), folder);
  });

  private static JvmCommand app(Jdk jdk, RunFolder folder) {
    List<ClassFile> files = new ArrayList<>();
    OddLoops.all().forEach((name, bytes) -> files.add(new ClassFile(name, name + ".class",
        bytes)));
    files.addAll(MalformedClassFiles.all());
    String sandboxed = odd("SandboxedSum");
    files.add(new ClassFile(sandboxed, sandboxed + ".class",
        OddLoops.plainSumClass("SandboxedSum"), true));
    String list = ClassFile.writeAll(files, folder);
    return JvmCommand.mainClass(jdk, ClassFileApp.class, AppClasspath.PLAIN).withVectorModule()
        .withJvmOptions(STRICT).withArgs(list);
  }

  private static String odd(String classAndMethod) {
    return OddLoops.PACKAGE.replace('/', '.') + classAndMethod;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void withoutTheAgentTheJvmRefusesEveryBrokenClassFile(Jdk jdk) {
    // The reference itself: each broken file really is refused, for the reason it was made.
    JvmResult without = WITHOUT.get(jdk);
    assertEquals(0, without.exitCode(), without::describe);
    String out = without.stdout();
    for (String refused : List.of("Truncated.class: threw java.lang.ClassFormatError",
        "Empty.class: threw java.lang.ClassFormatError",
        "BadConstantPool.class: threw java.lang.ClassFormatError: Unknown constant tag 99",
        "BadMagic.class: threw java.lang.ClassFormatError: Incompatible magic value",
        "TrailingBytes.class: threw java.lang.ClassFormatError: Extra bytes at the end",
        "DefinedTwice.refused.class: threw java.lang.ClassFormatError: Illegal method name",
        "FailsVerification.class: threw java.lang.VerifyError: Bad type on operand stack",
        "FailsVerificationAfterLoop.class: threw java.lang.VerifyError: Bad type")) {
      assertTrue(out.contains("define " + odd(refused)), () -> refused + "\n" + out);
    }
    assertTrue(out.contains("define " + odd("DefinedTwice.class: ok")), out);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theAppPrintsExactlyWhatItPrintsWithoutTheAgent(Jdk jdk) {
    JvmResult with = WITH.get(jdk);
    assertEquals(0, with.exitCode(), with::describe);
    assertEquals(WITHOUT.get(jdk).stdout(), with.stdout(), with::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void oddButValidLoopsAreAcceleratedOrRejectedWithAReason(Jdk jdk) {
    JvmResult with = WITH.get(jdk);
    HotloopReport report = with.report();
    for (String method : ACCELERATED) {
      // DefinedTwice's refused first class file has a record of its own, never called.
      List<ReportedLoop> loops = report.loopsOf(odd(method) + "(").stream()
          .filter(l -> !l.state().equals("cold")).toList();
      assertEquals(1, loops.size(), () -> method + "\n" + with.describe());
      assertEquals("accelerated", loops.get(0).state(), () -> method + "\n" + report.text());
      assertTrue(loops.get(0).counts().kernelRuns() > 0, () -> method + "\n" + report.text());
    }
    REJECTED.forEach((method, reason) -> {
      ReportedLoop loop = report.loopOf(odd(method) + "(");
      assertEquals("rejected", loop.state(), () -> method + "\n" + report.text());
      assertEquals(reason, loop.description(), () -> method + "\n" + report.text());
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void aMethodTheVerifierRefusesOutsideItsLoopStaysAsWritten(Jdk jdk) {
    // Rewritten, its VerifyError would name other offsets and show other bytecode.
    HotloopReport report = WITH.get(jdk).report();
    ReportedLoop loop = report.loopOf(odd("FailsVerificationAfterLoop.run("));
    assertEquals("failed", loop.state(), report::text);
    assertTrue(loop.description().startsWith("the JVM's verifier will refuse the method, so it"
        + " stays as written: "), report::text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void aClassWhoseLoaderCannotSeeTheRuntimeIsLeftAsItIs(Jdk jdk) {
    HotloopReport report = WITH.get(jdk).report();
    ReportedLoop loop = report.loopOf(odd("SandboxedSum.run("));
    assertEquals("failed", loop.state(), report::text);
    assertEquals("its class loader (dev.hotloop.it.apps.ClassFileApp$IsolatedLoader) does not"
        + " see hotloop's runtime classes on the boot class path, so rewritten code could not"
        + " call them", loop.description(), report::text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theRefusedFirstDefinitionOfANameKeepsItsOwnRecord(Jdk jdk) {
    HotloopReport report = WITH.get(jdk).report();
    List<ReportedLoop> loops = report.loopsOf(odd("DefinedTwice.run("));
    assertEquals(List.of("cold", "accelerated"), loops.stream().map(ReportedLoop::state).toList(),
        report::text);
    assertEquals(0, loops.get(0).counts().calls(), report::text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void brokenClassFilesAreLeftAsGivenAndTheReportSaysWhy(Jdk jdk) {
    HotloopReport report = WITH.get(jdk).report();
    SKIPPED.forEach((simpleName, reason) -> {
      List<String> reasons = report.skippedReasons(odd(simpleName));
      assertEquals(1, reasons.size(), () -> simpleName + "\n" + report.text());
      assertTrue(reasons.get(0).startsWith(reason), () -> simpleName + "\n" + report.text());
    });
    assertEquals(SKIPPED.size(), report.skipped().size(), report::text);
  }
}
