package io.lambdaledger.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseSettings;
import io.lambdaledger.db.InventoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stores the benchmark month once, in an H2 file database that {@link ReportBenchmarkTest} then
 * reads from another JVM (as {@code report} reads what {@code serve} collected). Runs only in the
 * {@code benchmark} profile, in a JVM with a larger heap: loading 50,000 functions through the
 * inventory store is not what is measured.
 *
 * <p>5 accounts × 10 regions × 1,000 functions, one organization paying; one function in a hundred
 * doubles its memory on the 15th (two rows). The inventory goes through {@link InventoryStore}; the
 * day rollups are bulk-loaded by {@link DayRollups}.
 */
@Tag("benchmark-data")
class ReportBenchmarkData {

  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final String PAYER = "900000000000";
  static final List<String> REGIONS =
      List.of(
          "us-east-1",
          "us-east-2",
          "us-west-2",
          "eu-west-1",
          "eu-central-1",
          "ap-south-1",
          "ap-northeast-1",
          "sa-east-1",
          "af-south-1",
          "ap-southeast-5");
  static final int ACCOUNTS = 5;

  /**
   * 1,000 per account and region: 50,000 functions (smaller trial runs:
   * -Dreports.benchmark.perShard).
   */
  static final int FUNCTIONS_PER_SHARD = Integer.getInteger("reports.benchmark.perShard", 1_000);

  static final int FUNCTIONS = ACCOUNTS * REGIONS.size() * FUNCTIONS_PER_SHARD;
  static final int CHANGE_EVERY = 100;

  static final Instant START = MONTH.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  static final Instant CHANGE = MONTH.atDay(15).atStartOfDay().toInstant(ZoneOffset.UTC);
  static final Instant END = MONTH.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  static final Clock CLOCK = Clock.fixed(END.plus(Duration.ofDays(3)), ZoneOffset.UTC);

  /** Where the database lives: target/benchmark/ledger-<functions>. */
  static DatabaseSettings settings() {
    Path directory = Path.of(System.getProperty("reports.benchmark.dir", "target/benchmark"));
    return new DatabaseSettings(
        "jdbc:h2:file:" + directory.resolve("ledger-" + FUNCTIONS).toAbsolutePath(), null, null);
  }

  static Path databaseFile() {
    return Path.of(settings().url().substring("jdbc:h2:file:".length()) + ".mv.db");
  }

  @Test
  void storeTheBenchmarkMonthOnce() {
    if (Files.exists(databaseFile())) {
      System.out.println("BENCHMARK data: reusing " + databaseFile());
      return;
    }
    long start = System.nanoTime();
    int dayRows;
    try (Database database = Database.open(settings())) {
      dayRows = store(database);
    }
    System.out.printf(
        "BENCHMARK data: %d functions, %d day rollup rows stored in %.0f s%n",
        FUNCTIONS, dayRows, (System.nanoTime() - start) / 1e9);
    assertThat(dayRows).isEqualTo(FUNCTIONS * MONTH.lengthOfMonth());
  }

  private static int store(Database database) {
    InventoryStore inventory = new InventoryStore(database.dsl());
    inventory.upsertAccount(new Account(PAYER, "bench org", PAYER));
    SplittableRandom random = new SplittableRandom(42);
    List<DayRollups.Function> functions = new ArrayList<>(FUNCTIONS);
    for (int a = 0; a < ACCOUNTS; a++) {
      String account = "90000000000" + (a + 1);
      inventory.upsertAccount(new Account(account, "bench-" + a, PAYER));
      for (String region : REGIONS) {
        List<FunctionSnapshot> before = new ArrayList<>(FUNCTIONS_PER_SHARD);
        List<FunctionSnapshot> after = new ArrayList<>(FUNCTIONS_PER_SHARD);
        for (int f = 0; f < FUNCTIONS_PER_SHARD; f++) {
          FunctionKey key = new FunctionKey(account, region, "fn-" + f);
          int memory = 128 * (1 + random.nextInt(16));
          Architecture architecture =
              random.nextInt(3) == 0 ? Architecture.ARM64 : Architecture.X86_64;
          Map<String, String> tags = Map.of("team", "team-" + (f % 40), "env", "prod");
          before.add(snapshot(key, memory, architecture, tags));
          after.add(snapshot(key, f % CHANGE_EVERY == 0 ? memory * 2 : memory, architecture, tags));
        }
        inventory.recordListing(new InventoryListing(account, region, START, before, true));
        inventory.recordListing(new InventoryListing(account, region, CHANGE, after, true));
        functions.addAll(
            DayRollups.functions(database.dsl(), account, region, before, after, random));
      }
    }
    int written = DayRollups.load(database.dsl(), functions);
    DayRollups.loadMonth(database.dsl(), functions);
    // Table statistics, as a database that has been collecting for a while has them.
    database.dsl().execute("analyze");
    return written;
  }

  private static FunctionSnapshot snapshot(
      FunctionKey key, int memoryMb, Architecture architecture, Map<String, String> tags) {
    return new FunctionSnapshot(
        key,
        "arn:aws:lambda:" + key.region() + ":" + key.accountId() + ":function:" + key.name(),
        "python3.12",
        "Zip",
        new FunctionConfiguration(memoryMb, architecture, 512, 30),
        tags,
        List.of());
  }
}
