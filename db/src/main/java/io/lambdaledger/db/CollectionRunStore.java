package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.COLLECTION_RUN;
import static io.lambdaledger.db.jooq.Tables.COLLECTION_RUN_CALL;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import io.lambdaledger.core.ledger.CollectionSpend;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectedWindow;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.CollectionRunResult;
import io.lambdaledger.core.model.CollectionRunStart;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.db.jooq.tables.records.CollectionRunRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** The record of collection runs: one row per cycle of one account and region. */
public final class CollectionRunStore {

  private static final int MAX_ERROR_LENGTH = 4000;

  private final DSLContext dsl;

  public CollectionRunStore(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** Records a run as {@link RunStatus#RUNNING} and returns its id. */
  public long start(CollectionRunStart start) {
    return dsl.insertInto(COLLECTION_RUN)
        .set(COLLECTION_RUN.ACCOUNT_ID, start.accountId())
        .set(COLLECTION_RUN.REGION, start.region())
        .set(COLLECTION_RUN.WINDOW_START, start.windowStart())
        .set(COLLECTION_RUN.WINDOW_END, start.windowEnd())
        .set(COLLECTION_RUN.PERIOD_S, start.periodSeconds())
        .set(COLLECTION_RUN.STARTED_AT, start.startedAt())
        .set(COLLECTION_RUN.STATUS, RunStatus.RUNNING.name())
        .set(COLLECTION_RUN.METRICS_REQUESTED, 0L)
        .set(COLLECTION_RUN.SAMPLES_WRITTEN, 0L)
        .set(COLLECTION_RUN.CLOUDWATCH_COST, BigDecimal.ZERO)
        .set(COLLECTION_RUN.INSTANCE, start.instance())
        .returning(COLLECTION_RUN.ID)
        .fetchOne()
        .getId();
  }

  /**
   * Records how a run ended. Idempotent: finishing a run again replaces its outcome.
   *
   * @throws IllegalArgumentException if there is no run with that id
   */
  public void finish(long runId, CollectionRunResult result) {
    dsl.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          int updated =
              t.update(COLLECTION_RUN)
                  .set(COLLECTION_RUN.FINISHED_AT, result.finishedAt())
                  .set(COLLECTION_RUN.STATUS, result.status().name())
                  .set(COLLECTION_RUN.METRICS_REQUESTED, result.metricsRequested())
                  .set(COLLECTION_RUN.SAMPLES_WRITTEN, result.samplesWritten())
                  .set(COLLECTION_RUN.CLOUDWATCH_COST, result.cloudWatchCost())
                  .set(COLLECTION_RUN.PROJECTED_MONTHLY_COST, result.projectedMonthlyCost())
                  .set(COLLECTION_RUN.ERROR, truncate(result.error()))
                  .set(COLLECTION_RUN.SERIES_LISTED, result.seriesListed())
                  .set(COLLECTION_RUN.SERIES_WITH_DATA, result.seriesWithData())
                  .set(COLLECTION_RUN.INTERVAL_S, result.intervalSeconds())
                  .set(COLLECTION_RUN.BUDGET_USD, result.budgetUsd())
                  .set(COLLECTION_RUN.UNREAD, truncate(result.unread()))
                  .where(COLLECTION_RUN.ID.eq(runId))
                  .execute();
          if (updated == 0) {
            throw new IllegalArgumentException("No collection run with id " + runId);
          }
          t.deleteFrom(COLLECTION_RUN_CALL).where(COLLECTION_RUN_CALL.RUN_ID.eq(runId)).execute();
          var insert =
              t.insertInto(
                  COLLECTION_RUN_CALL,
                  COLLECTION_RUN_CALL.RUN_ID,
                  COLLECTION_RUN_CALL.OPERATION,
                  COLLECTION_RUN_CALL.CALLS);
          for (Map.Entry<String, Long> call :
              new TreeMap<>(result.callsPerOperation()).entrySet()) {
            insert = insert.values(runId, call.getKey(), call.getValue());
          }
          if (!result.callsPerOperation().isEmpty()) {
            insert.execute();
          }
        });
  }

  /** One run. */
  public Optional<CollectionRun> find(long runId) {
    return runs(COLLECTION_RUN.ID.eq(runId), 1).stream().findFirst();
  }

  /** The latest runs in scope, newest first. */
  public List<CollectionRun> recent(int limit, AccountScope scope) {
    return runs(inScope(scope), limit);
  }

  /**
   * Per account and Region in scope, its latest succeeded scheduled cycle (one with a cadence)
   * started at or after {@code since}: what the API shows of the collection budget.
   */
  public List<CollectionRun> latestScheduledPerShard(Instant since, AccountScope scope) {
    var latest =
        select(max(COLLECTION_RUN.ID))
            .from(COLLECTION_RUN)
            .where(inScope(scope))
            .and(COLLECTION_RUN.INTERVAL_S.isNotNull())
            .and(COLLECTION_RUN.STATUS.eq(RunStatus.SUCCEEDED.name()))
            .and(COLLECTION_RUN.STARTED_AT.ge(since))
            .groupBy(COLLECTION_RUN.ACCOUNT_ID, COLLECTION_RUN.REGION);
    return runs(COLLECTION_RUN.ID.in(latest), 10_000).stream()
        .sorted(
            java.util.Comparator.comparing(CollectionRun::accountId)
                .thenComparing(CollectionRun::region))
        .toList();
  }

  /**
   * Marks runs still {@link RunStatus#RUNNING} that started before {@code startedBefore} as {@link
   * RunStatus#ABANDONED} (their process went away), finished at {@code now}.
   *
   * @return runs marked
   */
  public int abandonRunning(Instant startedBefore, Instant now) {
    return dsl.update(COLLECTION_RUN)
        .set(COLLECTION_RUN.STATUS, RunStatus.ABANDONED.name())
        .set(COLLECTION_RUN.FINISHED_AT, now)
        .where(COLLECTION_RUN.STATUS.eq(RunStatus.RUNNING.name()))
        .and(COLLECTION_RUN.STARTED_AT.lt(startedBefore))
        .execute();
  }

  /**
   * The windows of every run that succeeded and overlaps {@code [from, to)}, oldest first: what was
   * collected, however it was (scheduled cycles or backfill).
   */
  public List<CollectedWindow> collectedWindows(Instant from, Instant to) {
    return dsl.select(
            COLLECTION_RUN.ACCOUNT_ID,
            COLLECTION_RUN.REGION,
            COLLECTION_RUN.WINDOW_START,
            COLLECTION_RUN.WINDOW_END)
        .from(COLLECTION_RUN)
        .where(COLLECTION_RUN.STATUS.eq(RunStatus.SUCCEEDED.name()))
        .and(COLLECTION_RUN.WINDOW_START.lt(to))
        .and(COLLECTION_RUN.WINDOW_END.gt(from))
        .orderBy(COLLECTION_RUN.WINDOW_START)
        .fetch(row -> new CollectedWindow(row.value1(), row.value2(), row.value3(), row.value4()));
  }

  /** Totals over every run in scope. */
  public CollectionTotals totals(AccountScope scope) {
    Condition condition = inScope(scope);
    Record totals =
        dsl.select(
                count(),
                sum(when(COLLECTION_RUN.STATUS.eq(RunStatus.FAILED.name()), 1).otherwise(0)),
                sum(COLLECTION_RUN.METRICS_REQUESTED),
                sum(COLLECTION_RUN.SAMPLES_WRITTEN),
                sum(COLLECTION_RUN.CLOUDWATCH_COST))
            .from(COLLECTION_RUN)
            .where(condition)
            .fetchOne();
    Map<String, Long> calls = new TreeMap<>();
    dsl.select(COLLECTION_RUN_CALL.OPERATION, sum(COLLECTION_RUN_CALL.CALLS))
        .from(COLLECTION_RUN_CALL)
        .where(
            COLLECTION_RUN_CALL.RUN_ID.in(
                select(COLLECTION_RUN.ID).from(COLLECTION_RUN).where(condition)))
        .groupBy(COLLECTION_RUN_CALL.OPERATION)
        .forEach(row -> calls.put(row.value1(), row.value2().longValueExact()));
    return new CollectionTotals(
        totals.get(0, Long.class),
        longOrZero(totals.get(1, BigDecimal.class)),
        longOrZero(totals.get(2, BigDecimal.class)),
        longOrZero(totals.get(3, BigDecimal.class)),
        totals.get(4, BigDecimal.class) == null ? BigDecimal.ZERO : totals.get(4, BigDecimal.class),
        calls);
  }

  /**
   * Calls, metrics requested and CloudWatch cost of the runs in scope started at or after {@code
   * from}, and the last successful finish in scope ever.
   */
  public CollectionSpend spendSince(Instant from, AccountScope scope) {
    Condition inPeriod = inScope(scope).and(COLLECTION_RUN.STARTED_AT.ge(from));
    Record totals =
        dsl.select(
                count(), sum(COLLECTION_RUN.METRICS_REQUESTED), sum(COLLECTION_RUN.CLOUDWATCH_COST))
            .from(COLLECTION_RUN)
            .where(inPeriod)
            .fetchOne();
    BigDecimal calls =
        dsl.select(sum(COLLECTION_RUN_CALL.CALLS))
            .from(COLLECTION_RUN_CALL)
            .where(
                COLLECTION_RUN_CALL.RUN_ID.in(
                    select(COLLECTION_RUN.ID).from(COLLECTION_RUN).where(inPeriod)))
            .fetchOne(0, BigDecimal.class);
    Instant lastSuccess =
        dsl.select(max(COLLECTION_RUN.FINISHED_AT))
            .from(COLLECTION_RUN)
            .where(inScope(scope))
            .and(COLLECTION_RUN.STATUS.eq(RunStatus.SUCCEEDED.name()))
            .fetchOne(0, Instant.class);
    BigDecimal cost = totals.get(2, BigDecimal.class);
    return new CollectionSpend(
        totals.get(0, Long.class),
        longOrZero(calls),
        longOrZero(totals.get(1, BigDecimal.class)),
        cost == null ? BigDecimal.ZERO : cost,
        lastSuccess);
  }

  private List<CollectionRun> runs(Condition condition, int limit) {
    List<CollectionRunRecord> rows =
        dsl.selectFrom(COLLECTION_RUN)
            .where(condition)
            .orderBy(COLLECTION_RUN.STARTED_AT.desc(), COLLECTION_RUN.ID.desc())
            .limit(limit)
            .fetch();
    Map<Long, Map<String, Long>> calls = new HashMap<>();
    if (!rows.isEmpty()) {
      dsl.selectFrom(COLLECTION_RUN_CALL)
          .where(
              COLLECTION_RUN_CALL.RUN_ID.in(rows.stream().map(CollectionRunRecord::getId).toList()))
          .forEach(
              call ->
                  calls
                      .computeIfAbsent(call.getRunId(), id -> new TreeMap<>())
                      .put(call.getOperation(), call.getCalls()));
    }
    return rows.stream()
        .map(
            row ->
                new CollectionRun(
                    row.getId(),
                    row.getAccountId(),
                    row.getRegion(),
                    row.getWindowStart(),
                    row.getWindowEnd(),
                    row.getPeriodS(),
                    row.getStartedAt(),
                    row.getFinishedAt(),
                    RunStatus.valueOf(row.getStatus()),
                    calls.getOrDefault(row.getId(), Map.of()),
                    row.getMetricsRequested(),
                    row.getSamplesWritten(),
                    row.getCloudwatchCost(),
                    row.getProjectedMonthlyCost(),
                    row.getError(),
                    row.getInstance(),
                    row.getSeriesListed() == null ? 0 : row.getSeriesListed(),
                    row.getSeriesWithData() == null ? 0 : row.getSeriesWithData(),
                    row.getIntervalS(),
                    row.getBudgetUsd(),
                    row.getUnread()))
        .toList();
  }

  private static Condition inScope(AccountScope scope) {
    if (scope.unrestricted()) {
      return noCondition();
    }
    return scope.accountIds().isEmpty()
        ? falseCondition()
        : COLLECTION_RUN.ACCOUNT_ID.in(scope.accountIds());
  }

  private static String truncate(String error) {
    return error == null || error.length() <= MAX_ERROR_LENGTH
        ? error
        : error.substring(0, MAX_ERROR_LENGTH - 1) + "…";
  }

  private static long longOrZero(BigDecimal value) {
    return value == null ? 0 : value.longValueExact();
  }
}
