package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.CollectionRunResult;
import io.lambdaledger.core.model.CollectionRunStart;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.MetricSample;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.db.CollectionRunStore;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseSettings;
import io.lambdaledger.db.InventoryStore;
import io.lambdaledger.db.MetricSampleStore;
import io.lambdaledger.db.UsageRollupStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A month whose collection runs cover only some of its days is not final, whatever watermark the
 * scheduled cycles reached: {@code report} refuses it without {@code --allow-partial}.
 */
class PartialMonthReportTest {

  private static final String ACCOUNT = "111111111111";

  @TempDir Path directory;

  private String databaseUrl;
  private final StringWriter err = new StringWriter();

  /** October 2025 collected by daily backfill windows for its last 7 days only. */
  @BeforeEach
  void collectTheLastSevenDays() {
    databaseUrl = "jdbc:h2:file:" + directory.resolve("ledger").toAbsolutePath();
    try (Database database = Database.open(new DatabaseSettings(databaseUrl, null, null))) {
      InventoryStore inventory = new InventoryStore(database.dsl());
      inventory.upsertAccount(new Account(ACCOUNT, "prod", ACCOUNT));
      FunctionKey api = new FunctionKey(ACCOUNT, "us-east-1", "api");
      Instant seen = Instant.parse("2025-10-25T00:00:00Z");
      inventory.recordListing(
          new InventoryListing(
              ACCOUNT,
              "us-east-1",
              seen,
              List.of(
                  new FunctionSnapshot(
                      api,
                      "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:api",
                      "java21",
                      "Zip",
                      new FunctionConfiguration(1024, Architecture.X86_64, 512, 30),
                      Map.of(),
                      List.of())),
              true));
      Instant at = Instant.parse("2025-10-28T12:00:00Z");
      new MetricSampleStore(database.dsl())
          .upsert(
              List.of(
                  MetricSample.builder(api, at, 300)
                      .invocations(2_000_000)
                      .durationMsSum(new BigDecimal("400000000"))
                      .collectedAt(at.plusSeconds(360))
                      .build()));
      new UsageRollupStore(database.dsl())
          .recomputeAll(seen, Instant.parse("2025-11-01T00:00:00Z"));
      CollectionRunStore runs = new CollectionRunStore(database.dsl());
      for (int day = 25; day <= 31; day++) {
        Instant start = Instant.parse("2025-10-%02dT00:00:00Z".formatted(day));
        succeeded(runs, start, start.plus(Duration.ofDays(1)));
      }
    }
  }

  private static void succeeded(CollectionRunStore runs, Instant from, Instant to) {
    long id = runs.start(new CollectionRunStart(ACCOUNT, "us-east-1", from, to, 300, to, "test"));
    runs.finish(
        id,
        new CollectionRunResult(
            to.plusSeconds(60), RunStatus.SUCCEEDED, Map.of(), 0, 0, BigDecimal.ZERO, null, null));
  }

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine(Map.of("LEDGER_DB_URL", databaseUrl));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void aMonthCollectedForOnlyItsLastSevenDaysIsRefusedWithoutAllowPartial() {
    int exit =
        run("report", "--month", "2025-10", "--output", directory.resolve("oct.csv").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("account 111111111111 in us-east-1 was not collected from 2025-10-01T00:00:00Z")
        .contains("to 2025-10-25T00:00:00Z")
        .contains("--allow-partial");
    assertThat(directory.resolve("oct.csv")).doesNotExist();
  }

  @Test
  void withAllowPartialItIsWrittenAndMarkedPartial() {
    int exit =
        run(
            "report",
            "--month",
            "2025-10",
            "--allow-partial",
            "--output",
            directory.resolve("oct.csv").toString());

    assertThat(exit).isZero();
    assertThat(err.toString()).contains("PARTIAL");
  }

  @Test
  void theWholeMonthCollectedIsFinal() {
    try (Database database = Database.open(new DatabaseSettings(databaseUrl, null, null))) {
      succeeded(
          new CollectionRunStore(database.dsl()),
          Instant.parse("2025-10-01T00:00:00Z"),
          Instant.parse("2025-10-25T00:00:00Z"));
    }

    int exit =
        run("report", "--month", "2025-10", "--output", directory.resolve("oct.csv").toString());

    assertThat(exit).as(err.toString()).isZero();
    assertThat(err.toString()).doesNotContain("PARTIAL");
  }

  @Test
  void theScheduledMonthlyReportsCheckCoverageAsTheCliDoes() {
    java.time.YearMonth october = java.time.YearMonth.of(2025, 10);
    java.time.Clock clock =
        java.time.Clock.fixed(Instant.parse("2025-12-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    try (Database database = Database.open(new DatabaseSettings(databaseUrl, null, null))) {
      io.lambdaledger.reports.MonthlyReports reports =
          LedgerRuntime.monthlyReports(
              database,
              io.lambdaledger.core.pricing.PriceBooks.bundled(),
              Duration.ofMinutes(20),
              clock);
      assertThat(reports.isFinal(october, io.lambdaledger.core.model.AccountScope.all())).isFalse();
      assertThat(reports.finalMonths()).doesNotContain(october);

      succeeded(
          new CollectionRunStore(database.dsl()),
          Instant.parse("2025-10-01T00:00:00Z"),
          Instant.parse("2025-10-25T00:00:00Z"));
      assertThat(reports.isFinal(october, io.lambdaledger.core.model.AccountScope.all())).isTrue();
    }
  }
}
