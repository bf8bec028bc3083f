package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProvisionedConcurrencySweepTest {

  private static final Instant NOON = Instant.parse("2026-09-10T12:20:00Z");

  @Test
  void theFirstPassSweepsTheCurrentHoursSliceOnly() {
    assertThat(ShardInventory.sweepHoursDue(null, NOON)).containsExactly(12);
  }

  @Test
  void hourlyPassesSweepTheHoursThatFellDueSinceTheLastOne() {
    assertThat(ShardInventory.sweepHoursDue(NOON, NOON.plusSeconds(1800))).isEmpty();
    assertThat(ShardInventory.sweepHoursDue(NOON, NOON.plusSeconds(3600))).containsExactly(13);
    assertThat(ShardInventory.sweepHoursDue(NOON, NOON.plusSeconds(3 * 3600 + 60)))
        .containsExactlyInAnyOrder(13, 14, 15);
    assertThat(ShardInventory.sweepHoursDue(NOON.minusSeconds(30 * 3600), NOON))
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 24).boxed().toList());
  }

  @Test
  void everyFunctionHasOneHourAndTheHoursAreSpreadOverTheDay() {
    Map<Integer, Integer> perHour = new TreeMap<>();
    for (int i = 0; i < 24_000; i++) {
      perHour.merge(ShardInventory.sweepHour("orders-api-" + i), 1, Integer::sum);
    }
    assertThat(perHour).hasSize(24);
    assertThat(perHour.values()).allSatisfy(n -> assertThat(n).isBetween(700, 1300));
  }
}
