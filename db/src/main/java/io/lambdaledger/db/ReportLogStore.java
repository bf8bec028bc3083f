package io.lambdaledger.db;

import static io.lambdaledger.db.jooq.Tables.LOGS_INSIGHTS_QUERY;
import static io.lambdaledger.db.jooq.Tables.REPORT_LOG_DAY;
import static org.jooq.impl.DSL.excluded;

import io.lambdaledger.core.ledger.ReportLogs;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.ReportLogDay;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The Logs Insights aggregates of REPORT lines (one row per function and day, upserted) and the
 * queries that read them with the bytes they scanned.
 */
public final class ReportLogStore implements ReportLogs {

  /** US dollars per GB (2^30 bytes) scanned by Logs Insights. */
  public static final BigDecimal USD_PER_GB_SCANNED = new BigDecimal("0.005");

  private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1L << 30);

  private final DSLContext dsl;

  public ReportLogStore(DSLContext dsl) {
    this.dsl = Objects.requireNonNull(dsl, "dsl");
  }

  /** The charge for scanning {@code bytes}. */
  public static BigDecimal costOf(long bytes) {
    return USD_PER_GB_SCANNED.multiply(BigDecimal.valueOf(bytes)).divide(BYTES_PER_GB);
  }

  /** Writes (or rewrites) the days, and the query that read them, in one transaction. */
  public void store(
      String queryId,
      FunctionKey function,
      Instant windowStart,
      Instant windowEnd,
      Instant startedAt,
      long bytesScanned,
      List<ReportLogDay> days) {
    Transactions.inTransaction(
        dsl,
        tx -> {
          DSLContext d = tx.dsl();
          d.insertInto(
                  LOGS_INSIGHTS_QUERY,
                  LOGS_INSIGHTS_QUERY.QUERY_ID,
                  LOGS_INSIGHTS_QUERY.ACCOUNT_ID,
                  LOGS_INSIGHTS_QUERY.REGION,
                  LOGS_INSIGHTS_QUERY.FUNCTION_NAME,
                  LOGS_INSIGHTS_QUERY.WINDOW_START,
                  LOGS_INSIGHTS_QUERY.WINDOW_END,
                  LOGS_INSIGHTS_QUERY.STARTED_AT,
                  LOGS_INSIGHTS_QUERY.BYTES_SCANNED)
              .values(
                  queryId,
                  function.accountId(),
                  function.region(),
                  function.name(),
                  windowStart,
                  windowEnd,
                  startedAt,
                  bytesScanned)
              .onConflict(LOGS_INSIGHTS_QUERY.QUERY_ID)
              .doUpdate()
              .set(LOGS_INSIGHTS_QUERY.BYTES_SCANNED, excluded(LOGS_INSIGHTS_QUERY.BYTES_SCANNED))
              .execute();
          for (ReportLogDay day : days) {
            d.insertInto(
                    REPORT_LOG_DAY,
                    REPORT_LOG_DAY.ACCOUNT_ID,
                    REPORT_LOG_DAY.REGION,
                    REPORT_LOG_DAY.FUNCTION_NAME,
                    REPORT_LOG_DAY.USAGE_DATE,
                    REPORT_LOG_DAY.REPORTS,
                    REPORT_LOG_DAY.MEMORY_SIZE_MB,
                    REPORT_LOG_DAY.MAX_MEMORY_USED_MB,
                    REPORT_LOG_DAY.BILLED_DURATION_MS_SUM,
                    REPORT_LOG_DAY.COLD_STARTS,
                    REPORT_LOG_DAY.INIT_DURATION_MS_SUM,
                    REPORT_LOG_DAY.TIMEOUTS,
                    REPORT_LOG_DAY.SCANNED_AT)
                .values(
                    day.function().accountId(),
                    day.function().region(),
                    day.function().name(),
                    day.day(),
                    day.reports(),
                    day.memorySizeMb(),
                    day.maxMemoryUsedMb(),
                    day.billedDurationMsSum(),
                    day.coldStarts(),
                    day.initDurationMsSum(),
                    day.timeouts(),
                    startedAt)
                .onConflict(
                    REPORT_LOG_DAY.ACCOUNT_ID,
                    REPORT_LOG_DAY.REGION,
                    REPORT_LOG_DAY.FUNCTION_NAME,
                    REPORT_LOG_DAY.USAGE_DATE)
                .doUpdate()
                .set(REPORT_LOG_DAY.REPORTS, excluded(REPORT_LOG_DAY.REPORTS))
                .set(REPORT_LOG_DAY.MEMORY_SIZE_MB, excluded(REPORT_LOG_DAY.MEMORY_SIZE_MB))
                .set(REPORT_LOG_DAY.MAX_MEMORY_USED_MB, excluded(REPORT_LOG_DAY.MAX_MEMORY_USED_MB))
                .set(
                    REPORT_LOG_DAY.BILLED_DURATION_MS_SUM,
                    excluded(REPORT_LOG_DAY.BILLED_DURATION_MS_SUM))
                .set(REPORT_LOG_DAY.COLD_STARTS, excluded(REPORT_LOG_DAY.COLD_STARTS))
                .set(
                    REPORT_LOG_DAY.INIT_DURATION_MS_SUM,
                    excluded(REPORT_LOG_DAY.INIT_DURATION_MS_SUM))
                .set(REPORT_LOG_DAY.TIMEOUTS, excluded(REPORT_LOG_DAY.TIMEOUTS))
                .set(REPORT_LOG_DAY.SCANNED_AT, excluded(REPORT_LOG_DAY.SCANNED_AT))
                .execute();
          }
          return null;
        });
  }

  /** The days of one function already read by a query whose window covered them. */
  public Set<LocalDate> scannedDays(FunctionKey function, LocalDate from, LocalDate to) {
    Set<LocalDate> days = new HashSet<>();
    for (Record r :
        dsl.select(LOGS_INSIGHTS_QUERY.WINDOW_START, LOGS_INSIGHTS_QUERY.WINDOW_END)
            .from(LOGS_INSIGHTS_QUERY)
            .where(LOGS_INSIGHTS_QUERY.ACCOUNT_ID.eq(function.accountId()))
            .and(LOGS_INSIGHTS_QUERY.REGION.eq(function.region()))
            .and(LOGS_INSIGHTS_QUERY.FUNCTION_NAME.eq(function.name()))
            .fetch()) {
      LocalDate start =
          LocalDate.ofInstant(r.get(LOGS_INSIGHTS_QUERY.WINDOW_START), ZoneOffset.UTC);
      LocalDate end = LocalDate.ofInstant(r.get(LOGS_INSIGHTS_QUERY.WINDOW_END), ZoneOffset.UTC);
      for (LocalDate d = start.isBefore(from) ? from : start;
          d.isBefore(end) && d.isBefore(to);
          d = d.plusDays(1)) {
        days.add(d);
      }
    }
    return days;
  }

  @Override
  public List<ReportLogDay> days(Instant from, Instant to) {
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate end = LocalDate.ofInstant(to, ZoneOffset.UTC);
    return dsl.selectFrom(REPORT_LOG_DAY)
        .where(REPORT_LOG_DAY.USAGE_DATE.ge(first))
        .and(REPORT_LOG_DAY.USAGE_DATE.lt(end))
        .orderBy(
            REPORT_LOG_DAY.ACCOUNT_ID,
            REPORT_LOG_DAY.REGION,
            REPORT_LOG_DAY.FUNCTION_NAME,
            REPORT_LOG_DAY.USAGE_DATE)
        .fetch(
            r ->
                new ReportLogDay(
                    new FunctionKey(r.getAccountId(), r.getRegion(), r.getFunctionName()),
                    r.getUsageDate(),
                    r.getReports(),
                    r.getMemorySizeMb(),
                    r.getMaxMemoryUsedMb(),
                    r.getBilledDurationMsSum(),
                    r.getColdStarts(),
                    r.getInitDurationMsSum(),
                    r.getTimeouts()));
  }

  @Override
  public ScanSpend spend(Instant from, Instant to) {
    Record r =
        dsl.select(
                org.jooq.impl.DSL.count(),
                org.jooq.impl.DSL.coalesce(
                    org.jooq.impl.DSL.sum(LOGS_INSIGHTS_QUERY.BYTES_SCANNED), BigDecimal.ZERO))
            .from(LOGS_INSIGHTS_QUERY)
            .where(LOGS_INSIGHTS_QUERY.STARTED_AT.ge(from))
            .and(LOGS_INSIGHTS_QUERY.STARTED_AT.lt(to))
            .fetchOne();
    long queries = r.get(0, Integer.class);
    long bytes = r.get(1, BigDecimal.class).longValueExact();
    return new ScanSpend(queries, bytes, costOf(bytes));
  }
}
