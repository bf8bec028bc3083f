package io.lambdaledger.collector;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.ReportLogDay;
import io.lambdaledger.db.ReportLogStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResultField;

/**
 * Reads each function's REPORT lines with CloudWatch Logs Insights, aggregated per UTC day by the
 * query itself (the raw lines never reach this process), and stores the days. Days already read are
 * not read again. Logs Insights charges $0.005 per GB scanned: the spend of the calendar month is
 * metered from the stored queries, and a query is started only when its estimate (the function's
 * invocations × the largest bytes per invocation seen so far, 400 at first) still fits in the
 * monthly budget.
 */
public final class ReportLogScanner {

  private static final Logger LOG = LoggerFactory.getLogger(ReportLogScanner.class);

  /** The per-day aggregate the recommendations need (memory in bytes, durations in ms). */
  static final String QUERY =
      "filter @type = \"REPORT\""
          + " | stats count(*) as reports, max(@memorySize) as memorySize,"
          + " max(@maxMemoryUsed) as maxMemoryUsed, sum(@billedDuration) as billedDurationMs,"
          + " count(@initDuration) as coldStarts, sum(@initDuration) as initDurationMs"
          + " by bin(1d) as day";

  /** Bytes per invocation assumed before a query has measured it (START, END and REPORT). */
  static final long FIRST_ESTIMATE_BYTES_PER_INVOCATION = 400;

  private static final DateTimeFormatter BIN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  /**
   * @param monthlyBudgetUsd the most Logs Insights may cost in a calendar month
   * @param pollInterval how long to wait between GetQueryResults while a query runs
   * @param maxPolls polls before a query is given up (and stopped being waited for)
   */
  public record Settings(BigDecimal monthlyBudgetUsd, Duration pollInterval, int maxPolls) {

    public Settings {
      Objects.requireNonNull(monthlyBudgetUsd, "monthlyBudgetUsd");
      if (monthlyBudgetUsd.signum() < 0) {
        throw new IllegalArgumentException("advice.logsScanBudget must not be negative");
      }
    }

    public static Settings of(BigDecimal monthlyBudgetUsd) {
      return new Settings(monthlyBudgetUsd, Duration.ofMillis(200), 300);
    }
  }

  /** One function to read, with its invocations in the window (for the estimate). */
  public record Target(FunctionKey function, long invocations) {}

  /**
   * What a scan did.
   *
   * @param skippedForBudget functions left unread because the budget would be exceeded
   * @param monthSpentUsd Logs Insights spend of the calendar month after the scan
   */
  public record Result(
      int queries,
      long bytesScanned,
      int daysStored,
      int skippedForBudget,
      int notFound,
      BigDecimal monthSpentUsd,
      BigDecimal monthlyBudgetUsd) {}

  private final Function<FunctionKey, CloudWatchLogsClient> clients;
  private final ReportLogStore store;
  private final Clock clock;
  private final Settings settings;

  /**
   * @param clients the Logs client of a function's account and Region (kept open by the caller)
   */
  public ReportLogScanner(
      Function<FunctionKey, CloudWatchLogsClient> clients,
      ReportLogStore store,
      Clock clock,
      Settings settings) {
    this.clients = clients;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
  }

  /** Reads the whole UTC days {@code [from, to)} of each target not read yet, within the budget. */
  public Result scan(List<Target> targets, LocalDate from, LocalDate to) {
    YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
    Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    BigDecimal spent = store.spend(monthStart, monthEnd).costUsd();
    long bytesPerInvocation = FIRST_ESTIMATE_BYTES_PER_INVOCATION;
    int queries = 0;
    long bytes = 0;
    int daysStored = 0;
    int skipped = 0;
    int notFound = 0;
    for (Target target : targets) {
      if (target.invocations() <= 0) {
        continue;
      }
      Set<LocalDate> done = store.scannedDays(target.function(), from, to);
      LocalDate first = from;
      while (first.isBefore(to) && done.contains(first)) {
        first = first.plusDays(1);
      }
      LocalDate end = to;
      while (end.isAfter(first) && done.contains(end.minusDays(1))) {
        end = end.minusDays(1);
      }
      if (!first.isBefore(end)) {
        continue;
      }
      long days = Duration.between(first.atStartOfDay(), end.atStartOfDay()).toDays();
      long windowDays = Duration.between(from.atStartOfDay(), to.atStartOfDay()).toDays();
      long estimatedInvocations = Math.ceilDiv(target.invocations() * days, windowDays);
      BigDecimal estimate = ReportLogStore.costOf(estimatedInvocations * bytesPerInvocation);
      if (spent.add(estimate).compareTo(settings.monthlyBudgetUsd()) > 0) {
        skipped++;
        continue;
      }
      Instant start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant stop = end.atStartOfDay(ZoneOffset.UTC).toInstant();
      Instant startedAt = clock.instant();
      CloudWatchLogsClient logs = clients.apply(target.function());
      String queryId;
      try {
        queryId =
            logs.startQuery(
                    b ->
                        b.logGroupName("/aws/lambda/" + target.function().name())
                            .startTime(start.getEpochSecond())
                            .endTime(stop.getEpochSecond() - 1)
                            .queryString(QUERY)
                            .limit(10_000))
                .queryId();
      } catch (ResourceNotFoundException e) {
        notFound++;
        continue;
      }
      GetQueryResultsResponse results = await(logs, queryId);
      long scanned =
          results.statistics() == null || results.statistics().bytesScanned() == null
              ? 0
              : Math.round(results.statistics().bytesScanned());
      List<ReportLogDay> read = days(target.function(), results.results());
      store.store(queryId, target.function(), start, stop, startedAt, scanned, read);
      queries++;
      bytes += scanned;
      daysStored += read.size();
      spent = spent.add(ReportLogStore.costOf(scanned));
      long reports = read.stream().mapToLong(ReportLogDay::reports).sum();
      if (reports > 0) {
        bytesPerInvocation = Math.max(bytesPerInvocation, Math.ceilDiv(scanned, reports));
      }
    }
    if (skipped > 0) {
      LOG.warn(
          "Logs Insights budget ${} a month: {} functions left unread (spent ${} this month)",
          settings.monthlyBudgetUsd().toPlainString(),
          skipped,
          spent.setScale(6, RoundingMode.HALF_EVEN).toPlainString());
    }
    return new Result(
        queries, bytes, daysStored, skipped, notFound, spent, settings.monthlyBudgetUsd());
  }

  private GetQueryResultsResponse await(CloudWatchLogsClient logs, String queryId) {
    for (int poll = 0; ; poll++) {
      GetQueryResultsResponse response = logs.getQueryResults(b -> b.queryId(queryId));
      QueryStatus status = response.status();
      if (status == QueryStatus.COMPLETE) {
        return response;
      }
      if (status != QueryStatus.RUNNING && status != QueryStatus.SCHEDULED) {
        throw new IllegalStateException(
            "Logs Insights query " + queryId + " ended " + response.statusAsString());
      }
      if (poll >= settings.maxPolls()) {
        throw new IllegalStateException("Logs Insights query " + queryId + " did not complete");
      }
      try {
        Thread.sleep(settings.pollInterval());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectionInterruptedException(
            "interrupted waiting for a Logs Insights query", e);
      }
    }
  }

  /** The query's rows as days; memory comes in bytes (10^6 per MB, as Lambda writes it). */
  static List<ReportLogDay> days(FunctionKey function, List<List<ResultField>> rows) {
    List<ReportLogDay> days = new ArrayList<>();
    for (List<ResultField> row : rows) {
      Map<String, String> fields = new HashMap<>();
      for (ResultField f : row) {
        fields.put(f.field(), f.value());
      }
      String day = fields.get("day");
      if (day == null) {
        continue;
      }
      days.add(
          new ReportLogDay(
              function,
              LocalDateTime.parse(day, BIN).toLocalDate(),
              number(fields, "reports").longValue(),
              megabytes(number(fields, "memorySize")),
              megabytes(number(fields, "maxMemoryUsed")),
              number(fields, "billedDurationMs").setScale(3, RoundingMode.HALF_EVEN),
              number(fields, "coldStarts").longValue(),
              number(fields, "initDurationMs").setScale(3, RoundingMode.HALF_EVEN),
              0));
    }
    return days;
  }

  private static BigDecimal number(Map<String, String> fields, String name) {
    String value = fields.get(name);
    return value == null || value.isBlank() ? BigDecimal.ZERO : new BigDecimal(value);
  }

  private static int megabytes(BigDecimal bytes) {
    return bytes.divide(BigDecimal.valueOf(1_000_000), 0, RoundingMode.CEILING).intValueExact();
  }
}
