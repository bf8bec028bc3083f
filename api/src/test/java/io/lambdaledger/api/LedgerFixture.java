package io.lambdaledger.api;

import static io.lambdaledger.db.jooq.Tables.COLLECTION_RUN;
import static io.lambdaledger.db.jooq.Tables.COLLECTION_RUN_CALL;

import io.lambdaledger.api.alerts.Alerting;
import io.lambdaledger.api.auth.TokenStore;
import io.lambdaledger.api.auth.Tokens;
import io.lambdaledger.api.operations.BillImportTrigger;
import io.lambdaledger.api.operations.CollectionTrigger;
import io.lambdaledger.api.operations.MonthlyReportSource;
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
import io.lambdaledger.db.StoredLedger;
import io.lambdaledger.db.jooq.tables.records.UsageDayRecord;
import io.lambdaledger.db.jooq.tables.records.UsageHourRecord;
import io.lambdaledger.db.testing.MonthRollups;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * A real server on a free port over a real H2 database seeded with a known ledger: three accounts
 * (two of them in one organization paying together), five functions with usage from 1 September
 * 2026 to 15 October 2026 12:00 UTC, one configuration change mid-month, collection runs.
 */
final class LedgerFixture implements AutoCloseable {

  static final Instant NOW = Instant.parse("2026-10-15T12:30:00Z");
  static final Instant DATA_END = Instant.parse("2026-10-15T12:00:00Z");
  static final Instant DATA_START = Instant.parse("2026-09-01T00:00:00Z");
  static final Instant CONFIG_CHANGE = Instant.parse("2026-10-10T00:00:00Z");

  static final String ORG_PAYER = "111111111111";
  static final String MEMBER = "222222222222";
  static final String STANDALONE = "333333333333";

  static final String ADMIN = Tokens.generate();
  static final String VIEWER = Tokens.generate();

  /** A viewer that may see only the member account 222222222222. */
  static final String SCOPED = Tokens.generate();

  /** One seeded function: its usage per hour is {@code requestsPerHour} at {@code averageMs}. */
  record Seeded(
      FunctionKey key,
      String runtime,
      Map<String, String> tags,
      FunctionConfiguration configuration,
      long requestsPerHour,
      double averageMs) {}

  static final List<Seeded> FUNCTIONS =
      List.of(
          new Seeded(
              new FunctionKey(ORG_PAYER, "us-east-1", "checkout-api"),
              "java21",
              Map.of("team", "payments"),
              new FunctionConfiguration(1024, Architecture.X86_64, 512, 30),
              20_000,
              120.4),
          new Seeded(
              new FunctionKey(ORG_PAYER, "eu-west-1", "refunds-worker"),
              "python3.12",
              Map.of("team", "payments"),
              new FunctionConfiguration(512, Architecture.ARM64, 512, 60),
              3_000,
              300.2),
          new Seeded(
              new FunctionKey(MEMBER, "us-east-1", "search-indexer"),
              "nodejs20.x",
              Map.of("team", "search"),
              new FunctionConfiguration(2048, Architecture.X86_64, 1024, 120),
              5_000,
              250.7),
          new Seeded(
              new FunctionKey(MEMBER, "us-east-1", "stream-consumer"),
              "java21",
              Map.of("team", "search"),
              new FunctionConfiguration(256, Architecture.ARM64, 512, 60),
              1_000,
              80.1),
          new Seeded(
              new FunctionKey(STANDALONE, "us-west-2", "nightly-report"),
              "python3.12",
              Map.of(),
              new FunctionConfiguration(128, Architecture.X86_64, 512, 900),
              10,
              2000.5),
          new Seeded(
              new FunctionKey(STANDALONE, "us-west-2", "idle-fn"),
              "provided.al2023",
              Map.of(),
              new FunctionConfiguration(128, Architecture.ARM64, 512, 3),
              0,
              0));

  /** search-indexer's memory from {@link #CONFIG_CHANGE} on. */
  static final FunctionConfiguration SEARCH_INDEXER_AFTER =
      new FunctionConfiguration(3008, Architecture.X86_64, 1024, 120);

  final TestDatabase db;
  final ServiceMetrics metrics = new ServiceMetrics();
  final AtomicInteger collectionsStarted = new AtomicInteger();
  final AtomicInteger billImports = new AtomicInteger();
  final java.util.concurrent.atomic.AtomicBoolean ready =
      new java.util.concurrent.atomic.AtomicBoolean(true);
  final ApiServer server;
  final HttpTestClient http;

  private LedgerFixture(TestDatabase db, boolean authEnabled, Clock clock) {
    this(db, authEnabled, clock, ApiServer.ReadLimits.DEFAULT);
  }

  private LedgerFixture(
      TestDatabase db, boolean authEnabled, Clock clock, ApiServer.ReadLimits readLimits) {
    this(db, authEnabled, clock, readLimits, PriceBooks.bundled(), ledger(db.database()));
  }

  private LedgerFixture(
      TestDatabase db,
      boolean authEnabled,
      Clock clock,
      ApiServer.ReadLimits readLimits,
      PriceBooks priceBooks,
      LedgerData ledger) {
    this.db = db;
    List<ApiToken> tokens =
        List.of(
            new ApiToken("ops", Tokens.sha256Hex(ADMIN), TokenRole.ADMIN, AccountScope.all(), NOW),
            new ApiToken(
                "grafana", Tokens.sha256Hex(VIEWER), TokenRole.VIEWER, AccountScope.all(), NOW),
            new ApiToken(
                "search-team",
                Tokens.sha256Hex(SCOPED),
                TokenRole.VIEWER,
                AccountScope.only(Set.of(MEMBER)),
                NOW));
    Services services =
        new Services(
            () -> tokens,
            databaseTokens(new io.lambdaledger.db.ApiTokenStore(db.dsl())),
            () -> ready.get() && db.database().isReachable(),
            metrics,
            () ->
                new CollectionTrigger.CollectionStarted(
                    true, "manual-" + collectionsStarted.incrementAndGet(), NOW, "started"),
            LedgerFixture::writeReport,
            ledger,
            priceBooks,
            Alerting.NONE,
            new BillImportTrigger() {
              @Override
              public boolean configured() {
                return true;
              }

              @Override
              public List<Imported> importNow() {
                billImports.incrementAndGet();
                return List.of(
                    new Imported(
                        "s3://bills/cur", "2026-10", "imported", 42, new BigDecimal("12.345")));
              }
            });
    this.server =
        new ApiServer(
                new ApiServer.Settings(
                    authEnabled, clock, "test", Duration.ofMinutes(30), readLimits),
                services)
            .start("127.0.0.1", 0);
    this.http = new HttpTestClient(server.port());
  }

  /** Token management on the test database (app's StoredTokens, without its write throttle). */
  static TokenStore databaseTokens(io.lambdaledger.db.ApiTokenStore store) {
    return new TokenStore() {
      @Override
      public List<ApiToken> list() {
        return store.list();
      }

      @Override
      public boolean create(ApiToken token) {
        return store.create(token);
      }

      @Override
      public boolean revoke(String name, Instant at) {
        return store.revoke(name, at);
      }

      @Override
      public void markUsed(String name, Instant at) {
        store.markUsed(name, at, Duration.ofMinutes(1));
      }
    };
  }

  /** The API's read ports over a test database, as the composition root builds them. */
  static LedgerData ledger(io.lambdaledger.db.Database database) {
    return new LedgerData(
        StoredLedger.usage(database),
        StoredLedger.functions(database),
        StoredLedger.collections(database),
        StoredLedger.months(database),
        StoredLedger.history(database),
        StoredLedger.bill(database));
  }

  /**
   * Seeded, auth on, clock fixed at {@link #NOW}, priced with {@code priceBooks} and with {@code
   * history} as the history evidence of the ledger.
   */
  static LedgerFixture seeded(
      PriceBooks priceBooks, io.lambdaledger.core.ledger.HistoryEvidence history) {
    TestDatabase db = TestDatabases.h2();
    try {
      seed(db.dsl());
      LedgerData base = ledger(db.database());
      return new LedgerFixture(
          db,
          true,
          Clock.fixed(NOW, ZoneOffset.UTC),
          ApiServer.ReadLimits.DEFAULT,
          priceBooks,
          new LedgerData(
              base.usage(),
              base.functions(),
              base.collections(),
              base.months(),
              history,
              base.bill()));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Seeded, auth on, clock fixed at {@link #NOW}. */
  static LedgerFixture seeded() {
    return seeded(true, () -> Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /**
   * Seeded, then {@code change} applied to the stored hour and day rollups (the month rollups are
   * summed from the days again); auth on, clock fixed at {@link #NOW}.
   */
  static LedgerFixture seeded(java.util.function.Consumer<DSLContext> change) {
    TestDatabase db = TestDatabases.h2();
    try {
      seed(db.dsl());
      change.accept(db.dsl());
      MonthRollups.fromDays(db.dsl());
      return new LedgerFixture(db, true, Clock.fixed(NOW, ZoneOffset.UTC));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  static LedgerFixture seeded(boolean authEnabled, Supplier<Clock> clock) {
    TestDatabase db = TestDatabases.h2();
    try {
      seed(db.dsl());
      return new LedgerFixture(db, authEnabled, clock.get());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** A function served only by provisioned concurrency: 16 allocated all the time. */
  static final FunctionKey PROVISIONED = new FunctionKey(STANDALONE, "us-west-2", "pc-api");

  static final int PROVISIONED_ALLOCATED = 16;

  /**
   * {@link #seeded()} plus {@link #PROVISIONED}: 40,000 requests an hour at 600 ms (with the daily
   * rhythm), every one served by its provisioned concurrency, so its on-demand GB-seconds are 0;
   * and a fourth collection run, a backfill of the whole day 2026-10-14.
   */
  static LedgerFixture seededWithProvisionedConcurrency() {
    TestDatabase db = TestDatabases.h2();
    try {
      seed(db.dsl());
      seedProvisioned(db.dsl());
      return new LedgerFixture(db, true, Clock.fixed(NOW, ZoneOffset.UTC));
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static void seedProvisioned(DSLContext dsl) {
    FunctionConfiguration configuration =
        new FunctionConfiguration(1024, Architecture.X86_64, 512, 30);
    Seeded function =
        new Seeded(PROVISIONED, "java21", Map.of("team", "payments"), configuration, 40_000, 600);
    List<FunctionSnapshot> shard = new ArrayList<>();
    for (Seeded other : FUNCTIONS) {
      if (other.key().accountId().equals(STANDALONE)) {
        shard.add(snapshot(other, other.configuration()));
      }
    }
    shard.add(
        new FunctionSnapshot(
            PROVISIONED,
            "arn:aws:lambda:us-west-2:" + STANDALONE + ":function:pc-api",
            function.runtime(),
            "Zip",
            configuration,
            function.tags(),
            List.of(
                new io.lambdaledger.core.model.ProvisionedConcurrency(
                    "live", PROVISIONED_ALLOCATED))));
    new InventoryStore(dsl)
        .recordListing(new InventoryListing(STANDALONE, "us-west-2", DATA_START, shard, true));
    long id =
        dsl.select(io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION.ID)
            .from(io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION)
            .where(io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION.FUNCTION_NAME.eq("pc-api"))
            .fetchOne()
            .value1();
    List<UsageHourRecord> hours = new ArrayList<>();
    Map<Instant, UsageDayRecord> days = new LinkedHashMap<>();
    BigDecimal allocatedSeconds = BigDecimal.valueOf(PROVISIONED_ALLOCATED * 3600L);
    for (Instant hour = DATA_START;
        hour.isBefore(DATA_END);
        hour = hour.plus(1, ChronoUnit.HOURS)) {
      UsageHourRecord row = hourRow(id, hour, function, configuration);
      row.setPcAllocatedS(allocatedSeconds);
      row.setPcGbS(allocatedSeconds);
      row.setPcRequests(row.getRequests());
      row.setPcDurationMsEst(row.getDurationMsSum());
      row.setErrors(0L);
      row.setThrottles(0L);
      row.setDeadLetterErrors(0L);
      hours.add(row);
      Instant day = hour.truncatedTo(ChronoUnit.DAYS);
      UsageDayRecord dayRow = days.computeIfAbsent(day, d -> emptyDay(id, d, configuration));
      addToDay(dayRow, row);
      dayRow.setPcAllocatedS(dayRow.getPcAllocatedS().add(row.getPcAllocatedS()));
      dayRow.setPcGbS(dayRow.getPcGbS().add(row.getPcGbS()));
      dayRow.setPcRequests(dayRow.getPcRequests() + row.getPcRequests());
      dayRow.setPcDurationMsEst(dayRow.getPcDurationMsEst().add(row.getPcDurationMsEst()));
    }
    dsl.batchInsert(hours).execute();
    dsl.batchInsert(new ArrayList<>(days.values())).execute();
    MonthRollups.fromDays(dsl);
    Instant started = NOW.minus(Duration.ofMinutes(40));
    dsl.insertInto(COLLECTION_RUN)
        .set(COLLECTION_RUN.ACCOUNT_ID, STANDALONE)
        .set(COLLECTION_RUN.REGION, "us-west-2")
        .set(COLLECTION_RUN.WINDOW_START, Instant.parse("2026-10-14T00:00:00Z"))
        .set(COLLECTION_RUN.WINDOW_END, Instant.parse("2026-10-15T00:00:00Z"))
        .set(COLLECTION_RUN.PERIOD_S, 3600)
        .set(COLLECTION_RUN.STARTED_AT, started)
        .set(COLLECTION_RUN.FINISHED_AT, started.plusSeconds(9))
        .set(COLLECTION_RUN.STATUS, "SUCCEEDED")
        .set(COLLECTION_RUN.METRICS_REQUESTED, 24L)
        .set(COLLECTION_RUN.SAMPLES_WRITTEN, 24L)
        .set(COLLECTION_RUN.CLOUDWATCH_COST, new BigDecimal("0.000240"))
        .set(COLLECTION_RUN.INSTANCE, "test")
        .execute();
  }

  /** An empty database (no functions, no usage, no runs): the dashboard's empty state. */
  static LedgerFixture empty(boolean authEnabled) {
    return empty(authEnabled, ApiServer.ReadLimits.DEFAULT);
  }

  /** An empty database, served with the given read deadlines. */
  static LedgerFixture empty(boolean authEnabled, ApiServer.ReadLimits readLimits) {
    TestDatabase db = TestDatabases.h2();
    return new LedgerFixture(db, authEnabled, Clock.fixed(NOW, ZoneOffset.UTC), readLimits);
  }

  /** The report source stands in for the reports module: one row per visible seeded function. */
  private static void writeReport(
      java.time.YearMonth month,
      MonthlyReportSource.Format format,
      AccountScope scope,
      boolean allowPartial,
      java.io.OutputStream out)
      throws java.io.IOException {
    if (!allowPartial && !month.isBefore(java.time.YearMonth.of(2026, 10))) {
      throw new MonthlyReportSource.ReportRefusedException(
          month + " is not final yet; ask with allowPartial=true");
    }
    StringBuilder csv = new StringBuilder("month,format,account_id,function_name\r\n");
    for (Seeded function : FUNCTIONS) {
      if (scope.includes(function.key().accountId())) {
        csv.append(month)
            .append(',')
            .append(format)
            .append(',')
            .append(function.key().accountId())
            .append(',')
            .append(function.key().name())
            .append("\r\n");
      }
    }
    out.write(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static void seed(DSLContext dsl) {
    InventoryStore inventory = new InventoryStore(dsl);
    inventory.upsertAccount(new Account(ORG_PAYER, "payments", ORG_PAYER));
    inventory.upsertAccount(new Account(MEMBER, "search", ORG_PAYER));
    inventory.upsertAccount(new Account(STANDALONE, "reports", STANDALONE));
    Map<List<String>, List<FunctionSnapshot>> shards = new LinkedHashMap<>();
    for (Seeded function : FUNCTIONS) {
      shards
          .computeIfAbsent(
              List.of(function.key().accountId(), function.key().region()), k -> new ArrayList<>())
          .add(snapshot(function, function.configuration()));
    }
    shards.forEach(
        (shard, snapshots) ->
            inventory.recordListing(
                new InventoryListing(shard.get(0), shard.get(1), DATA_START, snapshots, true)));
    List<FunctionSnapshot> changed = new ArrayList<>();
    for (Seeded function : FUNCTIONS) {
      if (function.key().accountId().equals(MEMBER)) {
        changed.add(
            snapshot(
                function,
                function.key().name().equals("search-indexer")
                    ? SEARCH_INDEXER_AFTER
                    : function.configuration()));
      }
    }
    inventory.recordListing(
        new InventoryListing(MEMBER, "us-east-1", CONFIG_CHANGE, changed, true));
    seedUsage(dsl);
    seedRuns(dsl);
  }

  private static FunctionSnapshot snapshot(Seeded function, FunctionConfiguration configuration) {
    FunctionKey key = function.key();
    return new FunctionSnapshot(
        key,
        "arn:aws:lambda:" + key.region() + ":" + key.accountId() + ":function:" + key.name(),
        function.runtime(),
        "Zip",
        configuration,
        function.tags(),
        List.of());
  }

  static FunctionConfiguration configurationAt(Seeded function, Instant hour) {
    return function.key().name().equals("search-indexer") && !hour.isBefore(CONFIG_CHANGE)
        ? SEARCH_INDEXER_AFTER
        : function.configuration();
  }

  private static void seedUsage(DSLContext dsl) {
    Map<FunctionKey, Long> ids = new LinkedHashMap<>();
    dsl.select(
            io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION.ID,
            io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION.ACCOUNT_ID,
            io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION.REGION,
            io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION.FUNCTION_NAME)
        .from(io.lambdaledger.db.jooq.Tables.LAMBDA_FUNCTION)
        .forEach(
            row ->
                ids.put(new FunctionKey(row.value2(), row.value3(), row.value4()), row.value1()));
    List<UsageHourRecord> hours = new ArrayList<>();
    Map<List<Object>, UsageDayRecord> days = new LinkedHashMap<>();
    for (Seeded function : FUNCTIONS) {
      if (function.requestsPerHour() == 0) {
        continue;
      }
      long id = ids.get(function.key());
      for (Instant hour = DATA_START;
          hour.isBefore(DATA_END);
          hour = hour.plus(1, ChronoUnit.HOURS)) {
        FunctionConfiguration configuration = configurationAt(function, hour);
        UsageHourRecord row = hourRow(id, hour, function, configuration);
        hours.add(row);
        Instant day = hour.truncatedTo(ChronoUnit.DAYS);
        UsageDayRecord dayRow =
            days.computeIfAbsent(
                List.of(id, day, configuration.memoryMb()), k -> emptyDay(id, day, configuration));
        addToDay(dayRow, row);
      }
    }
    dsl.batchInsert(hours).execute();
    dsl.batchInsert(new ArrayList<>(days.values())).execute();
    MonthRollups.fromDays(dsl);
  }

  /** Hourly usage with a daily rhythm: busier in the afternoon UTC. */
  static long requestsIn(Seeded function, Instant hour) {
    int hourOfDay = hour.atOffset(ZoneOffset.UTC).getHour();
    double rhythm = 0.6 + 0.8 * Math.max(0, Math.sin(Math.PI * (hourOfDay - 6) / 18.0));
    return Math.round(function.requestsPerHour() * rhythm);
  }

  private static UsageHourRecord hourRow(
      long id, Instant hour, Seeded function, FunctionConfiguration configuration) {
    long requests = requestsIn(function, hour);
    BigDecimal durationSum =
        BigDecimal.valueOf(function.averageMs()).multiply(BigDecimal.valueOf(requests));
    UsageHourRecord row = new UsageHourRecord();
    row.setFunctionId(id);
    row.setHourStart(hour);
    row.setMemoryMb(configuration.memoryMb());
    row.setArchitecture(configuration.architecture().id());
    row.setEphemeralMb(configuration.ephemeralStorageMb());
    row.setRequests(requests);
    row.setDurationMsSum(durationSum);
    row.setPcAllocatedS(BigDecimal.ZERO);
    row.setPcGbS(BigDecimal.ZERO);
    row.setPcRequests(0L);
    row.setPcSpilloverRequests(0L);
    row.setPcDurationMsEst(BigDecimal.ZERO);
    row.setErrors(requests / 997);
    row.setThrottles(function.key().name().equals("checkout-api") ? 2L : 0L);
    row.setDeadLetterErrors(function.key().name().equals("stream-consumer") ? 1L : 0L);
    row.setIteratorAgeMaxMs(
        function.key().name().equals("stream-consumer")
            ? BigDecimal.valueOf(1500 + hour.atOffset(ZoneOffset.UTC).getHour() * 10L)
            : null);
    row.setComputedAt(NOW);
    return row;
  }

  private static UsageDayRecord emptyDay(long id, Instant day, FunctionConfiguration c) {
    UsageDayRecord row = new UsageDayRecord();
    row.setFunctionId(id);
    row.setDayStart(day);
    row.setMemoryMb(c.memoryMb());
    row.setArchitecture(c.architecture().id());
    row.setEphemeralMb(c.ephemeralStorageMb());
    row.setRequests(0L);
    row.setDurationMsSum(BigDecimal.ZERO);
    row.setPcAllocatedS(BigDecimal.ZERO);
    row.setPcGbS(BigDecimal.ZERO);
    row.setPcRequests(0L);
    row.setPcSpilloverRequests(0L);
    row.setPcDurationMsEst(BigDecimal.ZERO);
    row.setErrors(0L);
    row.setThrottles(0L);
    row.setDeadLetterErrors(0L);
    row.setComputedAt(NOW);
    return row;
  }

  private static void addToDay(UsageDayRecord day, UsageHourRecord hour) {
    day.setRequests(day.getRequests() + hour.getRequests());
    day.setDurationMsSum(day.getDurationMsSum().add(hour.getDurationMsSum()));
    day.setErrors(day.getErrors() + hour.getErrors());
    day.setThrottles(day.getThrottles() + hour.getThrottles());
    day.setDeadLetterErrors(day.getDeadLetterErrors() + hour.getDeadLetterErrors());
    if (hour.getIteratorAgeMaxMs() != null
        && (day.getIteratorAgeMaxMs() == null
            || hour.getIteratorAgeMaxMs().compareTo(day.getIteratorAgeMaxMs()) > 0)) {
      day.setIteratorAgeMaxMs(hour.getIteratorAgeMaxMs());
    }
  }

  private static void seedRuns(DSLContext dsl) {
    String[][] shards = {
      {ORG_PAYER, "us-east-1"}, {MEMBER, "us-east-1"}, {STANDALONE, "us-west-2"}
    };
    for (int i = 0; i < shards.length; i++) {
      Instant started = NOW.minus(Duration.ofMinutes(10L * (i + 1)));
      long id =
          dsl.insertInto(COLLECTION_RUN)
              .set(COLLECTION_RUN.ACCOUNT_ID, shards[i][0])
              .set(COLLECTION_RUN.REGION, shards[i][1])
              .set(COLLECTION_RUN.WINDOW_START, started.minus(Duration.ofMinutes(35)))
              .set(COLLECTION_RUN.WINDOW_END, started.minus(Duration.ofMinutes(5)))
              .set(COLLECTION_RUN.PERIOD_S, 300)
              .set(COLLECTION_RUN.STARTED_AT, started)
              .set(COLLECTION_RUN.FINISHED_AT, started.plusSeconds(4))
              .set(COLLECTION_RUN.STATUS, i == 2 ? "FAILED" : "SUCCEEDED")
              .set(COLLECTION_RUN.METRICS_REQUESTED, 120L)
              .set(COLLECTION_RUN.SAMPLES_WRITTEN, 60L)
              .set(COLLECTION_RUN.CLOUDWATCH_COST, new BigDecimal("0.001200"))
              .set(COLLECTION_RUN.ERROR, i == 2 ? "Throttling: Rate exceeded" : null)
              .set(COLLECTION_RUN.INSTANCE, "test")
              .set(COLLECTION_RUN.SERIES_LISTED, 120L + i)
              .set(COLLECTION_RUN.SERIES_WITH_DATA, 100L)
              .set(COLLECTION_RUN.INTERVAL_S, 3600)
              .set(COLLECTION_RUN.BUDGET_USD, new BigDecimal("1.50"))
              .set(
                  COLLECTION_RUN.PROJECTED_MONTHLY_COST,
                  i == 2 ? null : new BigDecimal("0.86").add(BigDecimal.valueOf(i)))
              .returning(COLLECTION_RUN.ID)
              .fetchOne()
              .getId();
      dsl.insertInto(COLLECTION_RUN_CALL)
          .set(COLLECTION_RUN_CALL.RUN_ID, id)
          .set(COLLECTION_RUN_CALL.OPERATION, "GetMetricData")
          .set(COLLECTION_RUN_CALL.CALLS, 3L)
          .execute();
    }
  }

  @Override
  public void close() {
    server.stop();
    metrics.close();
    db.close();
  }
}
