package io.lambdaledger.db;

import static io.lambdaledger.db.Fixtures.ACCOUNT;
import static io.lambdaledger.db.Fixtures.OTHER_ACCOUNT;
import static io.lambdaledger.db.Fixtures.REGION;
import static io.lambdaledger.db.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.core.ledger.CollectionSpend;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.CollectionRunResult;
import io.lambdaledger.core.model.CollectionRunStart;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

class CollectionRunStoreTest {

  private static final Instant T0 = t("2026-10-01T10:00:00Z");

  private static CollectionRunStart start(String account, Instant at) {
    return new CollectionRunStart(account, REGION, at.minusSeconds(1800), at, 300, at, "host-1:42");
  }

  @OnEachDatabase
  void aFinishedRunKeepsItsCallsMetricsAndCost(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      CollectionRunStore store = new CollectionRunStore(db.dsl());
      long id = store.start(start(ACCOUNT, T0));
      CollectionRunResult result =
          new CollectionRunResult(
              T0.plusSeconds(12),
              RunStatus.SUCCEEDED,
              Map.of("GetMetricData", 3L, "ListMetrics", 1L),
              1_200,
              480,
              new BigDecimal("0.012"),
              new BigDecimal("103.68"),
              null);

      store.finish(id, result);
      store.finish(id, result);

      CollectionRun run = store.find(id).orElseThrow();
      assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(run.callsPerOperation())
          .containsExactlyInAnyOrderEntriesOf(Map.of("GetMetricData", 3L, "ListMetrics", 1L));
      assertThat(run.metricsRequested()).isEqualTo(1_200);
      assertThat(run.samplesWritten()).isEqualTo(480);
      assertThat(run.cloudWatchCost()).isEqualByComparingTo("0.012");
      assertThat(run.projectedMonthlyCost()).isEqualByComparingTo("103.68");
      assertThat(run.windowStart()).isEqualTo(T0.minusSeconds(1800));
      assertThat(run.finishedAt()).isEqualTo(T0.plusSeconds(12));
      assertThat(run.instance()).isEqualTo("host-1:42");
    }
  }

  @OnEachDatabase
  void aRunKeepsWhatWasListedWhatCameBackItsCadenceAndWhatCouldNotBeRead(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      CollectionRunStore store = new CollectionRunStore(db.dsl());
      long id = store.start(start(ACCOUNT, T0));
      String unread =
          "Lambda ListProvisionedConcurrencyConfigs HTTP 403 AccessDeniedException: provisioned"
              + " concurrency unknown for 12 functions";

      store.finish(
          id,
          new CollectionRunResult(
              T0.plusSeconds(5),
              RunStatus.SUCCEEDED,
              Map.of("GetMetricData", 5L),
              2_147,
              900,
              new BigDecimal("0.02147"),
              new BigDecimal("15.46"),
              null,
              2_147,
              1_800,
              3_600,
              new BigDecimal("15"),
              unread));

      CollectionRun run = store.find(id).orElseThrow();
      assertThat(run.seriesListed()).isEqualTo(2_147);
      assertThat(run.seriesWithData()).isEqualTo(1_800);
      assertThat(run.intervalSeconds()).isEqualTo(3_600);
      assertThat(run.budgetUsd()).isEqualByComparingTo("15");
      assertThat(store.latestScheduledPerShard(T0.minusSeconds(60), AccountScope.all()))
          .extracting(CollectionRun::id)
          .containsExactly(id);
      assertThat(store.latestScheduledPerShard(T0.plusSeconds(60), AccountScope.all())).isEmpty();
      assertThat(store.latestScheduledPerShard(T0, AccountScope.only(List.of(OTHER_ACCOUNT))))
          .isEmpty();
      assertThat(run.unread()).isEqualTo(unread);
      long running = store.start(start(ACCOUNT, T0.plusSeconds(60)));
      CollectionRun notFinished = store.find(running).orElseThrow();
      assertThat(notFinished.seriesListed()).isZero();
      assertThat(notFinished.intervalSeconds()).isNull();
      assertThat(notFinished.unread()).isNull();
    }
  }

  @OnEachDatabase
  void recentRunsAreNewestFirstAndScoped(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      CollectionRunStore store = new CollectionRunStore(db.dsl());
      long first = store.start(start(ACCOUNT, T0));
      long second = store.start(start(OTHER_ACCOUNT, T0.plusSeconds(300)));
      long third = store.start(start(ACCOUNT, T0.plusSeconds(600)));

      assertThat(store.recent(10, AccountScope.all()))
          .extracting(CollectionRun::id)
          .containsExactly(third, second, first);
      assertThat(store.recent(1, AccountScope.all()))
          .extracting(CollectionRun::id)
          .containsExactly(third);
      assertThat(store.recent(10, AccountScope.only(List.of(OTHER_ACCOUNT))))
          .extracting(CollectionRun::id)
          .containsExactly(second);
      assertThat(store.recent(10, AccountScope.only(List.of()))).isEmpty();
      assertThat(store.find(first).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }
  }

  @OnEachDatabase
  void runsLeftRunningByADeadProcessCanBeMarkedAbandoned(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      CollectionRunStore store = new CollectionRunStore(db.dsl());
      long old = store.start(start(ACCOUNT, T0));
      long recent = store.start(start(ACCOUNT, T0.plusSeconds(3600)));

      int abandoned = store.abandonRunning(T0.plusSeconds(1800), T0.plusSeconds(3700));

      assertThat(abandoned).isEqualTo(1);
      assertThat(store.find(old).orElseThrow().status()).isEqualTo(RunStatus.ABANDONED);
      assertThat(store.find(recent).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    }
  }

  @OnEachDatabase
  void totalsAddUpEveryRunInScope(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      CollectionRunStore store = new CollectionRunStore(db.dsl());
      finish(
          store,
          start(ACCOUNT, T0),
          RunStatus.SUCCEEDED,
          Map.of("GetMetricData", 2L),
          100,
          10,
          "0.001");
      finish(
          store,
          start(ACCOUNT, T0),
          RunStatus.FAILED,
          Map.of("GetMetricData", 1L, "ListFunctions", 4L),
          50,
          0,
          "0.0005");
      finish(
          store,
          start(OTHER_ACCOUNT, T0),
          RunStatus.SUCCEEDED,
          Map.of("GetMetricData", 7L),
          700,
          70,
          "0.007");

      CollectionTotals mine = store.totals(AccountScope.only(List.of(ACCOUNT)));
      CollectionTotals all = store.totals(AccountScope.all());

      assertThat(mine)
          .isEqualTo(
              new CollectionTotals(
                  2,
                  1,
                  150,
                  10,
                  mine.cloudWatchCost(),
                  Map.of("GetMetricData", 3L, "ListFunctions", 4L)));
      assertThat(mine.cloudWatchCost()).isEqualByComparingTo("0.0015");
      assertThat(all.runs()).isEqualTo(3);
      assertThat(all.cloudWatchCost()).isEqualByComparingTo("0.0085");
      assertThat(store.totals(AccountScope.only(List.of())).runs()).isZero();
    }
  }

  @OnEachDatabase
  void spendSinceCountsOnlyRunsInScopeStartedInThePeriod(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      CollectionRunStore store = new CollectionRunStore(db.dsl());
      Instant monthStart = T0.plusSeconds(3600);
      finish(store, start(ACCOUNT, T0), RunStatus.SUCCEEDED, 3L, 300, "0.003");
      finish(store, start(ACCOUNT, monthStart), RunStatus.SUCCEEDED, 2L, 200, "0.002");
      finish(
          store, start(ACCOUNT, monthStart.plusSeconds(300)), RunStatus.FAILED, 1L, 50, "0.0005");
      finish(store, start(OTHER_ACCOUNT, monthStart), RunStatus.SUCCEEDED, 9L, 900, "0.009");

      CollectionSpend mine = store.spendSince(monthStart, AccountScope.only(List.of(ACCOUNT)));
      CollectionSpend all = store.spendSince(monthStart, AccountScope.all());
      CollectionSpend none = store.spendSince(monthStart, AccountScope.only(List.of()));

      assertThat(mine.runs()).isEqualTo(2);
      assertThat(mine.calls()).isEqualTo(3);
      assertThat(mine.metricsRequested()).isEqualTo(250);
      assertThat(mine.cloudWatchCost()).isEqualByComparingTo("0.0025");
      assertThat(mine.lastSuccess()).isEqualTo(monthStart.plusSeconds(60));
      assertThat(all.runs()).isEqualTo(3);
      assertThat(all.calls()).isEqualTo(12);
      assertThat(all.cloudWatchCost()).isEqualByComparingTo("0.0115");
      assertThat(none).isEqualTo(new CollectionSpend(0, 0, 0, BigDecimal.ZERO, null));
    }
  }

  private static void finish(
      CollectionRunStore store,
      CollectionRunStart start,
      RunStatus status,
      long calls,
      long metrics,
      String cost) {
    finish(store, start, status, Map.of("GetMetricData", calls), metrics, 0, cost);
  }

  /** Starts the run and finishes it a minute later; a failed one with "Rate exceeded". */
  private static void finish(
      CollectionRunStore store,
      CollectionRunStart start,
      RunStatus status,
      Map<String, Long> calls,
      long metrics,
      long samples,
      String cost) {
    store.finish(
        store.start(start),
        new CollectionRunResult(
            start.startedAt().plusSeconds(60),
            status,
            calls,
            metrics,
            samples,
            new BigDecimal(cost),
            null,
            status == RunStatus.FAILED ? "Rate exceeded" : null));
  }

  @OnEachDatabase
  void finishingAnUnknownRunIsRefused(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      CollectionRunStore store = new CollectionRunStore(db.dsl());

      assertThatThrownBy(
              () ->
                  store.finish(
                      99,
                      new CollectionRunResult(
                          T0, RunStatus.FAILED, Map.of(), 0, 0, BigDecimal.ZERO, null, "x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("99");
    }
  }
}
