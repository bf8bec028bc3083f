package io.lambdaledger.collector;

import io.lambdaledger.collector.history.HistoryPass;
import io.lambdaledger.core.model.CollectionRunResult;
import io.lambdaledger.core.model.CollectionRunStart;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.db.HistoryStore;
import io.lambdaledger.db.MetricSampleStore;
import io.lambdaledger.db.UsageRollupStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one shard: a cycle (window from the lookback and the watermark) or one backfill
 * window. Records the run, refreshes the inventory when due, reads and stores the samples,
 * recomputes the rollups of what it touched, and moves the watermark when everything it read is
 * complete. Any failure is recorded with the run and reported, never thrown past it.
 */
record ShardCollector(
    ShardContext context,
    ShardClients clients,
    Stores stores,
    RunRecorder runs,
    CollectorSettings settings,
    Clock clock,
    String instance) {

  private static final Logger LOG = LoggerFactory.getLogger(ShardCollector.class);

  /** How far back ListMetrics' {@code RecentlyActive=PT3H} sees. */
  static final Duration RECENTLY_ACTIVE = Duration.ofHours(3);

  /** How far back ListMetrics lists metrics at all. */
  static final Duration LISTED_METRICS = Duration.ofDays(14);

  /** A scheduled cycle: the lookback window, reaching back to the watermark. */
  ShardReport cycle() {
    Instant now = clock.instant();
    Instant watermark = runs.watermark(context.shard).orElse(null);
    // the window does not depend on the horizon; completeTo is planned again after the inventory
    CyclePlan draft =
        CyclePlan.at(
            now,
            settings.period(),
            settings.lookback(),
            watermark,
            new FinalityHorizon(FinalityHorizon.MAX_LAMBDA_TIMEOUT, settings.finalityMargin()));
    if (draft.gap() != null) {
      LOG.warn(
          "shard={} event=gap-skipped gap={} hint=\"lambda-ledger collect --from {} --to {}\"",
          context.shard,
          draft.gap(),
          draft.gap().start(),
          draft.gap().end());
    }
    return run(
        draft.window(),
        draft.period(),
        now,
        inventory -> {
          FinalityHorizon horizon =
              new FinalityHorizon(inventory.longestTimeout(now), settings.finalityMargin());
          return CyclePlan.at(now, settings.period(), settings.lookback(), watermark, horizon)
              .completeTo();
        },
        true);
  }

  /**
   * A backfill window: everything CloudWatch lists (and, for windows older than its two-week
   * listing, every known function). Moves no watermark.
   */
  ShardReport window(TimeWindow window, Duration period) {
    return run(window, period, clock.instant(), inventory -> null, false);
  }

  /** How far ListMetrics can vouch for a window read now. */
  static MetricSelection.Coverage coverage(TimeWindow window, Instant now) {
    if (!window.start().isBefore(now.minus(RECENTLY_ACTIVE))) {
      return MetricSelection.Coverage.LISTED;
    }
    return window.start().isBefore(now.minus(LISTED_METRICS))
        ? MetricSelection.Coverage.UNVOUCHED
        : MetricSelection.Coverage.VOUCHED;
  }

  private interface CompleteTo {
    /** Where the watermark may move if the run completes; null: not at all. */
    Instant after(ShardInventory inventory);
  }

  private ShardReport run(
      TimeWindow window,
      Duration period,
      Instant now,
      CompleteTo completeTo,
      boolean scheduledCycle) {
    CallCounter counter = new CallCounter();
    recordEarlierOutcomes();
    long runId =
        runs.started(
            new CollectionRunStart(
                context.shard.accountId(),
                context.shard.region(),
                window.start(),
                window.end(),
                (int) period.toSeconds(),
                now,
                instance));
    WindowCollector.Outcome outcome = null;
    String error = null;
    try {
      ShardInventory inventory =
          new ShardInventory(
              context, clients, stores.inventory(), settings.inventoryInterval(), counter);
      MetricSelection.Coverage coverage = coverage(window, now);
      outcome =
          new WindowCollector(
                  context,
                  clients,
                  stores.samples(),
                  stores.rollups(),
                  counter,
                  settings.callsInFlight())
              .collect(window, period, coverage, inventory, now);
      if (outcome.complete()) {
        Instant to = completeTo.after(inventory);
        if (to != null) {
          runs.advanceWatermark(context.shard, to, now);
        }
      } else {
        error = String.join("; ", outcome.problems());
      }
    } catch (CollectionInterruptedException e) {
      error = "interrupted";
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      error = WindowCollector.rootMessage(e);
      LOG.warn("shard={} event=run-failed window={}", context.shard, window, e);
    }
    if (outcome != null) {
      readHistory(window.start(), now, counter);
    }
    FunctionEnrichment enrichment = context.enrichment();
    if (enrichment != null) {
      counter.addAll(enrichment.takeCalls());
    }
    ShardReport report =
        report(window, period, outcome, counter, error, scheduledCycle, unread(enrichment));
    CollectionRunResult result =
        new CollectionRunResult(
            clock.instant(),
            report.status(),
            report.callsPerOperation(),
            report.metricsRequested(),
            report.samplesWritten(),
            report.cloudWatchCost(),
            report.projectedMonthlyCost(),
            error,
            report.seriesListed(),
            report.seriesWithData(),
            scheduledCycle ? (int) context.budget.interval().toSeconds() : null,
            scheduledCycle ? settings.budget() : null,
            report.unread());
    try {
      runs.finished(runId, result);
    } catch (RuntimeException e) {
      context.unrecorded(runId, result);
      LOG.warn(
          "shard={} event=run-not-recorded run={} (recorded at the shard's next run)",
          context.shard,
          runId,
          e);
    }
    LOG.info(
        "event=run {} wallMs={} {}",
        report.summary(),
        Duration.between(now, clock.instant()).toMillis(),
        outcome == null ? "" : outcome.timings());
    return report;
  }

  /**
   * Rebuilds history from before first sight from CloudTrail when due, then infers from CloudWatch
   * the provisioned concurrency since {@code from} that CloudTrail does not cover, after the run's
   * metrics are stored (it never delays them). Its failures are logged, never the run's: metrics do
   * not depend on it. The inference's GetMetricData calls are the run's (counted and priced).
   */
  private void readHistory(Instant from, Instant now, CallCounter counter) {
    HistoryPass pass =
        new HistoryPass(
            context.shard.accountId(),
            context.shard.region(),
            stores.history(),
            stores.rollups(),
            clients.cloudTrail(),
            context.cloudTrailLimiter::acquire);
    try {
      pass.runIfDue(now);
      new PcInferencePass(context, clients, stores.history(), stores.rollups(), counter)
          .run(from, now);
    } catch (CollectionInterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn(
          "shard={} event=history-failed error=\"{}\"",
          context.shard,
          WindowCollector.rootMessage(e),
          e);
    }
  }

  /**
   * Records how earlier runs of this shard ended when that could not be written at the time (the
   * database was away), so they read FAILED with their error rather than ABANDONED.
   */
  private void recordEarlierOutcomes() {
    context
        .unrecorded()
        .forEach(
            (runId, result) -> {
              try {
                runs.finished(runId, result);
                LOG.info("shard={} event=run-recorded-late run={}", context.shard, runId);
              } catch (IllegalArgumentException gone) {
                LOG.warn("shard={} event=run-not-found run={}", context.shard, runId);
              }
              context.recorded(runId);
            });
  }

  private ShardReport report(
      TimeWindow window,
      Duration period,
      WindowCollector.Outcome outcome,
      CallCounter counter,
      String error,
      boolean scheduledCycle,
      String unread) {
    long metrics = counter.metricsRequested();
    BigDecimal projected = null;
    if (scheduledCycle && error == null && outcome != null) {
      context.budget.observed(context.shard, outcome.seriesListed());
      projected = CloudWatchCost.projectedMonthly(metrics, context.budget.interval());
      logCadence();
    }
    Map<String, Long> calls = counter.callsByOperation();
    return new ShardReport(
        context.shard,
        error == null ? RunStatus.SUCCEEDED : RunStatus.FAILED,
        window,
        period,
        outcome == null ? 0 : outcome.activeFunctions(),
        outcome == null ? 0 : outcome.queries(),
        calls,
        metrics,
        outcome == null ? 0 : outcome.samplesWritten(),
        CloudWatchCost.ofMetricsRequested(metrics),
        projected,
        error,
        outcome == null ? 0 : outcome.seriesListed(),
        counter.seriesWithData(),
        unread);
  }

  /** The cost projection of the schedule, one line per cycle; a warning when over budget. */
  private void logCadence() {
    CollectionBudget.Plan plan = context.budget.plan();
    LOG.info(
        "shard={} event=cadence interval={} activeSeries={} projectedMonthly=${} budget=${}"
            + " projectedMonthlyAllShards=${}",
        context.shard,
        context.budget.interval(),
        plan.shards().stream()
            .filter(cadence -> cadence.shard().equals(context.shard))
            .mapToLong(CollectionBudget.ShardCadence::activeSeries)
            .sum(),
        plan.shards().stream()
            .filter(cadence -> cadence.shard().equals(context.shard))
            .map(cadence -> cadence.projectedMonthlyUsd().toPlainString())
            .findFirst()
            .orElse("0"),
        plan.monthlyUsd().toPlainString(),
        plan.projectedMonthlyUsd().toPlainString());
    plan.warnings().forEach(warning -> LOG.warn("event=over-budget {}", warning));
  }

  /** What the shard could not read (its metrics are complete all the same), or null. */
  private String unread(FunctionEnrichment enrichment) {
    List<String> parts = new ArrayList<>();
    if (context.taggingProblem() != null) {
      parts.add(context.taggingProblem());
    }
    String refused = enrichment == null ? null : enrichment.unread();
    if (refused != null) {
      parts.add(refused);
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /** The stores a run writes to. */
  record Stores(
      io.lambdaledger.db.InventoryStore inventory,
      MetricSampleStore samples,
      UsageRollupStore rollups,
      HistoryStore history) {}
}
