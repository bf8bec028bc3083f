package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Two collectors (two pools, as two processes would have) on one PostgreSQL run the same backfill
 * and the same cycles at the same time: every write is an upsert, so the totals stay exact.
 */
class TwoCollectorsTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");

  @Test
  void twoCollectorsRacingOnOnePostgresqlStoreExactlyTheTruth() {
    SimulatorSettings simulator =
        SimulatorSettings.defaults()
            .withFunctions(60)
            .withSeed(17)
            .withStart(START)
            .withLag(Duration.ofMinutes(5))
            .withFaults(
                Faults.parse("throttle=0.05,GetMetricData.throttle=0.05,GetMetricData.error=0.02"));
    CollectorSettings settings =
        CollectorHarness.testSettings().withInterval(Duration.ofMinutes(20));
    Instant now = START.plus(Duration.ofDays(2)).plusSeconds(95);
    try (CollectorHarness harness =
        CollectorHarness.start(DatabaseKind.POSTGRESQL, simulator, settings, now)) {
      Collector first = harness.collector(true);
      Collector second = harness.collector(true);
      Instant backfillEnd = START.plus(Duration.ofDays(1));

      List<CycleReport> backfills =
          both(
              () -> first.backfill(START, backfillEnd, Progress.none()),
              () -> second.backfill(START, backfillEnd, Progress.none()));
      for (int cycle = 0; cycle < 8; cycle++) {
        both(first::runOnce, second::runOnce);
        harness.clock.advance(settings.interval());
      }

      assertThat(backfills).allSatisfy(report -> assertThat(report.succeeded()).isTrue());
      harness.assertHoursMatchTruth(START, backfillEnd);
      Instant cyclesFrom = TimeWindow.ceil(now.minus(settings.lookback()), Duration.ofHours(1));
      Instant cyclesTo =
          TimeWindow.floor(
              harness.clock.instant().minus(Duration.ofMinutes(30)), Duration.ofHours(1));
      assertThat(harness.assertHoursMatchTruth(cyclesFrom, cyclesTo)).isPositive();
    }
  }

  private static <T> List<T> both(
      java.util.function.Supplier<T> one, java.util.function.Supplier<T> other) {
    CompletableFuture<T> a = CompletableFuture.supplyAsync(one);
    CompletableFuture<T> b = CompletableFuture.supplyAsync(other);
    return List.of(a.join(), b.join());
  }
}
