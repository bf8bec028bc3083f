package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.COLLECTION_RUN;
import static io.lambdaledger.db.jooq.Tables.COLLECTION_RUN_CALL;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.sum;

import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.db.jooq.tables.records.CollectionRunRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Read-only queries over collection runs for the API's collection page (owned by the api work; runs
 * are written by the collector).
 */
public final class CollectionRunQueries {

  private final DSLContext dsl;

  public CollectionRunQueries(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** What the runs started in a period did and cost. */
  public record Spend(
      long runs,
      long calls,
      long metricsRequested,
      BigDecimal cloudWatchCost,
      Instant lastSuccess) {}

  /** The newest runs first, with their calls per operation. */
  public List<CollectionRun> recent(int limit) {
    List<CollectionRunRecord> rows =
        dsl.selectFrom(COLLECTION_RUN)
            .orderBy(COLLECTION_RUN.STARTED_AT.desc(), COLLECTION_RUN.ID.desc())
            .limit(limit)
            .fetch();
    Map<Long, Map<String, Long>> calls = new HashMap<>();
    if (!rows.isEmpty()) {
      List<Long> ids = rows.stream().map(CollectionRunRecord::getId).toList();
      for (List<Long> chunk : Chunks.of(ids)) {
        dsl.selectFrom(COLLECTION_RUN_CALL)
            .where(COLLECTION_RUN_CALL.RUN_ID.in(chunk))
            .forEach(
                call ->
                    calls
                        .computeIfAbsent(call.getRunId(), id -> new HashMap<>())
                        .put(call.getOperation(), call.getCalls()));
      }
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
                    row.getInstance()))
        .toList();
  }

  /** Totals of the runs started at or after {@code from}, and the last successful finish ever. */
  public Spend since(Instant from) {
    Record totals =
        dsl.select(
                count().as("runs"),
                sum(COLLECTION_RUN.METRICS_REQUESTED).as("metrics"),
                sum(COLLECTION_RUN.CLOUDWATCH_COST).as("cost"))
            .from(COLLECTION_RUN)
            .where(COLLECTION_RUN.STARTED_AT.ge(from))
            .fetchOne();
    BigDecimal calls =
        dsl.select(sum(COLLECTION_RUN_CALL.CALLS))
            .from(COLLECTION_RUN_CALL)
            .join(COLLECTION_RUN)
            .on(COLLECTION_RUN.ID.eq(COLLECTION_RUN_CALL.RUN_ID))
            .where(COLLECTION_RUN.STARTED_AT.ge(from))
            .fetchOne(0, BigDecimal.class);
    Instant lastSuccess =
        dsl.select(max(COLLECTION_RUN.FINISHED_AT))
            .from(COLLECTION_RUN)
            .where(COLLECTION_RUN.STATUS.eq(RunStatus.SUCCEEDED.name()))
            .fetchOne(0, Instant.class);
    BigDecimal metrics = totals.get("metrics", BigDecimal.class);
    BigDecimal cost = totals.get("cost", BigDecimal.class);
    return new Spend(
        totals.get("runs", Integer.class),
        calls == null ? 0 : calls.longValue(),
        metrics == null ? 0 : metrics.longValue(),
        cost == null ? BigDecimal.ZERO : cost,
        lastSuccess);
  }
}
