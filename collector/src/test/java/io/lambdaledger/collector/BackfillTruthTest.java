package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;

/**
 * Collecting days of history stores, per function and hour, exactly what the simulator knows
 * happened; a backfill run again resumes (skips finished days) and requests nothing.
 */
class BackfillTruthTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-09-06T03:17:00Z");

  @OnEachDatabase
  void fiveDaysOfBackfillEqualTheTruthPerFunctionAndHourAndResumeForFree(DatabaseKind kind) {
    SimulatorSettings simulator = CollectorHarness.simulation(60, 3, START);
    try (CollectorHarness harness = CollectorHarness.start(kind, simulator, NOW)) {
      Collector collector = harness.collector(false);
      Instant to = START.plus(Duration.ofDays(5));

      CycleReport backfill = collector.backfill(START, to, Progress.none());

      assertThat(backfill.succeeded()).as("%s", backfill.failures()).isTrue();
      assertThat(backfill.shards()).hasSize(5);
      int activeHours = harness.assertHoursMatchTruth(START, to);
      assertThat(activeHours).isGreaterThan(1000);

      harness.sim.resetStats();
      CycleReport again = collector.backfill(START, to, Progress.none());

      assertThat(again.shards()).isEmpty();
      assertThat(harness.sim.stats().calls("GetMetricData")).isZero();
      harness.assertHoursMatchTruth(START, to);
    }
  }

  @OnEachDatabase
  void retentionDeletesOldSamplesAndKeepsTheRollups(DatabaseKind kind) {
    SimulatorSettings simulator = CollectorHarness.simulation(20, 3, START);
    try (CollectorHarness harness =
        CollectorHarness.start(
            kind, simulator, CollectorHarness.testSettings().withSampleRetentionDays(3), NOW)) {
      Collector collector = harness.collector(false);
      Instant to = START.plus(Duration.ofDays(5));
      assertThat(collector.backfill(START, to, Progress.none()).succeeded()).isTrue();
      long before = sampleCount(harness);

      long deleted = collector.applyRetention();

      // NOW is 2026-09-06T03:17: samples of the hours before 2026-09-03T03:00 go (whole hours)
      assertThat(deleted).isPositive().isLessThan(before);
      assertThat(sampleCount(harness)).isEqualTo(before - deleted);
      assertThat(
              harness
                  .dsl()
                  .fetchCount(
                      io.lambdaledger.db.jooq.Tables.METRIC_SAMPLE,
                      io.lambdaledger.db.jooq.Tables.METRIC_SAMPLE.PERIOD_START.lt(
                          Instant.parse("2026-09-03T03:00:00Z"))))
          .isZero();
      harness.assertHoursMatchTruth(START, to);
    }
  }

  private static long sampleCount(CollectorHarness harness) {
    return harness.dsl().fetchCount(io.lambdaledger.db.jooq.Tables.METRIC_SAMPLE);
  }
}
