package io.lambdaledger.app;

import io.lambdaledger.api.ServiceMetrics;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.db.CollectionRunStore;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds {@code /metrics} from the recorded collection runs of this process (scheduled, requested
 * through the API, or backfill alike): every finished run once, by its id. Each replica exports its
 * own runs, so Prometheus can sum them.
 */
final class RunMetricsFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunMetricsFeed.class);
  private static final int WINDOW = 500;

  private final CollectionRunStore runs;
  private final ServiceMetrics metrics;
  private final String instance;
  private RepeatingTask task;
  private final Set<Long> exported = new HashSet<>();

  /** Runs already finished when the feed starts are history, not exported again. */
  RunMetricsFeed(CollectionRunStore runs, ServiceMetrics metrics, String instance) {
    this.runs = runs;
    this.metrics = metrics;
    this.instance = instance;
    for (CollectionRun run : runs.recent(WINDOW, AccountScope.all())) {
      if (run.status() != RunStatus.RUNNING) {
        exported.add(run.id());
      }
    }
  }

  RunMetricsFeed start(Duration every) {
    task = new RepeatingTask("run-metrics", every, LOG, "run-metrics-failed", this::poll);
    return this;
  }

  /** Exports the runs finished since the last poll. */
  synchronized void poll() {
    List<CollectionRun> recent = runs.recent(WINDOW, AccountScope.all());
    List<CollectionRun> finished =
        recent.stream()
            .filter(run -> !exported.contains(run.id()))
            .filter(run -> run.finishedAt() != null && run.status() != RunStatus.RUNNING)
            .filter(run -> instance.equals(run.instance()))
            .sorted(Comparator.comparingLong(CollectionRun::id))
            .toList();
    for (CollectionRun run : finished) {
      run.callsPerOperation().forEach(metrics::cloudWatchCalls);
      metrics.metricsRequested(run.metricsRequested());
      if (run.intervalSeconds() != null
          && run.budgetUsd() != null
          && run.projectedMonthlyCost() != null) {
        metrics.collectionCadence(
            run.budgetUsd(),
            run.accountId(),
            run.region(),
            Duration.ofSeconds(run.intervalSeconds()),
            run.seriesListed(),
            run.projectedMonthlyCost());
      }
      metrics.cloudWatchSpend(run.cloudWatchCost());
      metrics.collectionCycleFinished(
          run.status() == RunStatus.SUCCEEDED
              ? "success"
              : run.status().name().toLowerCase(java.util.Locale.ROOT),
          Duration.between(run.startedAt(), run.finishedAt()),
          run.finishedAt());
      exported.add(run.id());
    }
    Set<Long> stillRecent = new HashSet<>();
    recent.forEach(run -> stillRecent.add(run.id()));
    exported.retainAll(stillRecent);
  }

  @Override
  public void close() {
    if (task != null) {
      task.close();
    }
  }
}
