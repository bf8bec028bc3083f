package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.MetricSample;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseSettings;
import io.lambdaledger.db.InventoryStore;
import io.lambdaledger.db.MetricSampleStore;
import io.lambdaledger.db.UsageRollupStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code report} command, run in-process against an H2 file database. */
class ReportCommandTest {

  private static final String ACCOUNT = "111111111111";
  private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"x\")";

  @TempDir Path directory;

  private String databaseUrl;
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void storeOctober() {
    // A plain file URL: DatabaseSettings.h2File adds AUTO_SERVER with DB_CLOSE_ON_EXIT=FALSE,
    // which H2 2.4 refuses ("Feature not supported").
    databaseUrl = "jdbc:h2:file:" + directory.resolve("ledger").toAbsolutePath();
    DatabaseSettings settings = new DatabaseSettings(databaseUrl, null, null);
    try (Database database = Database.open(settings)) {
      InventoryStore inventory = new InventoryStore(database.dsl());
      inventory.upsertAccount(new Account(ACCOUNT, "prod", ACCOUNT));
      Instant seen = Instant.parse("2026-10-01T00:00:00Z");
      inventory.recordListing(
          new InventoryListing(
              ACCOUNT,
              "us-east-1",
              seen,
              List.of(snapshot("api", Map.of("team", "+cmd")), snapshot(FORMULA, Map.of())),
              true));
      List<MetricSample> samples = new ArrayList<>();
      for (int day = 1; day <= 28; day += 9) {
        Instant at = Instant.parse("2026-10-%02dT12:00:00Z".formatted(day));
        samples.add(sample("api", at, 2_000_000, "400000000"));
        samples.add(sample(FORMULA, at, 5, "1000"));
      }
      new MetricSampleStore(database.dsl()).upsert(samples);
      new UsageRollupStore(database.dsl())
          .recomputeAll(seen, Instant.parse("2026-11-01T00:00:00Z"));
    }
  }

  private static FunctionSnapshot snapshot(String name, Map<String, String> tags) {
    FunctionKey key = new FunctionKey(ACCOUNT, "us-east-1", name);
    return new FunctionSnapshot(
        key,
        "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:" + name,
        "java21",
        "Zip",
        new FunctionConfiguration(1024, Architecture.X86_64, 512, 30),
        tags,
        List.of());
  }

  private static MetricSample sample(String name, Instant at, long invocations, String ms) {
    return MetricSample.builder(new FunctionKey(ACCOUNT, "us-east-1", name), at, 3600)
        .invocations(invocations)
        .durationMsSum(new BigDecimal(ms))
        .collectedAt(at.plusSeconds(7200))
        .build();
  }

  private int run(String... args) {
    CommandLine commandLine = Main.commandLine(Map.of("LEDGER_DB_URL", databaseUrl));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static List<CSVRecord> parse(Path file) throws IOException {
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
    try (CSVParser parser = CSVParser.parse(new StringReader(Files.readString(file)), format)) {
      return new ArrayList<>(parser.getRecords());
    }
  }

  @Test
  void writesTheMonthAsCsvToAFileAndSummarisesOnStandardError() throws IOException {
    Path file = directory.resolve("out/october.csv");

    int exit = run("report", "--month", "2026-10", "--output", file.toString(), "--tag", "team");

    assertThat(exit).isZero();
    List<CSVRecord> rows = parse(file);
    assertThat(rows).extracting(r -> r.get("function_name")).containsExactly("'" + FORMULA, "api");
    assertThat(rows).extracting(r -> r.get("tag:team")).containsExactly("", "'+cmd");
    BigDecimal total =
        rows.stream().map(r -> new BigDecimal(r.get("total_cost"))).reduce(BigDecimal::add).get();
    assertThat(total).isPositive();
    assertThat(err.toString())
        .contains("report 2026-10 (csv): 2 function rows")
        .contains("total " + total.toPlainString() + " USD");
  }

  @Test
  void writesToStandardOutputByDefault() throws IOException {
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    int exit;
    try {
      System.setOut(
          new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
      exit = run("report", "--month", "2026-10");
    } finally {
      System.setOut(original);
    }

    assertThat(exit).isZero();
    Path file = directory.resolve("stdout.csv");
    Files.write(file, captured.toByteArray());
    assertThat(parse(file)).hasSize(2);
    assertThat(err.toString()).doesNotContain("written to");
  }

  @Test
  void writesTheFocusDataset() throws IOException {
    Path file = directory.resolve("october-focus.csv");

    int exit =
        run("report", "--month", "2026-10", "--format", "focus", "--output", file.toString());

    assertThat(exit).isZero();
    List<CSVRecord> rows = parse(file);
    assertThat(rows).hasSize(4);
    assertThat(rows).extracting(r -> r.get("BillingAccountId")).containsOnly(ACCOUNT);
    assertThat(rows).extracting(r -> r.get("x_Estimated")).containsOnly("true");
  }

  @Test
  void aMonthWithoutCollectedUsageIsRefusedOnOneLineAndNoFileIsWritten() {
    Path file = directory.resolve("september.csv");

    int exit = run("report", "--month", "2026-09", "--output", file.toString());

    assertThat(exit).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString()).startsWith("lambda-ledger: no usage collected for 2026-09");
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(file).doesNotExist();
  }

  @Test
  void withoutADatabaseNothingIsCreatedAndTheCommandSaysSo() {
    Path missing = directory.resolve("nowhere/data/lambda-ledger");
    Path file = directory.resolve("october.csv");
    CommandLine commandLine =
        Main.commandLine(Map.of("LEDGER_DB_URL", "jdbc:h2:file:" + missing.toAbsolutePath()));
    commandLine.setErr(new PrintWriter(err, true));

    int exit = commandLine.execute("report", "--month", "2026-10", "--output", file.toString());

    assertThat(exit).isEqualTo(Main.EXIT_FAILURE);
    assertThat(err.toString()).startsWith("lambda-ledger: no database at ");
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(directory.resolve("nowhere")).doesNotExist();
    assertThat(file).doesNotExist();
  }

  @Test
  void aMonthNotFinalIsRefusedWithExitCodeTwoAndNoFile() {
    Path file = directory.resolve("future.csv");

    int exit = run("report", "--month", "2099-01", "--output", file.toString());

    assertThat(exit).isEqualTo(Main.EXIT_USAGE);
    assertThat(err.toString())
        .startsWith("lambda-ledger: month 2099-01 is not final yet")
        .contains("pass --allow-partial to write it anyway");
    assertThat(file).doesNotExist();
  }

  @Test
  void allowPartialWritesAnOpenMonthAndSaysSo() {
    Path file = directory.resolve("future.csv");

    int exit = run("report", "--month", "2099-01", "--output", file.toString(), "--allow-partial");

    assertThat(exit).isZero();
    assertThat(file).content().startsWith("month,payer_account_id,");
    assertThat(err.toString()).contains("PARTIAL");
  }

  @Test
  void anAccountFilterListsOnlyThatAccount() throws IOException {
    Path file = directory.resolve("other.csv");

    int exit =
        run(
            "report",
            "--month",
            "2026-10",
            "--account",
            "222222222222",
            "--output",
            file.toString());

    assertThat(exit).isZero();
    assertThat(parse(file)).isEmpty();
  }

  @Test
  void badFlagsExitWithCodeTwoAndOneLine() {
    assertThat(run("report", "--month", "2026-13")).isEqualTo(Main.EXIT_USAGE);
    assertThat(run("report", "--month", "2026-10", "--format", "xml")).isEqualTo(Main.EXIT_USAGE);
    assertThat(run("report", "--month", "2026-10", "--account", "abc")).isEqualTo(Main.EXIT_USAGE);
    assertThat(run("report", "--month", "2026-10", "--format", "focus", "--tag", "team"))
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(run("report")).isEqualTo(Main.EXIT_USAGE);

    assertThat(err.toString())
        .contains("--month must be a month like 2026-10, got '2026-13'")
        .contains("--format: unknown report format 'xml': expected csv or focus")
        .contains("--account must be a 12-digit AWS account id, got 'abc'")
        .contains("--tag adds columns to --format csv only")
        .contains("Missing required option: '--month=YYYY-MM'");
  }
}
