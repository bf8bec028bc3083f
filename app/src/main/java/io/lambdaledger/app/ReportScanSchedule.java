package io.lambdaledger.app;

import io.lambdaledger.collector.AwsAccount;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.ReportLogScanner;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.db.ReportLogStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the functions' REPORT lines with Logs Insights in {@code serve}, once per UTC day (checked
 * every 10 minutes, the first time at start), within {@code recommendations.scanBudget} a calendar
 * month, so the Savings view and {@code GET /api/v1/recommendations} have memory evidence without
 * anyone running {@code recommend}. Days already read are not read again, so a second scan of a day
 * reads nothing.
 */
final class ReportScanSchedule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportScanSchedule.class);

  private final AwsClientFactory clients;
  private final Function<String, AwsAccount> accounts;
  private final UsageReader usage;
  private final ReportLogStore store;
  private final Clock clock;
  private final ReportLogScanner.Settings settings;
  private final int lookbackDays;
  private RepeatingTask timer;
  private LocalDate lastScanned;

  /**
   * @param accounts how to reach a function's account
   * @param scanBudget US dollars a calendar month, all scans of the deployment together
   */
  ReportScanSchedule(
      AwsClientFactory clients,
      Function<String, AwsAccount> accounts,
      UsageReader usage,
      ReportLogStore store,
      Clock clock,
      BigDecimal scanBudget,
      int lookbackDays) {
    this.clients = clients;
    this.accounts = accounts;
    this.usage = usage;
    this.store = store;
    this.clock = clock;
    this.settings = ReportLogScanner.Settings.of(scanBudget);
    this.lookbackDays = lookbackDays;
  }

  ReportScanSchedule start() {
    timer =
        new RepeatingTask(
            "report-scan", Duration.ofMinutes(10), LOG, "report-scan-failed", this::runIfDueLogged);
    return this;
  }

  /** Scans if no scan ran yet this UTC day. */
  synchronized Optional<ReportLogScanner.Result> runIfDue() {
    LocalDate today = LocalDate.now(clock);
    if (today.equals(lastScanned)) {
      return Optional.empty();
    }
    ReportLogScanner.Result result =
        ReportScans.scan(clients, accounts, usage, store, clock, settings, today, lookbackDays);
    lastScanned = today;
    return Optional.of(result);
  }

  private void runIfDueLogged() {
    runIfDue()
        .ifPresent(
            r ->
                LOG.info(
                    "event=report-scan queries={} bytesScanned={} daysStored={}"
                        + " skippedForBudget={} monthSpentUsd={} monthlyBudgetUsd={}",
                    r.queries(),
                    r.bytesScanned(),
                    r.daysStored(),
                    r.skippedForBudget(),
                    r.monthSpentUsd().toPlainString(),
                    r.monthlyBudgetUsd().toPlainString()));
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.close();
    }
  }
}
