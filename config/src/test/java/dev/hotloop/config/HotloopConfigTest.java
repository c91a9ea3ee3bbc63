package dev.hotloop.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HotloopConfigTest {

  private static final String SUM = "([J)J";

  private static HotloopConfig config(String text) {
    ConfigResult result = ConfigParser.parse("test.conf", text);
    assertEquals(List.of(), result.problems());
    return result.config();
  }

  @Test
  void defaultsSelectEveryMethodOutsideTheBuiltIns() {
    HotloopConfig config = HotloopConfig.defaults();
    assertEquals(List.of(), config.patterns());
    assertEquals(Thresholds.DEFAULT, config.thresholds());
    assertEquals(Optional.empty(), config.source());
    assertEquals(Optional.of(new MethodSettings(false, Thresholds.DEFAULT, Optional.empty())),
        config.select("com.example.Stats", "sumArray", SUM));
    assertTrue(config.mayTouchClass("com.example.Stats"));
  }

  @Test
  void excludeWinsWhateverItsPlace() {
    HotloopConfig after = config("com.example.Stats\n!com.example.Stats::debug*\n");
    HotloopConfig before = config("!com.example.Stats::debug*\ncom.example.Stats\n");
    for (HotloopConfig config : List.of(after, before)) {
      assertTrue(config.select("com.example.Stats", "debugDump", SUM).isEmpty());
      assertTrue(config.select("com.example.Stats", "sumArray", SUM).isPresent());
    }
  }

  @Test
  void excludeWithDescriptorRemovesOnlyThatOverload() {
    HotloopConfig config = config("!com.example.Stats::sum([J)J\n");
    assertTrue(config.select("com.example.Stats", "sum", SUM).isEmpty());
    assertTrue(config.select("com.example.Stats", "sum", "([D)D").isPresent());
    assertTrue(config.mayTouchClass("com.example.Stats"));
  }

  @Test
  void firstMatchingIncludeGivesTheOptions() {
    HotloopConfig config = config("com.example.Stats::sum* calls=10\n"
        + "com.example.Stats::sumArray fastmath iterations=99\n"
        + "com.example.**\n");
    MethodSettings sumArray = config.select("com.example.Stats", "sumArray", SUM).orElseThrow();
    assertFalse(sumArray.fastmath());
    assertEquals(new Thresholds(10, Thresholds.DEFAULT.iterations()), sumArray.thresholds());
    assertEquals(1, sumArray.matchedBy().orElseThrow().line());

    MethodSettings other = config.select("com.example.sub.Other", "run", "()V").orElseThrow();
    assertEquals(Thresholds.DEFAULT, other.thresholds());
    assertEquals(3, other.matchedBy().orElseThrow().line());
  }

  @Test
  void withIncludesOnlyMatchingMethodsAreSelected() {
    HotloopConfig config = config("com.example.Stats::sumArray\n");
    assertTrue(config.select("com.example.Stats", "sumArray", SUM).isPresent());
    assertTrue(config.select("com.example.Stats", "mean", SUM).isEmpty());
    assertTrue(config.select("com.example.Other", "sumArray", SUM).isEmpty());
  }

  @Test
  void onlyExcludesMeanEverythingElse() {
    HotloopConfig config = config("!com.example.Generated*\n!com.example.Stats::debug*\n");
    assertEquals(Optional.of(new MethodSettings(false, Thresholds.DEFAULT, Optional.empty())),
        config.select("com.example.Stats", "sumArray", SUM));
    assertTrue(config.select("com.example.GeneratedStats", "sumArray", SUM).isEmpty());
    assertTrue(config.select("com.example.Stats", "debugDump", "()V").isEmpty());
    assertTrue(config.select("java.util.Arrays", "fill", "([JJ)V").isEmpty());
  }

  @Test
  void patternThresholdsOverrideTheGlobalOnes() {
    HotloopConfig config = config("com.example.Stats::sum* calls=5\n"
        + "com.example.Stats::mean* iterations=7 fastmath parallel\n"
        + "com.example.Stats\n").withThresholds(new Thresholds(10, 20));
    assertEquals(new MethodSettings(false, new Thresholds(5, 20), Optional.of(config.patterns().get(0))),
        config.select("com.example.Stats", "sumArray", SUM).orElseThrow());
    MethodSettings mean = config.select("com.example.Stats", "meanOf", SUM).orElseThrow();
    assertTrue(mean.fastmath());
    assertTrue(mean.parallel());
    assertFalse(config.select("com.example.Stats", "sumArray", SUM).orElseThrow().parallel());
    assertEquals(new Thresholds(10, 7), mean.thresholds());
    assertEquals(new Thresholds(10, 20),
        config.select("com.example.Stats", "max", SUM).orElseThrow().thresholds());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "java.lang.Math", "javax.crypto.Cipher", "jdk.internal.misc.Unsafe", "sun.misc.Unsafe",
      "com.sun.crypto.provider.AESCrypt", "dev.hotloop.agent.HotloopAgent",
      "dev.hotloop.runtime.Counters", "dev.hotloop.config.HotloopConfig",
      "dev.hotloop.analyzer.LoopAnalyzer", "dev.hotloop.codegen.KernelEmitter",
      "dev.hotloop.shaded.org.objectweb.asm.ClassReader", "java/lang/Math",
  })
  void builtInsAreNeverSelectedEvenWhenAPatternMatches(String className) {
    HotloopConfig config = config("**\n" + className.replace('/', '.') + "::* fastmath\n");
    assertTrue(config.isBuiltIn(className));
    assertFalse(config.mayTouchClass(className));
    assertTrue(config.select(className, "run", "()V").isEmpty());
    assertTrue(HotloopConfig.defaults().select(className, "run", "()V").isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "dev.hotloop.examples.SumOfSquares", "dev.hotloop.bench.SumBench",
      "dev.hotloop.configurator.Foo", "com.example.Stats", "javafx.scene.Node", "Stats",
  })
  void userCodeIsEligible(String className) {
    HotloopConfig config = HotloopConfig.defaults();
    assertFalse(config.isBuiltIn(className));
    assertTrue(config.mayTouchClass(className));
    assertTrue(config.select(className, "run", "()V").isPresent());
  }

  @Test
  void mayTouchClassFollowsIncludesAndWholeClassExcludes() {
    HotloopConfig config = config("com.example.stats.**\n"
        + "com.example.Util::*\n"
        + "!com.example.stats.Generated*\n"
        + "!com.example.stats.Stats::debug*\n");
    assertTrue(config.mayTouchClass("com.example.stats.Stats"));
    assertTrue(config.mayTouchClass("com.example.Util"));
    assertFalse(config.mayTouchClass("com.example.stats.GeneratedStats"));
    assertFalse(config.mayTouchClass("com.example.Other"));

    HotloopConfig excludesOnly = config("!com.example.Gen*\n");
    assertTrue(excludesOnly.mayTouchClass("com.example.Stats"));
    assertFalse(excludesOnly.mayTouchClass("com.example.Generated"));
  }

  @Test
  void mayTouchClassAgreesWithSelect() {
    HotloopConfig config = config("com.example.a.*::sum*\n!com.example.a.Gen*\n");
    for (String name : List.of("com.example.a.Stats", "com.example.a.Gen1", "com.example.b.X")) {
      boolean someMethod = config.select(name, "sumAll", SUM).isPresent();
      assertTrue(!someMethod || config.mayTouchClass(name), name);
    }
  }

  @Test
  void isImmutable() {
    HotloopConfig config = config("com.example.Stats\n");
    assertThrows(UnsupportedOperationException.class, () -> config.patterns().clear());
    HotloopConfig changed = config.withThresholds(new Thresholds(1, 2));
    assertEquals(Thresholds.DEFAULT, config.thresholds());
    assertEquals(new Thresholds(1, 2), changed.thresholds());
    assertEquals(config.patterns(), changed.patterns());
  }
}
