package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.collector.history.HistoryPass;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.db.HistoryStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The history pass beside scheduled cycles: 90 days the first time, then only what is new, never
 * the same hours twice; refused by CloudTrail, it costs the cycle nothing.
 */
class HistoryPassTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  private static HistoryStore.Cursor cursor(CollectorHarness harness) {
    return new HistoryStore(harness.dsl(), harness.clock)
        .cursor(harness.account(), CollectorHarness.REGION, HistoryPass.CLOUDTRAIL)
        .orElseThrow();
  }

  @Test
  void theFirstPassReadsNinetyDaysAndLaterPassesOnlyWhatIsNew() {
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.H2,
            SimulatorSettings.defaults().withFunctions(60).withSeed(11),
            CollectorHarness.testSettings(),
            NOW)) {
      Collector collector = harness.collector(false);

      assertThat(collector.runOnce().succeeded()).isTrue();
      HistoryStore.Cursor first = cursor(harness);
      long firstCalls = harness.sim.stats().calls("LookupEvents");

      harness.clock.advance(Duration.ofMinutes(30));
      assertThat(collector.runOnce().succeeded()).isTrue();
      long notDue = harness.sim.stats().calls("LookupEvents");

      harness.clock.advance(Duration.ofMinutes(60));
      assertThat(collector.runOnce().succeeded()).isTrue();
      HistoryStore.Cursor second = cursor(harness);

      assertThat(first.readFrom()).isEqualTo(NOW.minus(Duration.ofDays(90)).plusSeconds(3600));
      assertThat(first.readTo()).isEqualTo(NOW.minus(Duration.ofMinutes(20)));
      assertThat(firstCalls).isPositive();
      assertThat(notDue).isEqualTo(firstCalls);
      assertThat(second.readFrom()).isEqualTo(first.readFrom());
      assertThat(second.readTo()).isEqualTo(NOW.plus(Duration.ofMinutes(70)));
      assertThat(harness.sim.stats().calls("LookupEvents")).isEqualTo(firstCalls + 1);
      assertThat(second.denied()).isFalse();
    }
  }

  @Test
  void aDeniedLookupLeavesTheCycleSucceededAndTheHistoryUnknown() {
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.H2,
            SimulatorSettings.defaults()
                .withFunctions(60)
                .withSeed(11)
                .withFaults(Faults.parse("LookupEvents.deny=true")),
            CollectorHarness.testSettings(),
            NOW)) {
      Collector collector = harness.collector(false);

      CycleReport cycle = collector.runOnce();
      List<FunctionProvenance> december =
          new HistoryStore(harness.dsl(), harness.clock)
              .provenance(YearMonth.of(2026, 12), AccountScope.all());

      assertThat(cycle.succeeded()).isTrue();
      assertThat(cycle.shards().get(0).samplesWritten()).isPositive();
      assertThat(cursor(harness).denied()).isTrue();
      assertThat(december).isNotEmpty();
      assertThat(december).filteredOn(p -> p.provenance() == Provenance.UNKNOWN).isNotEmpty();
    }
  }
}
