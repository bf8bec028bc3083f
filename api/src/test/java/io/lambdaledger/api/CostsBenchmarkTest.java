package io.lambdaledger.api;

import static io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.api.auth.TokenStore;
import io.lambdaledger.api.auth.Tokens;
import io.lambdaledger.api.costs.MonthPricer;
import io.lambdaledger.api.operations.CollectionTrigger;
import io.lambdaledger.core.model.Account;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.ApiToken;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.TokenRole;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.InventoryStore;
import io.lambdaledger.db.UsageQuery;
import io.lambdaledger.db.UsageRollupStore;
import io.lambdaledger.db.jooq.tables.records.UsageDayRecord;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a timed test (excluded by default): {@code GET
 * /api/v1/costs?window=month&aggregate=function} over 10,000 functions with a full month of day
 * rollups (310,000 rows) and the month rollup they sum to (10,000 rows) in H2 (or PostgreSQL),
 * through the real server: 100 requests one after the other (p50/p90/p99), then a concurrent phase
 * (N client threads for a fixed duration: p50/p90/p99, throughput, errors). Prints the numbers and
 * appends them as Markdown table rows to {@code api/target/api-benchmark.md}; they go to
 * docs/benchmarks.md. Run: {@code ./mvnw -pl api -am test -Dgroups=benchmark
 * -Dledger.excludedTestGroups=none -Dtest=CostsBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false}, with optional {@code -Dbenchmark.db=postgres} (needs
 * {@code LEDGER_TEST_POSTGRES_URL}), {@code -Dbenchmark.threads=4}, {@code -Dbenchmark.seconds=30}
 * and {@code -Dbenchmark.functionsPerAccount=1000} (smaller for a smoke run).
 */
@Tag("benchmark")
class CostsBenchmarkTest {

  static final int ACCOUNTS = 10;
  static final int FUNCTIONS_PER_ACCOUNT =
      Integer.getInteger("benchmark.functionsPerAccount", 1_000);
  static final String DB = System.getProperty("benchmark.db", "h2");
  static final int THREADS = Integer.getInteger("benchmark.threads", 4);
  static final int SECONDS = Integer.getInteger("benchmark.seconds", 30);
  static final Instant MONTH = Instant.parse("2026-10-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-10-31T23:59:00Z");

  @Test
  void costs_by_function_over_ten_thousand_functions_and_a_full_month() throws Exception {
    String token = Tokens.generate();
    int functions = ACCOUNTS * FUNCTIONS_PER_ACCOUNT;
    try (TestDatabase db = database();
        ServiceMetrics metrics = new ServiceMetrics()) {
      long seedStart = System.nanoTime();
      seed(db.dsl());
      System.out.printf("seeded in %d s%n", (System.nanoTime() - seedStart) / 1_000_000_000L);
      UsageRollupStore queries = new UsageRollupStore(db.dsl());
      MonthPricer pricer =
          new MonthPricer(new io.lambdaledger.core.costing.MonthPricing(PriceBooks.bundled()));
      for (int i = 0; i < 5; i++) {
        long q0 = System.nanoTime();
        var usage =
            queries.usageByFunction(
                UsageQuery.between(MONTH, Instant.parse("2026-11-01T00:00:00Z")));
        long q1 = System.nanoTime();
        pricer.price(YearMonth.of(2026, 10), usage);
        long q2 = System.nanoTime();
        System.out.printf(
            "phases: grouped query %d ms (%d lines), engine %d ms%n",
            (q1 - q0) / 1_000_000, usage.size(), (q2 - q1) / 1_000_000);
      }
      List<ApiToken> tokens =
          List.of(
              new ApiToken(
                  "bench", Tokens.sha256Hex(token), TokenRole.VIEWER, AccountScope.all(), NOW));
      Services services =
          new Services(
              () -> tokens,
              TokenStore.NONE,
              () -> true,
              metrics,
              () -> new CollectionTrigger.CollectionStarted(false, null, null, "none"),
              (month, format, scope, partial, out) -> {},
              LedgerFixture.ledger(db.database()),
              PriceBooks.bundled());
      ApiServer server =
          new ApiServer(
                  new ApiServer.Settings(
                      true, Clock.fixed(NOW, ZoneOffset.UTC), "bench", Duration.ofMinutes(30)),
                  services)
              .start("127.0.0.1", 0);
      try {
        HttpTestClient http = new HttpTestClient(server.port());
        String path = "/api/v1/costs?window=month&aggregate=function";
        long coldStart = System.nanoTime();
        assertThat(http.get(path, token).statusCode()).isEqualTo(200);
        long coldMillis = (System.nanoTime() - coldStart) / 1_000_000;
        System.out.printf("first request (nothing cached): %d ms%n", coldMillis);
        for (int i = 0; i < 10; i++) {
          HttpResponse<String> warm = http.get(path, token);
          assertThat(warm.statusCode()).isEqualTo(200);
        }
        int runs = 100;
        long[] millis = new long[runs];
        int bytes = 0;
        for (int i = 0; i < runs; i++) {
          long start = System.nanoTime();
          HttpResponse<String> response = http.get(path, token);
          millis[i] = (System.nanoTime() - start) / 1_000_000L;
          assertThat(response.statusCode()).isEqualTo(200);
          bytes = response.body().length();
        }
        Arrays.sort(millis);
        System.out.printf(
            "GET %s over %d functions: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%d runs,"
                + " response %d KB)%n",
            path,
            functions,
            millis[runs / 2],
            millis[runs * 9 / 10],
            millis[runs * 99 / 100],
            millis[runs - 1],
            runs,
            bytes / 1024);
        assertThat(http.get(path, token).body()).contains("\"count\":" + functions);

        ConcurrentLoad.Result load =
            ConcurrentLoad.run(
                URI.create(http.base() + path), token, THREADS, Duration.ofSeconds(SECONDS));
        System.out.printf(
            "GET %s, %d client threads for %.0f s: %d requests, %d errors, %.1f req/s, p50 %.0f ms,"
                + " p90 %.0f ms, p99 %.0f ms, max %.0f ms%s%n",
            path,
            load.threads(),
            load.seconds(),
            load.requests(),
            load.errors(),
            load.throughput(),
            load.p50(),
            load.p90(),
            load.p99(),
            load.max(),
            load.firstError() == null ? "" : " (first error: " + load.firstError() + ")");
        // | db | functions | phase | clients | requests | errors | p50 | p90 | p99 | max | req/s |
        List<String> rows =
            List.of(
                String.format(
                    "| %s | %,d | cold: first request | 1 | 1 | 0 | %d ms | | | | |",
                    DB, functions, coldMillis),
                String.format(
                    "| %s | %,d | sequential | 1 | %d | 0 | %d ms | %d ms | %d ms | %d ms | |",
                    DB,
                    functions,
                    runs,
                    millis[runs / 2],
                    millis[runs * 9 / 10],
                    millis[runs * 99 / 100],
                    millis[runs - 1]),
                String.format(
                    "| %s | %,d | concurrent, %.0f s | %d | %,d | %d | %.0f ms | %.0f ms | %.0f ms"
                        + " | %.0f ms | %.1f |",
                    DB,
                    functions,
                    load.seconds(),
                    load.threads(),
                    load.requests(),
                    load.errors(),
                    load.p50(),
                    load.p90(),
                    load.p99(),
                    load.max(),
                    load.throughput()));
        java.nio.file.Files.writeString(
            java.nio.file.Path.of("target", "api-benchmark.md"),
            String.join("\n", rows) + "\n",
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
        assertThat(load.errors()).as("error responses under load").isZero();
        assertThat(load.requests()).as("requests under load").isPositive();
      } finally {
        server.stop();
      }
    }
  }

  private static void seed(DSLContext dsl) {
    InventoryStore inventory = new InventoryStore(dsl);
    Random random = new Random(42);
    List<UsageDayRecord> rows = new ArrayList<>();
    for (int a = 0; a < ACCOUNTS; a++) {
      String account = String.format("%012d", 100_000_000_000L + a);
      inventory.upsertAccount(new Account(account, null, "100000000000"));
      List<FunctionSnapshot> snapshots = new ArrayList<>();
      for (int f = 0; f < FUNCTIONS_PER_ACCOUNT; f++) {
        FunctionConfiguration configuration =
            new FunctionConfiguration(
                128 * (1 + random.nextInt(16)),
                random.nextBoolean() ? Architecture.ARM64 : Architecture.X86_64,
                512,
                30);
        FunctionKey key =
            new FunctionKey(account, a % 2 == 0 ? "us-east-1" : "eu-west-1", "fn-" + f);
        snapshots.add(
            new FunctionSnapshot(
                key,
                "arn:aws:lambda:" + key.region() + ":" + account + ":function:" + key.name(),
                "java21",
                "Zip",
                configuration,
                Map.of("team", "team-" + (f % 20)),
                List.of()));
      }
      inventory.recordListing(
          new InventoryListing(
              account, a % 2 == 0 ? "us-east-1" : "eu-west-1", MONTH, snapshots, true));
    }
    Map<FunctionKey, Long> ids = new java.util.HashMap<>();
    dsl.select(
            LAMBDA_FUNCTION.ID,
            LAMBDA_FUNCTION.ACCOUNT_ID,
            LAMBDA_FUNCTION.REGION,
            LAMBDA_FUNCTION.FUNCTION_NAME)
        .from(LAMBDA_FUNCTION)
        .forEach(r -> ids.put(new FunctionKey(r.value2(), r.value3(), r.value4()), r.value1()));
    Map<Long, Integer> memory = new java.util.TreeMap<>();
    Map<Long, String> architecture = new java.util.HashMap<>();
    for (var function : inventory.listFunctions(AccountScope.all(), false)) {
      long id = ids.get(function.key());
      memory.put(id, function.configuration().memoryMb());
      architecture.put(id, function.configuration().architecture().id());
    }
    for (long id : memory.keySet()) {
      long perDay = 1_000 + random.nextInt(200_000);
      for (Instant day = MONTH;
          day.isBefore(Instant.parse("2026-11-01T00:00:00Z"));
          day = day.plus(1, ChronoUnit.DAYS)) {
        rows.add(
            day(id, day, memory.get(id), architecture.get(id), perDay, 50 + random.nextInt(400)));
        if (rows.size() == 10_000) {
          dsl.batchInsert(rows).execute();
          rows.clear();
        }
      }
    }
    dsl.batchInsert(rows).execute();
    seedMonths(dsl);
  }

  /**
   * H2 in memory, or PostgreSQL with {@code -Dbenchmark.db=postgres} (LEDGER_TEST_POSTGRES_URL).
   */
  private static TestDatabase database() {
    return "postgres".equals(DB) ? TestDatabases.postgres() : TestDatabases.h2();
  }

  /**
   * The month rollup re-summed from the seeded days, as the collector keeps it (the API reads a
   * whole month from it), then fresh planner statistics on PostgreSQL.
   */
  private static void seedMonths(DSLContext dsl) {
    io.lambdaledger.db.testing.MonthRollups.fromDays(dsl);
    if (dsl.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
      dsl.execute("analyze");
    }
  }

  private static UsageDayRecord day(
      long id, Instant day, int memoryMb, String architecture, long requests, int averageMs) {
    BigDecimal duration = BigDecimal.valueOf(requests * averageMs).add(new BigDecimal("0.5"));
    UsageDayRecord row = new UsageDayRecord();
    row.setFunctionId(id);
    row.setDayStart(day);
    row.setMemoryMb(memoryMb);
    row.setArchitecture(architecture);
    row.setEphemeralMb(512);
    row.setRequests(requests);
    row.setDurationMsSum(duration);
    row.setPcAllocatedS(BigDecimal.ZERO);
    row.setPcGbS(BigDecimal.ZERO);
    row.setPcRequests(0L);
    row.setPcSpilloverRequests(0L);
    row.setPcDurationMsEst(BigDecimal.ZERO);
    row.setErrors(requests / 500);
    row.setThrottles(0L);
    row.setDeadLetterErrors(0L);
    row.setComputedAt(NOW);
    return row;
  }
}
