package io.lambdaledger.app;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.db.CollectionRunStore;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link AlertCycle} after each collection cycle: it watches the recorded collection runs
 * (scheduled, requested through the API, or run by another replica) and evaluates once whenever a
 * run has finished since the last evaluation, and once at start. Replicas sharing a database may
 * both evaluate; the alert store raises each alert once.
 */
final class AlertFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);

  private final CollectionRunStore runs;
  private final AlertCycle cycle;
  private RepeatingTask task;
  private long lastSeenRun = -1;

  AlertFeed(CollectionRunStore runs, AlertCycle cycle) {
    this.runs = runs;
    this.cycle = cycle;
  }

  AlertFeed start(Duration every) {
    task = new RepeatingTask("alerts", every, LOG, "alert-cycle-failed", this::poll);
    return this;
  }

  /** Evaluates if a collection run finished since the last evaluation (or on the first call). */
  synchronized boolean poll() {
    long latest = -1;
    for (CollectionRun run : runs.recent(20, AccountScope.all())) {
      if (run.status() != RunStatus.RUNNING && run.finishedAt() != null) {
        latest = Math.max(latest, run.id());
      }
    }
    if (lastSeenRun >= 0 && latest <= lastSeenRun) {
      return false;
    }
    lastSeenRun = Math.max(latest, 0);
    AlertCycle.Outcome outcome = cycle.run();
    LOG.info(
        "event=alert-cycle raised={} judged={} notEnoughHistory={} hoursJudged={} redelivered={}",
        outcome.raised().size(),
        outcome.judged(),
        outcome.notEnoughHistory(),
        outcome.hoursJudged(),
        outcome.redelivered());
    return true;
  }

  @Override
  public void close() {
    if (task != null) {
      task.close();
    }
  }
}
