package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.Watermark;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.OperationStats;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Scheduled cycles while the simulator throttles 10 % of calls, fails 5 % with a 5xx, cuts 5 % of
 * GetMetricData series short (PartialData) and shows datapoints only 8 minutes after their minute:
 * every final hour still equals the truth, and the watermark only covers final periods.
 */
class CyclesUnderFaultsTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");

  @OnEachDatabase
  void cyclesUnderThrottlingServerErrorsPartialDataAndLateDataStoreExactlyTheTruth(
      DatabaseKind kind) {
    SimulatorSettings simulator =
        CollectorHarness.simulation(50, 21, START)
            .withLag(Duration.ofMinutes(8))
            .withFaults(
                Faults.parse(
                    "throttle=0.1,error=0.05,GetMetricData.throttle=0.1,GetMetricData.error=0.05,"
                        + "GetMetricData.partial=0.05,"
                        // a cycle needs only a few calls now: make sure each fault happens
                        + "GetMetricData.throttleNext=2,GetMetricData.errorNext=2"));
    CollectorSettings settings =
        CollectorHarness.testSettings().withInterval(Duration.ofMinutes(15));
    Instant firstCycle = START.plus(Duration.ofHours(2)).plusSeconds(30);
    try (CollectorHarness harness = CollectorHarness.start(kind, simulator, settings, firstCycle)) {
      Collector collector = harness.collector(false);
      List<ShardReport> reports = new ArrayList<>();

      for (int cycle = 0; cycle < 14; cycle++) {
        reports.addAll(collector.runOnce().shards());
        harness.clock.advance(settings.interval());
      }

      OperationStats getMetricData = harness.sim.stats().operation("GetMetricData");
      assertThat(getMetricData.throttled()).as("throttled calls").isPositive();
      assertThat(getMetricData.serverErrors()).as("5xx answers").isPositive();
      assertThat(getMetricData.partialData()).as("series cut short").isPositive();
      assertThat(reports.stream().filter(report -> !report.failed()).count()).isGreaterThan(10);

      Watermark watermark = harness.watermark();
      Instant now = harness.clock.instant();
      assertThat(watermark.completeTo())
          .as("only final periods are complete")
          .isBeforeOrEqualTo(now.minus(Duration.ofMinutes(10)))
          .isAfter(firstCycle.plus(Duration.ofHours(2)));
      Instant lastFinalHour = TimeWindow.floor(watermark.completeTo(), Duration.ofHours(1));
      int hours = harness.assertHoursMatchTruth(START.plus(Duration.ofHours(2)), lastFinalHour);
      assertThat(hours).isGreaterThan(40);
    }
  }
}
