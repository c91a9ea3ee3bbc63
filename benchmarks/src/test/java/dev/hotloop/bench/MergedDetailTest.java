package dev.hotloop.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class MergedDetailTest {

  private static final String KEPT = "measured at warm-up on %s elements: %s ns per element as"
      + " vector code, %s as scalar code; SIMD does not beat the code C2 makes of the loop here";

  @Test
  void forksThatMeasuredDifferentTimesSayOneThingWithRanges() {
    String a = KEPT.formatted("100", "0.075", "0.057");
    String b = KEPT.formatted("100", "0.079", "0.060");
    String c = KEPT.formatted("100", "0.075", "0.058");
    assertEquals(MergedDetail.shape(a), MergedDetail.shape(b));
    assertEquals(KEPT.formatted("100", "0.075-0.079", "0.057-0.060"),
        MergedDetail.merge(List.of(a, b, c)));
  }

  @Test
  void figuresCompareAsNumbersNotAsText() {
    String small = KEPT.formatted("32", "0.9", "1,000");
    String large = KEPT.formatted("1,000", "0.25", "987");
    assertEquals(KEPT.formatted("32-1,000", "0.25-0.9", "987-1,000"),
        MergedDetail.merge(List.of(small, large)));
  }

  @Test
  void oneDetailOrEqualFiguresStayAsWritten() {
    String kernel = "vector, IntVector x 16 lanes (512-bit), 4 partial results";
    assertEquals(kernel, MergedDetail.merge(List.of(kernel)));
    assertEquals(kernel, MergedDetail.merge(List.of(kernel, kernel, kernel)));
    assertEquals("", MergedDetail.merge(List.of("")));
  }

  @Test
  void detailsInOtherWordsAreNotMerged() {
    String unrolled = "vector, 16 lanes per step, stores, unrolled 4x";
    String plain = "vector, 16 lanes per step, stores";
    assertNotEquals(MergedDetail.shape(unrolled), MergedDetail.shape(plain));
    assertThrows(IllegalArgumentException.class,
        () -> MergedDetail.merge(List.of(unrolled, plain)));
    assertThrows(IllegalArgumentException.class, () -> MergedDetail.merge(List.of()));
  }
}
