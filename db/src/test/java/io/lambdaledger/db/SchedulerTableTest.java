package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.SCHEDULED_TASKS;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The scheduled_tasks table of V1 is the one db-scheduler 16 reads and writes. */
class SchedulerTableTest {

  @OnEachDatabase
  void dbSchedulerRunsOneTimeAndRecurringTasksFromTheTable(DatabaseKind kind) throws Exception {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      CountDownLatch once = new CountDownLatch(1);
      CountDownLatch recurring = new CountDownLatch(2);
      OneTimeTask<String> oneTime =
          Tasks.oneTime("collect-now", String.class)
              .execute(
                  (instance, context) -> {
                    if ("111111111111/us-east-1".equals(instance.getData())) {
                      once.countDown();
                    }
                  });
      RecurringTask<Void> shard =
          Tasks.recurring("collect-shard", FixedDelay.ofMillis(200))
              .execute((instance, context) -> recurring.countDown());
      Scheduler scheduler =
          Scheduler.create(db.database().dataSource(), oneTime)
              .startTasks(shard)
              .pollingInterval(Duration.ofMillis(100))
              .threads(2)
              .shutdownMaxWait(Duration.ofSeconds(1))
              .build();

      scheduler.start();
      try {
        scheduler.schedule(oneTime.instance("shard-1", "111111111111/us-east-1"), Instant.now());
        assertThat(once.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(recurring.await(30, TimeUnit.SECONDS)).isTrue();
      } finally {
        scheduler.stop();
      }

      assertThat(
              db.dsl().fetchCount(SCHEDULED_TASKS, SCHEDULED_TASKS.TASK_NAME.eq("collect-shard")))
          .isEqualTo(1);
      assertThat(db.dsl().fetchCount(SCHEDULED_TASKS, SCHEDULED_TASKS.TASK_NAME.eq("collect-now")))
          .isZero();
    }
  }
}
