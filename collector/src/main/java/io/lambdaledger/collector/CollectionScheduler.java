package io.lambdaledger.collector;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs collection cycles on a schedule with db-scheduler: one recurring task per account and region
 * ({@code collect:<account>/<region>}), at the cadence the budget buys ({@link CollectionBudget};
 * an explicit {@code collector.interval} wins), plus a daily retention task. The tasks live in the
 * database's {@code scheduled_tasks} table: several processes pointed at the same PostgreSQL split
 * the shards between them (each execution is picked by one scheduler, under a row lock), a shard
 * never runs twice at the same time, and a shard whose process died is picked up again once its
 * heartbeat is missed.
 */
public final class CollectionScheduler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CollectionScheduler.class);

  /** Prefix of the shard tasks' names. */
  public static final String TASK_PREFIX = "collect:";

  /** Name of the retention task. */
  public static final String RETENTION_TASK = "collector-retention";

  private final Scheduler scheduler;

  /**
   * @param dataSource the database's pool ({@code Database.dataSource()})
   * @param pollingInterval how often the scheduler looks for due tasks (10 s in production)
   */
  public CollectionScheduler(Collector collector, DataSource dataSource, Duration pollingInterval) {
    List<RecurringTask<Void>> tasks = new ArrayList<>();
    for (Shard shard : collector.shards()) {
      tasks.add(
          Tasks.recurring(TASK_PREFIX + shard.key(), new BudgetSchedule(collector.budget()))
              .execute(
                  (instance, context) -> {
                    ShardReport report = collector.runShard(shard);
                    if (report.failed()) {
                      LOG.warn("event=scheduled-cycle-failed {}", report.summary());
                    }
                  }));
    }
    tasks.add(
        Tasks.recurring(RETENTION_TASK, Schedules.fixedDelay(Duration.ofDays(1)))
            .execute((instance, context) -> collector.applyRetention()));
    this.scheduler =
        Scheduler.create(dataSource)
            .startTasks(tasks)
            .threads(collector.settings().maxConcurrentShards())
            .pollingInterval(pollingInterval)
            .heartbeatInterval(Duration.ofSeconds(30))
            .enableImmediateExecution()
            .build();
  }

  /**
   * A fixed delay after each execution whose length the budget chooses at that moment ({@link
   * CollectionBudget#interval()}), so a shard's cadence follows its active series.
   */
  static final class BudgetSchedule implements Schedule {

    private final CollectionBudget budget;

    BudgetSchedule(CollectionBudget budget) {
      this.budget = budget;
    }

    @Override
    public Instant getNextExecutionTime(ExecutionComplete executionComplete) {
      return executionComplete.getTimeDone().plus(budget.interval());
    }

    @Override
    public Instant getInitialExecutionTime(Instant now) {
      return now;
    }

    @Override
    public boolean isDeterministic() {
      return false;
    }

    @Override
    public String toString() {
      return "BudgetSchedule";
    }
  }

  /** Starts polling; shard tasks run as they fall due (the first ones at once). */
  public void start() {
    scheduler.start();
  }

  /** Stops polling and waits for running cycles to end (up to the scheduler's shutdown wait). */
  public void stop() {
    scheduler.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
