package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.db.CollectionRunStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.sim.FunctionTruth;
import io.lambdaledger.sim.SimulatedFunction;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One cycle against the simulator through the real SDK: GetMetricData calls at the lower bound,
 * metrics requested exactly what the simulator counted, nothing requested for idle functions.
 */
class CycleEfficiencyTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-09-10T14:02:30Z");

  @Test
  void aCycleMakesTheFewestCallsAndRequestsOnlyTheRecentlyActiveFunctions() {
    SimulatorSettings simulator =
        SimulatorSettings.defaults().withFunctions(400).withSeed(11).withStart(START);
    try (CollectorHarness harness =
        CollectorHarness.start(DatabaseKind.H2, simulator, CollectorHarness.testSettings(), NOW)) {
      Collector collector = harness.collector(false);

      ShardReport report = collector.runOnce().shards().get(0);

      assertThat(report.failed()).as(report.summary()).isFalse();
      Set<String> recentlyActive = recentlyActive(harness);
      Map<String, SimulatedFunction> functions =
          harness.sim.functions().stream()
              .collect(Collectors.toMap(SimulatedFunction::name, function -> function));
      int expectedQueries =
          recentlyActive.stream()
              .mapToInt(name -> functions.get(name).provisionedConcurrency() > 0 ? 8 : 6)
              .sum();
      assertThat(recentlyActive).hasSizeGreaterThan(100);
      assertThat(recentlyActive)
          .as("no idle function is active")
          .allSatisfy(name -> assertThat(functions.get(name).pattern()).isNotEqualTo("IDLE"));
      assertThat(functions.values().stream().filter(f -> f.pattern().equals("IDLE")).count())
          .as("the estate has idle functions to skip")
          .isGreaterThan(50);
      assertThat(report.activeFunctions()).isEqualTo(recentlyActive.size());
      assertThat(report.queries()).isEqualTo(expectedQueries);

      long lowerBound = (expectedQueries + 499) / 500;
      assertThat(report.calls("GetMetricData")).isEqualTo(lowerBound);
      assertThat(harness.sim.stats().calls("GetMetricData")).isEqualTo(lowerBound);
      assertThat(report.metricsRequested()).isEqualTo(expectedQueries);
      assertThat(harness.sim.stats().metricsRequested()).isEqualTo(expectedQueries);

      CollectionRun run =
          new CollectionRunStore(harness.dsl()).recent(1, AccountScope.all()).get(0);
      assertThat(run.metricsRequested()).isEqualTo(expectedQueries);
      assertThat(run.callsPerOperation()).containsEntry("GetMetricData", lowerBound);
      assertThat(run.cloudWatchCost())
          .isEqualByComparingTo(CloudWatchCost.ofMetricsRequested(expectedQueries));
      assertThat(run.projectedMonthlyCost())
          .isEqualByComparingTo(
              CloudWatchCost.projectedMonthly(expectedQueries, Duration.ofMinutes(5)));
      assertThat(run.windowStart()).isEqualTo(Instant.parse("2026-09-10T13:30:00Z"));
      assertThat(run.windowEnd()).isEqualTo(Instant.parse("2026-09-10T14:00:00Z"));
    }
  }

  @Test
  void anotherCycleFiveMinutesLaterNeedsNoInventoryAndTheSameFewCalls() {
    SimulatorSettings simulator =
        SimulatorSettings.defaults().withFunctions(120).withSeed(5).withStart(START);
    try (CollectorHarness harness =
        CollectorHarness.start(DatabaseKind.H2, simulator, CollectorHarness.testSettings(), NOW)) {
      Collector collector = harness.collector(false);
      collector.runOnce();
      harness.sim.resetStats();
      harness.clock.advance(Duration.ofMinutes(5));

      ShardReport second = collector.runOnce().shards().get(0);

      assertThat(second.failed()).as(second.summary()).isFalse();
      assertThat(second.calls("ListFunctions")).isZero();
      assertThat(harness.sim.stats().calls("ListFunctions")).isZero();
      assertThat(second.calls("GetMetricData")).isEqualTo((second.queries() + 499) / 500);
      assertThat(harness.sim.stats().metricsRequested()).isEqualTo(second.queries());
    }
  }

  /** Functions with a visible Invocations, Throttles or DeadLetterErrors datapoint in 3 hours. */
  private static Set<String> recentlyActive(CollectorHarness harness) {
    Instant now = harness.clock.instant();
    Instant to = TimeWindow.floor(now.minus(harness.sim.settings().lag()), Duration.ofMinutes(1));
    Instant from = TimeWindow.floor(now, Duration.ofMinutes(1)).minus(Duration.ofHours(3));
    List<FunctionTruth> truth = harness.sim.truth(from, to).functions();
    return truth.stream()
        .filter(f -> f.invocations() > 0 || f.throttles() > 0 || f.deadLetterErrors() > 0)
        .map(FunctionTruth::name)
        .collect(Collectors.toSet());
  }
}
