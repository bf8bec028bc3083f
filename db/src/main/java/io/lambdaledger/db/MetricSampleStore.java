package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static io.lambdaledger.db.jooq.Tables.METRIC_SAMPLE;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.row;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.Gauge;
import io.lambdaledger.core.model.MetricSample;
import io.lambdaledger.db.jooq.tables.records.MetricSampleRecord;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Row2;

/**
 * Raw CloudWatch samples: one row per function and period start, upserted (the latest read wins),
 * read per function and window, and deleted by age (retention). Rollups are kept separately and
 * survive retention.
 */
public final class MetricSampleStore {

  private static final int DURATION_SCALE = 6;
  private static final Duration RETENTION_SLICE = Duration.ofDays(1);

  private final DSLContext dsl;

  public MetricSampleStore(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /**
   * Inserts or updates samples on (function, period start). Writing the same samples twice, or
   * windows that overlap, leaves one row per key holding the values of the latest read (largest
   * {@code collectedAt}; on a tie, the last written). Samples of another period length lying inside
   * the window written for a function are removed, so that re-collecting at a finer or coarser
   * period never counts an instant twice (write windows aligned to the coarser period). Samples of
   * functions not in the inventory are skipped and reported. Rows are written in key order in one
   * transaction, so concurrent writers of the same keys neither fail nor duplicate.
   */
  public SampleWrite upsert(Collection<MetricSample> samples) {
    Map<FunctionKey, Long> ids =
        FunctionIds.resolve(dsl, samples.stream().map(MetricSample::function).toList());
    Set<FunctionKey> unknown = new LinkedHashSet<>();
    Map<RowKey, MetricSampleRecord> rows = new TreeMap<>();
    for (MetricSample sample : samples) {
      Long id = ids.get(sample.function());
      if (id == null) {
        unknown.add(sample.function());
        continue;
      }
      RowKey key = new RowKey(id, sample.periodStart());
      MetricSampleRecord previous = rows.get(key);
      if (previous == null || !sample.collectedAt().isBefore(previous.getCollectedAt())) {
        rows.put(key, toRecord(id, sample));
      }
    }
    if (rows.isEmpty()) {
      return new SampleWrite(0, 0, unknown);
    }
    List<MetricSampleRecord> ordered = List.copyOf(rows.values());
    return Transactions.inTransaction(
        dsl,
        tx -> {
          int replaced = deleteOtherPeriods(tx.dsl(), ordered);
          int written =
              Upserts.upsert(
                  tx.dsl(),
                  METRIC_SAMPLE,
                  ordered,
                  List.of(METRIC_SAMPLE.FUNCTION_ID, METRIC_SAMPLE.PERIOD_START),
                  METRIC_SAMPLE.COLLECTED_AT.le(excluded(METRIC_SAMPLE.COLLECTED_AT)));
          return new SampleWrite(written, replaced, unknown);
        });
  }

  /** The function's samples whose period starts in {@code [from, to)}, oldest first. */
  public List<MetricSample> samples(FunctionKey function, Instant from, Instant to) {
    return dsl
        .select(METRIC_SAMPLE.fields())
        .from(METRIC_SAMPLE)
        .join(LAMBDA_FUNCTION)
        .on(LAMBDA_FUNCTION.ID.eq(METRIC_SAMPLE.FUNCTION_ID))
        .where(LAMBDA_FUNCTION.ACCOUNT_ID.eq(function.accountId()))
        .and(LAMBDA_FUNCTION.REGION.eq(function.region()))
        .and(LAMBDA_FUNCTION.FUNCTION_NAME.eq(function.name()))
        .and(METRIC_SAMPLE.PERIOD_START.ge(from))
        .and(METRIC_SAMPLE.PERIOD_START.lt(to))
        .orderBy(METRIC_SAMPLE.PERIOD_START)
        .fetchInto(METRIC_SAMPLE)
        .stream()
        .map(row -> toSample(function, row))
        .toList();
  }

  /**
   * Deletes samples whose period started before {@code cutoff} rounded down to the UTC hour
   * (retention), a day at a time so that no single statement holds locks on a large table for long.
   * Whole hours only: an hour is either fully kept or fully deleted, which lets rollup
   * recomputation tell purged hours from incomplete ones. Rollups are not touched.
   *
   * @return rows deleted
   */
  public long deleteOlderThan(Instant requestedCutoff) {
    Instant cutoff = RollupTime.floorHour(requestedCutoff);
    long deleted = 0;
    Instant oldest =
        dsl.select(min(METRIC_SAMPLE.PERIOD_START)).from(METRIC_SAMPLE).fetchOne().value1();
    while (oldest != null && oldest.isBefore(cutoff)) {
      Instant sliceEnd = oldest.plus(RETENTION_SLICE);
      Instant bound = sliceEnd.isBefore(cutoff) ? sliceEnd : cutoff;
      deleted +=
          dsl.deleteFrom(METRIC_SAMPLE).where(METRIC_SAMPLE.PERIOD_START.lt(bound)).execute();
      oldest = bound.equals(cutoff) ? null : bound;
    }
    return deleted;
  }

  /** One function's samples of one period length. */
  private record FunctionPeriod(long functionId, int periodSeconds) {}

  private static int deleteOtherPeriods(DSLContext dsl, List<MetricSampleRecord> rows) {
    // One window per function and period length written; functions sharing a window share a
    // statement (the usual case: one GetMetricData window for a whole batch).
    Map<Window, List<Long>> functionsByWindow = new HashMap<>();
    Map<FunctionPeriod, Window> byFunctionAndPeriod = new HashMap<>();
    for (MetricSampleRecord row : rows) {
      FunctionPeriod functionAndPeriod = new FunctionPeriod(row.getFunctionId(), row.getPeriodS());
      Window window = byFunctionAndPeriod.get(functionAndPeriod);
      Window widened =
          window == null
              ? new Window(row.getPeriodS(), row.getPeriodStart(), row.getPeriodEnd())
              : window.widen(row.getPeriodStart(), row.getPeriodEnd());
      byFunctionAndPeriod.put(functionAndPeriod, widened);
    }
    byFunctionAndPeriod.forEach(
        (functionAndPeriod, window) -> {
          functionsByWindow
              .computeIfAbsent(window, w -> new ArrayList<>())
              .add(functionAndPeriod.functionId());
        });
    // Select the candidates by index (usually none), delete exactly those.
    List<Row2<Long, Instant>> replaced = new ArrayList<>();
    for (Map.Entry<Window, List<Long>> entry : functionsByWindow.entrySet()) {
      Window window = entry.getKey();
      Set<Long> wanted = Set.copyOf(entry.getValue());
      for (List<Long> functionIds :
          Chunks.of(entry.getValue().stream().sorted().toList(), Chunks.IDS)) {
        dsl.select(METRIC_SAMPLE.FUNCTION_ID, METRIC_SAMPLE.PERIOD_START)
            .from(METRIC_SAMPLE)
            .where(IdSets.condition(METRIC_SAMPLE.FUNCTION_ID, functionIds))
            .and(METRIC_SAMPLE.PERIOD_START.ge(window.start()))
            .and(METRIC_SAMPLE.PERIOD_END.le(window.end()))
            .and(METRIC_SAMPLE.PERIOD_S.ne(window.periodSeconds()))
            .forEach(
                row -> {
                  if (wanted.contains(row.value1())) {
                    replaced.add(row(row.value1(), row.value2()));
                  }
                });
      }
    }
    int deleted = 0;
    for (List<Row2<Long, Instant>> chunk : Chunks.of(replaced)) {
      deleted +=
          dsl.deleteFrom(METRIC_SAMPLE)
              .where(row(METRIC_SAMPLE.FUNCTION_ID, METRIC_SAMPLE.PERIOD_START).in(chunk))
              .execute();
    }
    return deleted;
  }

  private static MetricSampleRecord toRecord(long functionId, MetricSample sample) {
    MetricSampleRecord row = new MetricSampleRecord();
    row.setFunctionId(functionId);
    row.setPeriodStart(sample.periodStart());
    row.setPeriodEnd(sample.periodEnd());
    row.setPeriodS(sample.periodSeconds());
    row.setInvocations(sample.invocations());
    row.setDurationMsSum(sample.durationMsSum().setScale(DURATION_SCALE, RoundingMode.HALF_UP));
    row.setErrors(sample.errors());
    row.setThrottles(sample.throttles());
    row.setDeadLetterErrors(sample.deadLetterErrors());
    for (Gauge gauge : Gauge.values()) {
      Measures.setGauge(row, gauge, sample.maximum(gauge));
    }
    row.setPcInvocations(sample.provisionedConcurrencyInvocations());
    row.setPcSpilloverInvocations(sample.provisionedConcurrencySpilloverInvocations());
    row.setCollectedAt(sample.collectedAt());
    return row;
  }

  static MetricSample toSample(FunctionKey function, Record row) {
    return new MetricSample(
        function,
        row.get(METRIC_SAMPLE.PERIOD_START),
        row.get(METRIC_SAMPLE.PERIOD_S),
        row.get(METRIC_SAMPLE.INVOCATIONS),
        row.get(METRIC_SAMPLE.DURATION_MS_SUM),
        row.get(METRIC_SAMPLE.ERRORS),
        row.get(METRIC_SAMPLE.THROTTLES),
        row.get(METRIC_SAMPLE.DEAD_LETTER_ERRORS),
        row.get(METRIC_SAMPLE.PC_INVOCATIONS),
        row.get(METRIC_SAMPLE.PC_SPILLOVER_INVOCATIONS),
        Measures.gauges(row),
        row.get(METRIC_SAMPLE.COLLECTED_AT));
  }

  /** Sort key of a sample row: writing in this order keeps lock order the same everywhere. */
  private record RowKey(long functionId, Instant periodStart) implements Comparable<RowKey> {
    private static final Comparator<RowKey> ORDER =
        Comparator.comparingLong(RowKey::functionId).thenComparing(RowKey::periodStart);

    @Override
    public int compareTo(RowKey other) {
      return ORDER.compare(this, other);
    }
  }

  private record Window(int periodSeconds, Instant start, Instant end) {
    Window widen(Instant otherStart, Instant otherEnd) {
      return new Window(
          periodSeconds,
          otherStart.isBefore(start) ? otherStart : start,
          otherEnd.isAfter(end) ? otherEnd : end);
    }
  }
}
