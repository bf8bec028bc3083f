package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.app.config.LedgerConfig.DatabaseConfig;
import io.lambdaledger.collector.AwsAccount;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.ReportLogScanner;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.ReportLogStore;
import io.lambdaledger.db.StoredLedger;
import io.lambdaledger.db.testing.MutableClock;
import io.lambdaledger.sim.AwsSimulator;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s daily Logs Insights scan against the simulator's planted savings cases, after a
 * {@code collect}: once a UTC day, within the configured monthly budget, metered like the simulator
 * counts it.
 */
class ReportScanScheduleTest {

  @TempDir Path dir;
  private AwsSimulator simulator;
  private Database database;
  private AwsClientFactory clients;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T06:00:00Z"));

  @BeforeEach
  void collect() {
    simulator = RecommendCommandTest.savingsSimulator();
    Map<String, String> environment =
        SimulatedAws.environment(simulator, "AKIDSCANSCHEDULE", "not-a-secret");
    String url = "jdbc:h2:file:" + dir.resolve("ledger");
    environment.put("LEDGER_DB_URL", url);
    CommandRun collect =
        MigrateCommandTest.run(
            environment, "collect", "--from", "2026-11-15", "--to", "2026-11-20");
    assertThat(collect.exitCode()).as(collect.err()).isZero();
    database = Databases.open(new DatabaseConfig(url, null, null));
    clients = CollectorWiring.clientFactory(environment);
  }

  @AfterEach
  void close() {
    clients.close();
    database.close();
    simulator.close();
  }

  private ReportScanSchedule schedule(String budget) {
    return new ReportScanSchedule(
        clients,
        account -> AwsAccount.defaultCredentials(),
        StoredLedger.usage(database),
        new ReportLogStore(database.dsl()),
        clock,
        new BigDecimal(budget),
        5);
  }

  @Test
  void scansOnceADayWithinTheConfiguredBudget() {
    // a budget too small for any query reads nothing
    Optional<ReportLogScanner.Result> starved = schedule("0.0000001").runIfDue();
    assertThat(starved).isPresent();
    assertThat(starved.get().queries()).isZero();
    assertThat(starved.get().skippedForBudget()).isPositive();
    assertThat(simulator.logsInsightsBytesScanned()).isZero();

    ReportScanSchedule schedule = schedule("0.10");
    Optional<ReportLogScanner.Result> first = schedule.runIfDue();
    assertThat(first).isPresent();
    assertThat(first.get().queries()).isPositive();
    assertThat(first.get().daysStored()).isPositive();
    assertThat(first.get().monthlyBudgetUsd()).isEqualByComparingTo("0.10");
    assertThat(first.get().monthSpentUsd())
        .isPositive()
        .isLessThanOrEqualTo(new BigDecimal("0.10"));
    assertThat(first.get().bytesScanned()).isEqualTo(simulator.logsInsightsBytesScanned());

    // later the same UTC day: not due
    clock.set(Instant.parse("2026-11-20T23:50:00Z"));
    assertThat(schedule.runIfDue()).isEmpty();
    assertThat(simulator.logsInsightsBytesScanned()).isEqualTo(first.get().bytesScanned());

    // the next day it runs again, and reads no day twice
    clock.set(Instant.parse("2026-11-21T00:10:00Z"));
    Optional<ReportLogScanner.Result> next = schedule.runIfDue();
    assertThat(next).isPresent();
    assertThat(next.get().monthSpentUsd()).isLessThanOrEqualTo(new BigDecimal("0.10"));
    assertThat(simulator.logsInsightsBytesScanned())
        .isEqualTo(first.get().bytesScanned() + next.get().bytesScanned());
  }
}
