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
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.RecentlyActive;

/**
 * One cycle against the simulator through the real SDK: GetMetricData calls at the lower bound,
 * metrics requested exactly what the simulator counted, nothing requested for idle functions.
 */
class CycleEfficiencyTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-09-10T14:02:30Z");

  @Test
  void aCycleRequestsExactlyTheSeriesListMetricsListsWithTheFewestCalls() {
    SimulatorSettings simulator = CollectorHarness.simulation(400, 11, START);
    try (CollectorHarness harness = CollectorHarness.start(DatabaseKind.H2, simulator, NOW)) {
      Collector collector = harness.collector(false);

      ShardReport report = collector.runOnce().shards().get(0);

      assertThat(report.failed()).as(report.summary()).isFalse();
      Map<String, Set<String>> listed = listedRecently(harness);
      List<FunctionTruth> truth = recentTruth(harness);
      assertThat(listed.get("Invocations"))
          .as("a function has an Invocations series only if it was invoked")
          .isEqualTo(names(truth, f -> f.invocations() > 0))
          .hasSizeGreaterThan(100);
      assertThat(listed.get("Throttles")).isEqualTo(names(truth, f -> f.throttles() > 0));
      assertThat(listed.get("DeadLetterErrors"))
          .isEqualTo(names(truth, f -> f.deadLetterErrors() > 0));
      assertThat(listed.get("ProvisionedConcurrencyInvocations"))
          .isEqualTo(names(truth, f -> f.provisionedConcurrencyInvocations() > 0));
      assertThat(listed.get("IteratorAge"))
          .as("only stream consumers have an IteratorAge")
          .isNotEmpty()
          .hasSizeLessThan(listed.get("Invocations").size());
      long seriesListed =
          listed.values().stream().mapToLong(Set::size).sum() + listed.get("Invocations").size();
      Set<String> active = new java.util.TreeSet<>();
      listed.values().forEach(active::addAll);
      Map<String, SimulatedFunction> functions =
          harness.sim.functions().stream()
              .collect(Collectors.toMap(SimulatedFunction::name, function -> function));
      assertThat(functions.values().stream().filter(f -> f.pattern().equals("IDLE")).count())
          .as("the estate has idle functions to skip")
          .isGreaterThan(50);
      assertThat(report.activeFunctions()).isEqualTo(active.size());
      assertThat(report.queries()).isEqualTo(seriesListed);
      assertThat(report.seriesListed()).isEqualTo(seriesListed);
      assertThat(report.seriesWithData()).isPositive().isLessThanOrEqualTo(seriesListed);

      long lowerBound = (seriesListed + 499) / 500;
      assertThat(report.calls("GetMetricData")).isEqualTo(lowerBound);
      assertThat(harness.sim.stats().calls("GetMetricData")).isEqualTo(lowerBound);
      assertThat(report.metricsRequested()).isEqualTo(seriesListed);
      assertThat(harness.sim.stats().metricsRequested()).isEqualTo(seriesListed);

      CollectionRun run =
          new CollectionRunStore(harness.dsl()).recent(1, AccountScope.all()).get(0);
      assertThat(run.metricsRequested()).isEqualTo(seriesListed);
      assertThat(run.seriesListed()).isEqualTo(seriesListed);
      assertThat(run.seriesWithData()).isEqualTo(report.seriesWithData());
      assertThat(run.callsPerOperation()).containsEntry("GetMetricData", lowerBound);
      assertThat(run.cloudWatchCost())
          .isEqualByComparingTo(CloudWatchCost.ofMetricsRequested(seriesListed));
      Duration interval = collector.budget().interval();
      assertThat(interval)
          .as("the default budget buys this estate a cadence between the ceiling and the floor")
          .isGreaterThan(Duration.ofMinutes(5))
          .isLessThan(Duration.ofDays(1));
      assertThat(run.intervalSeconds()).isEqualTo((int) interval.toSeconds());
      assertThat(run.budgetUsd()).isEqualByComparingTo(CollectorSettings.DEFAULT_BUDGET);
      assertThat(run.projectedMonthlyCost())
          .isEqualByComparingTo(CloudWatchCost.projectedMonthly(seriesListed, interval))
          .isLessThanOrEqualTo(CollectorSettings.DEFAULT_BUDGET);
      assertThat(run.windowStart()).isEqualTo(Instant.parse("2026-09-10T13:30:00Z"));
      assertThat(run.windowEnd()).isEqualTo(Instant.parse("2026-09-10T14:00:00Z"));
    }
  }

  @Test
  void anotherCycleFiveMinutesLaterNeedsNoInventoryAndTheSameFewCalls() {
    SimulatorSettings simulator = CollectorHarness.simulation(120, 5, START);
    try (CollectorHarness harness = CollectorHarness.start(DatabaseKind.H2, simulator, NOW)) {
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

  /** What the simulator's ListMetrics lists with RecentlyActive=PT3H, per metric name. */
  private static Map<String, Set<String>> listedRecently(CollectorHarness harness) {
    Map<String, Set<String>> listed = new java.util.TreeMap<>();
    try (CloudWatchClient cloudWatch = harness.simulatorClient(CloudWatchClient.builder())) {
      for (LambdaMetric metric : MetricSelection.LISTED) {
        Set<String> names = new java.util.TreeSet<>();
        cloudWatch
            .listMetricsPaginator(
                request ->
                    request
                        .namespace("AWS/Lambda")
                        .metricName(metric.cloudWatchName())
                        .dimensions(DimensionFilter.builder().name("FunctionName").build())
                        .recentlyActive(RecentlyActive.PT3_H))
            .metrics()
            .forEach(series -> names.add(series.dimensions().get(0).value()));
        listed.put(metric.cloudWatchName(), names);
      }
    }
    return listed;
  }

  /** The truth of the three hours ListMetrics looks at (up to what is visible now). */
  private static List<FunctionTruth> recentTruth(CollectorHarness harness) {
    Instant now = harness.clock.instant();
    Instant to = TimeWindow.floor(now.minus(harness.sim.settings().lag()), Duration.ofMinutes(1));
    Instant from = TimeWindow.floor(now, Duration.ofMinutes(1)).minus(Duration.ofHours(3));
    return harness.sim.truth(from, to).functions();
  }

  private static Set<String> names(
      List<FunctionTruth> truth, java.util.function.Predicate<FunctionTruth> filter) {
    return truth.stream().filter(filter).map(FunctionTruth::name).collect(Collectors.toSet());
  }
}
