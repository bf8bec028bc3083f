package io.lambdaledger.collector;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.sim.FunctionTruth;
import io.lambdaledger.sim.SimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue #14's benchmark (not a timed test; excluded from the normal build): the first {@code
 * collect --once} on an empty PostgreSQL database against a simulator with data from three hours
 * back (seed 7), with production settings (default budget and rate limits). Measures the series
 * ListMetrics lists against the metrics requested, the time until the cycle's metrics are stored
 * (the per-function reads still running beside it), the time until those reads are done, and checks
 * every stored value of the window against the simulator's truth. Run with:
 *
 * <pre>
 * ./mvnw -o -pl collector -am test -Dcollector.excludedGroups= -Dgroups=benchmark \
 *   -Dtest=CollectionPlanBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *   [-Dbenchmark.functions=1000,5000]
 * </pre>
 *
 * Rows are printed and appended to {@code collector/target/collection-plan-benchmark.md}.
 */
@Tag("benchmark")
class CollectionPlanBenchmark {

  private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
  private static final Instant NOW = START.plus(Duration.ofHours(3)).plusSeconds(20);

  @Test
  void theFirstCollectionRequestsOnlyWhatExistsAndStoresItsMetricsInSeconds() throws Exception {
    List<String> rows = new ArrayList<>();
    for (String size : System.getProperty("benchmark.functions", "1000,5000").split(",")) {
      rows.add(run(Integer.parseInt(size.trim())));
    }
    Path out = Path.of("target", "collection-plan-benchmark.md");
    Files.writeString(
        out, String.join("\n", rows) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    rows.forEach(System.out::println);
  }

  private static String run(int functions) {
    SimulatorSettings simulator =
        SimulatorSettings.defaults()
            .withFunctions(functions)
            .withSeed(7)
            .withStart(START)
            .withLag(Duration.ZERO);
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.POSTGRESQL, simulator, CollectorSettings.defaults(), NOW)) {
      Collector collector = harness.collector(false);
      long began = System.nanoTime();
      ShardReport report = collector.runOnce().shards().get(0);
      long metricsStored = System.nanoTime();
      boolean enriched = collector.awaitEnrichment(Duration.ofHours(1));
      long enrichedAt = System.nanoTime();
      if (report.failed()) {
        throw new AssertionError(report.summary());
      }
      int[] compared = compareWindow(harness, report.window());
      CollectionBudget.Plan plan = collector.budget().plan();
      double allowed = report.seriesListed() * 1.02;
      double enrichmentSeconds = (enrichedAt - metricsStored) / 1e9;
      long pcCalls = harness.sim.stats().calls("ListProvisionedConcurrencyConfigs");
      return String.format(
          "| %,d | %,d | %,d | %,d | %,d | %s | %,d | %,d of %,d | %.1f s | %.1f s (%,d calls, %.1f/s)%s"
              + " | %s | $%s |",
          functions,
          report.activeFunctions(),
          report.seriesListed(),
          report.metricsRequested(),
          report.seriesWithData(),
          report.metricsRequested() <= allowed ? "≤ listed + 2 %: met" : "not met",
          report.calls("GetMetricData"),
          compared[0] - compared[1],
          compared[0],
          (metricsStored - began) / 1e9,
          enrichmentSeconds,
          pcCalls,
          pcCalls / Math.max(0.001, enrichmentSeconds),
          enriched ? "" : " (not finished)",
          plan.shards().get(0).interval(),
          plan.projectedMonthlyUsd().toPlainString());
    }
  }

  /** Functions compared in the window and how many differ from the truth in any measure. */
  private static int[] compareWindow(CollectorHarness harness, TimeWindow window) {
    Instant from = window.start().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    Instant to =
        window.end().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    Map<FunctionKey, Map<Instant, UsageTotals>> stored = harness.storedHours(from, to);
    int compared = 0;
    int differing = 0;
    for (FunctionTruth truth :
        harness
            .sim
            .truth(window.start(), window.end(), harness.account(), CollectorHarness.REGION)
            .functions()) {
      FunctionKey key = new FunctionKey(truth.account(), truth.region(), truth.name());
      UsageTotals sum =
          stored.getOrDefault(key, Map.of()).values().stream()
              .reduce(UsageTotals::plus)
              .orElse(null);
      boolean active =
          truth.invocations() > 0 || truth.throttles() > 0 || truth.deadLetterErrors() > 0;
      if (!active && sum == null) {
        continue;
      }
      compared++;
      boolean same =
          sum != null
              && sum.requests() == truth.invocations()
              && sum.errors() == truth.errors()
              && sum.throttles() == truth.throttles()
              && sum.deadLetterErrors() == truth.deadLetterErrors()
              && sum.durationMsSum().compareTo(truth.durationMsSum()) == 0;
      if (!same) {
        differing++;
      }
    }
    return new int[] {compared, differing};
  }
}
