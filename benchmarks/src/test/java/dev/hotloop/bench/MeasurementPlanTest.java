package dev.hotloop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class MeasurementPlanTest {

  @Test
  void iterationTimesTakeMillisecondsOrSeconds() {
    assertEquals(500, BenchMain.iterationMillis("500ms"));
    assertEquals(2000, BenchMain.iterationMillis("2s"));
    assertEquals(1000, BenchMain.iterationMillis("1"));
    assertEquals(250, BenchMain.iterationMillis(" 250 ms "));
    for (String bad : List.of("", "ms", "1.5s", "2min", "-1s")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> BenchMain.iterationMillis(bad), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void theHotloopJvmsWarmUpLongerAndTheEstimateSaysSo() {
    MeasurementPlan plan = new MeasurementPlan(1, 3, 5, 3, 500, List.of(100, 1000));
    // 2 sizes x (6 x 0.5 s + 0.9 s) without the agent, x (8 x 0.5 s + 0.9 s) with it
    assertEquals(2 * 3.9, plan.estimatedSeconds(1, false), 1e-9);
    assertEquals(2 * 4.9, plan.estimatedSeconds(1, true), 1e-9);
    assertEquals("1 fork, 3 x 500 ms warm-up (5 with the agent), 3 x 500 ms measurement,"
        + " sizes [100, 1000]", plan.describe());
  }

  @Test
  void theFullRunFitsFifteenMinutesAndTheQuickOneThree() {
    // every loop without and with the agent, and every hand-written kernel
    int loops = ComparedLoop.values().length;
    int hand = (int) Stream.of(ComparedLoop.values())
        .map(l -> l.family().handBenchmark().getName() + "." + l.handKernel()).distinct().count();
    MeasurementPlan full = MeasurementPlan.full();
    double fullSeconds = full.estimatedSeconds(loops + hand, false)
        + full.estimatedSeconds(loops, true);
    assertTrue(fullSeconds < 15 * 60, fullSeconds + " s");
    MeasurementPlan quick = MeasurementPlan.quick();
    double quickSeconds = quick.estimatedSeconds(loops + hand, false)
        + quick.estimatedSeconds(loops, true);
    assertTrue(quickSeconds < 3 * 60, quickSeconds + " s");
  }

  @Test
  void aPlanWithoutMeasurementOrWithTinyIterationsIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new MeasurementPlan(1, 3, 5, 0, 500, List.of(100)));
    assertThrows(IllegalArgumentException.class,
        () -> new MeasurementPlan(1, 3, 5, 3, 50, List.of(100)));
    assertThrows(IllegalArgumentException.class,
        () -> new MeasurementPlan(1, 3, 5, 3, 500, List.of()));
  }
}
