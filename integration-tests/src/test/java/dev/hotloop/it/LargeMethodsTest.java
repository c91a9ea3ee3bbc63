package dev.hotloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hotloop.it.apps.ClassFileApp;
import dev.hotloop.it.classfiles.ClassFile;
import dev.hotloop.it.classfiles.LargeMethods;
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
 * Proves, on every JDK and under {@code -Xverify:all}, that methods and classes at the JVM's
 * size limits never become invalid classes: a sum loop in a method 4 bytes short of the 65535
 * bytes of code (no room even for the probes), one 24 bytes short (room for the probes, not for
 * the kernel call) and one 200 bytes short (room for both); a method with 200 loops the
 * analyzer rejects and one it accelerates; and a class whose constant pool is all but full. The
 * agent leaves each method it cannot rewrite as it is, the report says why, and
 * {@link ClassFileApp} prints exactly what it prints without the agent.
 */
class LargeMethodsTest {

  private static final int MANY_REJECTED = 200;
  private static final int MANY_ACCEPTED = 1;

  private static final List<ClassFile> FILES = List.of(
      file("TooLargeToProfile", LargeMethods.sumWithHeadroom("TooLargeToProfile", 4)),
      file("TooLargeToAccelerate", LargeMethods.sumWithHeadroom("TooLargeToAccelerate", 24)),
      file("LargeButFits", LargeMethods.sumWithHeadroom("LargeButFits", 200)),
      file("ManyLoops", LargeMethods.manyLoops("ManyLoops", MANY_REJECTED, MANY_ACCEPTED)),
      file("ConstantPoolFull", LargeMethods.fullConstantPool("ConstantPoolFull", 2)));

  private static final OncePerJdk<JvmResult> WITHOUT = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(LargeMethodsTest.class, "without-agent", jdk);
    return app(jdk, folder).withArgs("0").run(folder, Duration.ofSeconds(60));
  });

  private static final OncePerJdk<JvmResult> WITH = new OncePerJdk<>(jdk -> {
    RunFolder folder = RunFolder.create(LargeMethodsTest.class, "with-agent", jdk);
    List<String> settle = List.of("TooLargeToAccelerate.run(", "LargeButFits.run(",
        "ManyLoops.run(").stream().map(LargeMethodsTest::odd).toList();
    return new HotRun(settle).run(app(jdk, folder).withAgent(HotRun.HOT_AT_ONCE), folder);
  });

  private static ClassFile file(String simpleName, byte[] bytes) {
    return new ClassFile(odd(simpleName), odd(simpleName) + ".class", bytes);
  }

  private static String odd(String name) {
    return OddLoops.PACKAGE.replace('/', '.') + name;
  }

  private static JvmCommand app(Jdk jdk, RunFolder folder) {
    String list = ClassFile.writeAll(FILES, folder);
    return JvmCommand.mainClass(jdk, ClassFileApp.class, AppClasspath.PLAIN).withVectorModule()
        .withJvmOptions("-Xverify:all").withArgs(list);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void theAppPrintsExactlyWhatItPrintsWithoutTheAgent(Jdk jdk) {
    JvmResult with = WITH.get(jdk);
    assertEquals(0, with.exitCode(), with::describe);
    JvmResult without = WITHOUT.get(jdk);
    assertTrue(without.stdout().contains(odd("ConstantPoolFull.class: ok")), without::describe);
    assertEquals(without.stdout(), with.stdout(), with::describe);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void methodsTooLargeOnceRewrittenAreLeftAsTheyAreWithTheReason(Jdk jdk) {
    HotloopReport report = WITH.get(jdk).report();
    for (String name : List.of("TooLargeToProfile", "TooLargeToAccelerate")) {
      ReportedLoop loop = report.loopOf(odd(name + ".run("));
      assertEquals("failed", loop.state(), () -> name + "\n" + report.text());
      Matcher size = Pattern.compile("method too large after rewriting: its code would be"
          + " (\\d+) bytes, over the JVM's limit of 65535").matcher(loop.description());
      assertTrue(size.matches(), report::text);
      // Over the limit by what the rewrite adds: tens to a few hundred bytes.
      int bytes = Integer.parseInt(size.group(1));
      assertTrue(bytes > 65535 && bytes < 66000, report::text);
      assertEquals(0, loop.counts().kernelRuns(), report::text);
    }
    // Too large for the probes: never profiled. Large enough for them: profiled until hot.
    assertEquals(0, report.loopOf(odd("TooLargeToProfile.run(")).counts().calls(),
        report::text);
    assertTrue(report.loopOf(odd("TooLargeToAccelerate.run(")).counts().calls() > 0,
        report::text);
    ReportedLoop fits = report.loopOf(odd("LargeButFits.run("));
    assertEquals("accelerated", fits.state(), report::text);
    assertTrue(fits.counts().kernelRuns() > 0, report::text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void aClassWhoseConstantPoolWouldOverflowIsLeftAsItIs(Jdk jdk) {
    HotloopReport report = WITH.get(jdk).report();
    ReportedLoop loop = report.loopOf(odd("ConstantPoolFull.run("));
    assertEquals("failed", loop.state(), report::text);
    assertTrue(loop.description().matches("class too large after rewriting: its constant pool"
        + " would have 655\\d\\d entries, over the JVM's limit of 65535"), report::text);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.hotloop.it.jvm.Jdk#installed")
  void everyLoopOfAMethodWithManyIsReportedAndTheSumsAccelerated(Jdk jdk) {
    HotloopReport report = WITH.get(jdk).report();
    List<ReportedLoop> loops = report.loopsOf(odd("ManyLoops.run("));
    assertEquals(MANY_REJECTED + MANY_ACCEPTED, loops.size(), report::text);
    for (ReportedLoop loop : loops.subList(0, MANY_REJECTED)) {
      assertEquals("rejected", loop.state(), report::text);
      assertEquals("local #2 carries a value from one iteration to the next that is not a"
          + " reduction", loop.description(), report::text);
    }
    for (ReportedLoop loop : loops.subList(MANY_REJECTED, loops.size())) {
      assertEquals("accelerated", loop.state(), report::text);
      assertTrue(loop.counts().kernelRuns() > 0, report::text);
    }
  }
}
