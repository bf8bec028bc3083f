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

  private static String run(int functions) throws InterruptedException {
    SimulatorSettings simulator =
        CollectorHarness.simulation(functions, 7, START).withLag(Duration.ZERO);
    if (!Boolean.parseBoolean(System.getProperty("benchmark.cloudTrail", "true"))) {
      // no history pass after the metrics (it reads 90 days of CloudTrail at 2 calls a second)
      simulator = simulator.withFaults(io.lambdaledger.sim.Faults.parse("LookupEvents.deny=true"));
    }
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.POSTGRESQL, simulator, CollectorSettings.defaults(), NOW)) {
      Collector collector = harness.collector(false);
      boolean awaitEnrichment =
          Boolean.parseBoolean(System.getProperty("benchmark.awaitEnrichment", "true"));
      long began = System.nanoTime();
      StoredRows stored = new StoredRows(harness.dsl(), began);
      ShardReport report;
      long cycleDone;
      try {
        report = collector.runOnce().shards().get(0);
        cycleDone = System.nanoTime();
      } finally {
        stored.stop();
      }
      boolean enriched = awaitEnrichment && collector.awaitEnrichment(Duration.ofHours(1));
      long enrichedAt = System.nanoTime();
      if (report.failed()) {
        throw new AssertionError(report.summary());
      }
      int[] compared = compareWindow(harness, report.window());
      CollectionBudget.Plan plan = collector.budget().plan();
      double allowed = report.seriesListed() * 1.02;
      double enrichmentSeconds = (enrichedAt - cycleDone) / 1e9;
      long pcCalls = harness.sim.stats().calls("ListProvisionedConcurrencyConfigs");
      // an upper bound of the peak heap (pool peaks summed), simulator and database driver included
      long peakHeap =
          java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
              .mapToLong(pool -> pool.getPeakUsage().getUsed())
              .sum();
      return String.format(
          "| %,d | %,d | %,d | %,d | %,d | %s | %,d | %,d of %,d | %.1f s | %.1f s | %.1f s | %.1f s"
              + " | %s | %s | $%s | %,d MB |",
          functions,
          report.activeFunctions(),
          report.seriesListed(),
          report.metricsRequested(),
          report.seriesWithData(),
          report.metricsRequested() <= allowed ? "≤ listed + 2 %: met" : "not met",
          report.calls("GetMetricData"),
          compared[0] - compared[1],
          compared[0],
          stored.firstSeconds(),
          stored.firstRollupSeconds(),
          stored.allSeconds(report.samplesWritten()),
          (cycleDone - began) / 1e9,
          awaitEnrichment
              ? String.format(
                  "%.1f s (%,d calls, %.1f/s)%s",
                  enrichmentSeconds,
                  pcCalls,
                  pcCalls / Math.max(0.001, enrichmentSeconds),
                  enriched ? "" : " (not finished)")
              : "not awaited",
          plan.shards().get(0).interval(),
          plan.projectedMonthlyUsd().toPlainString(),
          peakHeap / (1024 * 1024));
    }
  }

  /**
   * Watches the sample table from outside the collector (a query every 100 ms, as a dashboard would
   * see it): when the first sample row was committed, and when the row count first reached the
   * cycle's total.
   */
  private static final class StoredRows {

    private final org.jooq.DSLContext dsl;
    private final long began;
    private final List<long[]> counts = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private volatile boolean stopped;

    StoredRows(org.jooq.DSLContext dsl, long began) {
      this.dsl = dsl;
      this.began = began;
      this.thread = Thread.ofPlatform().daemon().name("stored-rows").start(this::watch);
    }

    private void watch() {
      while (!stopped) {
        long rows = dsl.fetchCount(io.lambdaledger.db.jooq.Tables.METRIC_SAMPLE);
        long hours = dsl.fetchCount(io.lambdaledger.db.jooq.Tables.USAGE_HOUR);
        long at = System.nanoTime() - began;
        if (rows > 0 && Double.isNaN(firstSeconds())) {
          System.out.printf("first sample row committed after %.1f s%n", at / 1e9);
        }
        counts.add(new long[] {at, rows, hours});
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stop() throws InterruptedException {
      stopped = true;
      thread.join();
    }

    double firstSeconds() {
      return secondsWhen(1, 1);
    }

    double firstRollupSeconds() {
      return secondsWhen(2, 1);
    }

    double allSeconds(long total) {
      return secondsWhen(1, total);
    }

    private double secondsWhen(int column, long rows) {
      synchronized (counts) {
        for (long[] count : counts) {
          if (count[column] >= rows) {
            return count[0] / 1e9;
          }
        }
      }
      return Double.NaN;
    }
  }

  /** Functions compared in the window and how many differ from the truth in any measure. */
  static int[] compareWindow(CollectorHarness harness, TimeWindow window) {
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
