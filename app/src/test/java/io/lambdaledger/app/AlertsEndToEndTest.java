package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.lambdaledger.api.ApiServer;
import io.lambdaledger.api.ServiceMetrics;
import io.lambdaledger.api.Services;
import io.lambdaledger.api.auth.Tokens;
import io.lambdaledger.api.operations.BillImportTrigger;
import io.lambdaledger.app.config.AlertsConfig;
import io.lambdaledger.app.config.AlertsConfig.BudgetConfig;
import io.lambdaledger.app.config.AlertsConfig.DeliveryConfig;
import io.lambdaledger.app.config.AlertsConfig.WebhookConfig;
import io.lambdaledger.core.alerting.Alert;
import io.lambdaledger.core.alerting.AlertEntry;
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
import io.lambdaledger.db.AlertStore;
import io.lambdaledger.db.ApiTokenStore;
import io.lambdaledger.db.InventoryStore;
import io.lambdaledger.db.jooq.Tables;
import io.lambdaledger.db.jooq.tables.records.UsageDayRecord;
import io.lambdaledger.db.jooq.tables.records.UsageHourRecord;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.MonthRollups;
import io.lambdaledger.db.testing.MutableClock;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Budgets, anomalies and alerts end to end: usage rows written through the database, the alert
 * cycle as {@code serve} runs it after a collection cycle, a real API server, and a webhook
 * receiver (a JDK HTTP server) that answers what the test tells it.
 */
class AlertsEndToEndTest {

  static final String PAYMENTS = "111111111111";
  static final String SEARCH = "222222222222";
  static final FunctionKey CHECKOUT = new FunctionKey(PAYMENTS, "us-east-1", "checkout");
  static final FunctionKey REFUNDS = new FunctionKey(PAYMENTS, "us-east-1", "refunds");
  static final FunctionKey INDEXER = new FunctionKey(SEARCH, "us-east-1", "indexer");
  static final List<FunctionKey> FUNCTIONS = List.of(CHECKOUT, REFUNDS, INDEXER);
  static final FunctionConfiguration GB =
      new FunctionConfiguration(1024, Architecture.X86_64, 512, 30);
  static final LocalDate DATA_START = LocalDate.of(2026, 9, 1);

  static final String ADMIN = Tokens.generate();
  static final String SCOPED = Tokens.generate();

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() throws Exception {
    Collections.reverse(closeables);
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
  }

  // ---------------------------------------------------------------- the webhook receiver

  /**
   * Answers each POST with the next status queued (200 once the queue is empty), or {@code always}
   * if set; with {@code hold}, only once the test ends (a receiver that does not answer).
   */
  static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    volatile Integer always;
    final CountDownLatch hold = new CountDownLatch(1);
    volatile boolean holding;

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newCachedThreadPool());
      server.createContext(
          "/hook",
          exchange -> {
            bodies.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (holding) {
              try {
                hold.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            Integer status = always != null ? always : statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
      hold.countDown();
      server.stop(0);
    }
  }

  // ---------------------------------------------------------------- the estate

  /** A database, the functions, an API server and an alert cycle over them. */
  final class Estate {
    final TestDatabase db;
    final MutableClock clock;
    final ServiceMetrics metrics = new ServiceMetrics();
    final AlertWiring wiring;
    final ApiServer server;
    final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    final Map<FunctionKey, Long> ids = new HashMap<>();

    Estate(DatabaseKind kind, Instant now, AlertsConfig config, List<FunctionKey> functions) {
      this.db = TestDatabases.fresh(kind);
      closeables.add(db);
      closeables.add(metrics);
      this.clock = new MutableClock(now);
      InventoryStore inventory = new InventoryStore(db.dsl());
      inventory.upsertAccount(new Account(PAYMENTS, "payments", PAYMENTS));
      inventory.upsertAccount(new Account(SEARCH, "search", PAYMENTS));
      Map<String, List<FunctionSnapshot>> shards = new LinkedHashMap<>();
      for (FunctionKey key : functions) {
        shards
            .computeIfAbsent(key.accountId(), a -> new ArrayList<>())
            .add(
                new FunctionSnapshot(
                    key,
                    "arn:aws:lambda:"
                        + key.region()
                        + ":"
                        + key.accountId()
                        + ":function:"
                        + key.name(),
                    "java21",
                    "Zip",
                    GB,
                    Map.of("team", key.accountId().equals(PAYMENTS) ? "payments" : "search"),
                    List.of()));
      }
      Instant listed = DATA_START.atStartOfDay().toInstant(ZoneOffset.UTC);
      shards.forEach(
          (account, snapshots) ->
              inventory.recordListing(
                  new InventoryListing(account, "us-east-1", listed, snapshots, true)));
      db.dsl()
          .select(
              Tables.LAMBDA_FUNCTION.ID,
              Tables.LAMBDA_FUNCTION.ACCOUNT_ID,
              Tables.LAMBDA_FUNCTION.REGION,
              Tables.LAMBDA_FUNCTION.FUNCTION_NAME)
          .from(Tables.LAMBDA_FUNCTION)
          .forEach(r -> ids.put(new FunctionKey(r.value2(), r.value3(), r.value4()), r.value1()));
      this.wiring =
          new AlertWiring(config, db.database(), PriceBooks.bundled(), metrics, clock, waits::add);
      List<ApiToken> tokens =
          List.of(
              new ApiToken(
                  "ops", Tokens.sha256Hex(ADMIN), TokenRole.ADMIN, AccountScope.all(), now),
              new ApiToken(
                  "search-team",
                  Tokens.sha256Hex(SCOPED),
                  TokenRole.VIEWER,
                  AccountScope.only(Set.of(SEARCH)),
                  now));
      this.server =
          new ApiServer(
                  new ApiServer.Settings(true, clock, "test", Duration.ofMinutes(30)),
                  new Services(
                      () -> tokens,
                      new StoredTokens(new ApiTokenStore(db.dsl())),
                      () -> true,
                      metrics,
                      () -> null,
                      (month, format, scope, partial, out) -> {},
                      LedgerRuntime.ledger(db.database()),
                      PriceBooks.bundled(),
                      wiring.api(),
                      BillImportTrigger.NONE))
              .start("127.0.0.1", 0);
      closeables.add(server);
    }

    /** Writes (or replaces) a function's day row: {@code usd} of list-price cost, at 1 GB. */
    void day(FunctionKey function, LocalDate day, BigDecimal usd) {
      Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
      dayRow(function, start, usd);
      // the day's usage also in its first hour: the reader takes a month without hour rows outside
      // a window for a month whose data the window holds whole, as the collector never leaves it
      hourRow(function, start, usd);
    }

    /**
     * Writes a function's hours of {@code day} from {@code fromHour} on ({@code usd} per hour from
     * midnight, as many as there are) and its day row as the sum of all of them.
     */
    void hours(FunctionKey function, LocalDate day, List<BigDecimal> usd, int fromHour) {
      Instant start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
      BigDecimal sum = BigDecimal.ZERO;
      for (int hour = 0; hour < usd.size(); hour++) {
        if (hour >= fromHour) {
          hourRow(function, start.plus(Duration.ofHours(hour)), usd.get(hour));
        }
        sum = sum.add(usd.get(hour));
      }
      dayRow(function, start, sum);
    }

    // $0.0000166667 per GB-second plus $0.20 per million requests: 1,000 requests of 1 s at
    // 1 GB cost $0.0168667; requests scale to the cost wanted.
    private static long requests(BigDecimal usd) {
      return usd.divide(new BigDecimal("0.0000168667"), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private void dayRow(FunctionKey function, Instant start, BigDecimal usd) {
      UsageDayRecord row = usage(function, start, usd);
      DSLContext dsl = db.dsl();
      dsl.deleteFrom(Tables.USAGE_DAY)
          .where(Tables.USAGE_DAY.FUNCTION_ID.eq(row.getFunctionId()))
          .and(Tables.USAGE_DAY.DAY_START.eq(row.getDayStart()))
          .execute();
      dsl.executeInsert(row);
    }

    private void hourRow(FunctionKey function, Instant start, BigDecimal usd) {
      // the hour table has the day table's usage columns, by the same names
      UsageHourRecord hour = usage(function, start, usd).into(Tables.USAGE_HOUR);
      hour.setHourStart(start);
      DSLContext dsl = db.dsl();
      dsl.deleteFrom(Tables.USAGE_HOUR)
          .where(Tables.USAGE_HOUR.FUNCTION_ID.eq(hour.getFunctionId()))
          .and(Tables.USAGE_HOUR.HOUR_START.eq(start))
          .execute();
      dsl.executeInsert(hour);
    }

    /** The day row of {@code usd} starting at {@code start}: 1 s requests at 1 GB, no errors. */
    private UsageDayRecord usage(FunctionKey function, Instant start, BigDecimal usd) {
      long requests = requests(usd);
      UsageDayRecord row = new UsageDayRecord();
      row.setFunctionId(ids.get(function));
      row.setDayStart(start);
      row.setMemoryMb(GB.memoryMb());
      row.setArchitecture(GB.architecture().id());
      row.setEphemeralMb(GB.ephemeralStorageMb());
      row.setRequests(requests);
      row.setDurationMsSum(BigDecimal.valueOf(requests * 1000));
      row.setPcAllocatedS(BigDecimal.ZERO);
      row.setPcGbS(BigDecimal.ZERO);
      row.setPcRequests(0L);
      row.setPcSpilloverRequests(0L);
      row.setPcDurationMsEst(BigDecimal.ZERO);
      row.setErrors(0L);
      row.setThrottles(0L);
      row.setDeadLetterErrors(0L);
      row.setComputedAt(clock.instant());
      return row;
    }

    void rollUpMonths() {
      db.dsl().deleteFrom(Tables.USAGE_MONTH).execute();
      MonthRollups.fromDays(db.dsl());
    }

    List<AlertEntry> alerts() {
      return new AlertStore(db.dsl()).recent(AccountScope.all(), 1000);
    }

    HttpResponse<String> call(String method, String path, String token, String body)
        throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  /**
   * A function's usual cost of a day: weekdays {@code base}, Mondays three times that (a weekly
   * batch), weekends a fifth, each with ±10 % seeded noise.
   */
  static BigDecimal seasonal(double base, LocalDate day, Random random) {
    double factor =
        day.getDayOfWeek() == DayOfWeek.MONDAY ? 3 : day.getDayOfWeek().getValue() >= 6 ? 0.2 : 1;
    return BigDecimal.valueOf(base * factor * (0.9 + 0.2 * random.nextDouble()))
        .setScale(4, RoundingMode.HALF_UP);
  }

  static final Map<FunctionKey, Double> BASE = Map.of(CHECKOUT, 10.0, REFUNDS, 4.0, INDEXER, 25.0);

  /** $1 a month on the payments account. */
  static final BudgetConfig TINY =
      new BudgetConfig("tiny", PAYMENTS, null, null, new BigDecimal("1"), null);

  /**
   * An estate on 2026-10-15 at midnight whose checkout cost $1 a day from the 1st: over the {@link
   * #TINY} budget, which the first alert cycle raises.
   */
  Estate overTheTinyBudget(AlertsConfig config) {
    Estate estate =
        new Estate(DatabaseKind.H2, Instant.parse("2026-10-15T00:00:00Z"), config, FUNCTIONS);
    for (LocalDate day = LocalDate.of(2026, 10, 1);
        day.isBefore(LocalDate.of(2026, 10, 15));
        day = day.plusDays(1)) {
      estate.day(CHECKOUT, day, BigDecimal.ONE);
    }
    estate.rollUpMonths();
    return estate;
  }

  static AlertsConfig config(List<WebhookConfig> webhooks, List<BudgetConfig> budgets) {
    return new AlertsConfig(
        webhooks,
        budgets,
        null,
        new DeliveryConfig(4, Duration.ofSeconds(1), Duration.ofSeconds(5), null),
        10);
  }

  // ---------------------------------------------------------------- the tests

  @OnEachDatabase
  void aFiveFoldSpikeOnOneFunctionRaisesExactlyOneAlertWithinOneCycle(DatabaseKind kind)
      throws Exception {
    Receiver receiver = new Receiver();
    closeables.add(receiver);
    LocalDate spikeDay = LocalDate.of(2026, 10, 14); // a Wednesday
    Estate estate =
        new Estate(
            kind,
            Instant.parse("2026-10-15T01:00:00Z"),
            config(List.of(new WebhookConfig("ops", receiver.url(), "json")), List.of()),
            FUNCTIONS);
    Random random = new Random(17);
    for (LocalDate day = DATA_START; !day.isAfter(spikeDay); day = day.plusDays(1)) {
      for (FunctionKey function : FUNCTIONS) {
        BigDecimal cost = seasonal(BASE.get(function), day, random);
        if (function.equals(REFUNDS) && day.equals(spikeDay)) {
          cost = seasonal(BASE.get(function), day, new Random(1)).multiply(BigDecimal.valueOf(5));
        }
        estate.day(function, day, cost);
      }
    }
    estate.rollUpMonths();

    AlertCycle.Outcome first = estate.wiring.cycle().run();
    AlertCycle.Outcome second = estate.wiring.cycle().run();

    assertThat(first.raised())
        .extracting(Alert::key)
        .containsExactly("anomaly:111111111111/us-east-1/refunds:2026-10-14:spike");
    assertThat(first.judged()).isEqualTo(3);
    assertThat(second.raised()).isEmpty();
    assertThat(receiver.bodies).hasSize(1);
    JsonNode sent = json.readTree(receiver.bodies.get(0));
    assertThat(sent.get("kind").asText()).isEqualTo("anomaly");
    assertThat(sent.get("subject").asText()).isEqualTo("111111111111/us-east-1/refunds");
    assertThat(new BigDecimal(sent.get("observed").asText()))
        .isGreaterThan(
            new BigDecimal(sent.get("expected").asText()).multiply(BigDecimal.valueOf(4)));

    JsonNode history = json.readTree(estate.call("GET", "/api/v1/alerts", ADMIN, null).body());
    assertThat(history.get("items")).hasSize(1);
    assertThat(history.get("items").get(0).get("delivery").asText()).isEqualTo("delivered");
    assertThat(history.get("items").get(0).get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void aMonthOfSeasonalTrafficWithoutSpikesRaisesNoAlert() throws Exception {
    Receiver receiver = new Receiver();
    closeables.add(receiver);
    LocalDate firstJudged = LocalDate.of(2026, 10, 1);
    Estate estate =
        new Estate(
            DatabaseKind.H2,
            firstJudged.atStartOfDay().toInstant(ZoneOffset.UTC),
            config(List.of(new WebhookConfig("ops", receiver.url(), "slack")), List.of()),
            FUNCTIONS);
    Random random = new Random(42);
    Map<LocalDate, Map<FunctionKey, BigDecimal>> usual = new HashMap<>();
    for (LocalDate day = DATA_START;
        day.isBefore(firstJudged.plusDays(31));
        day = day.plusDays(1)) {
      for (FunctionKey function : FUNCTIONS) {
        usual
            .computeIfAbsent(day, d -> new HashMap<>())
            .put(function, seasonal(BASE.get(function), day, random));
      }
    }
    for (LocalDate day = DATA_START; day.isBefore(firstJudged); day = day.plusDays(1)) {
      for (FunctionKey function : FUNCTIONS) {
        estate.day(function, day, usual.get(day).get(function));
      }
    }
    int judged = 0;
    int cycles = 0;
    for (LocalDate day = firstJudged;
        day.isBefore(firstJudged.plusDays(31));
        day = day.plusDays(1)) {
      for (int hour : new int[] {1, 9, 17}) {
        // the data as collected by then: yesterday whole, today the hours elapsed
        for (FunctionKey function : FUNCTIONS) {
          estate.day(function, day.minusDays(1), usual.get(day.minusDays(1)).get(function));
          estate.day(
              function,
              day,
              usual
                  .get(day)
                  .get(function)
                  .multiply(BigDecimal.valueOf(hour))
                  .divide(BigDecimal.valueOf(24), 6, RoundingMode.HALF_UP));
        }
        estate.rollUpMonths();
        estate.clock.set(day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(hour)));
        AlertCycle.Outcome outcome = estate.wiring.cycle().run();
        assertThat(outcome.raised()).as("cycle at " + estate.clock.instant()).isEmpty();
        judged += outcome.judged() - outcome.notEnoughHistory();
        cycles++;
      }
    }
    assertThat(cycles).isEqualTo(93);
    // every cycle judged every function on yesterday, and on today from 09:00 on (3 + 6 + 6)
    assertThat(judged).isEqualTo(31 * (3 + 6 + 6));
    assertThat(estate.alerts()).isEmpty();
    assertThat(receiver.bodies).isEmpty();
  }

  @Test
  void aNewFunctionIsNotJudgedUntilItHasEnoughWeeks() throws Exception {
    Estate estate =
        new Estate(
            DatabaseKind.H2,
            Instant.parse("2026-10-15T01:00:00Z"),
            config(List.of(), List.of()),
            FUNCTIONS);
    LocalDate born = LocalDate.of(2026, 9, 30);
    for (LocalDate day = born; !day.isAfter(LocalDate.of(2026, 10, 14)); day = day.plusDays(1)) {
      estate.day(
          CHECKOUT,
          day,
          day.equals(LocalDate.of(2026, 10, 14)) ? new BigDecimal("500") : BigDecimal.TEN);
    }
    estate.rollUpMonths();
    AlertCycle.Outcome outcome = estate.wiring.cycle().run();
    assertThat(outcome.raised()).isEmpty();
    assertThat(outcome.notEnoughHistory()).isEqualTo(1);
  }

  /**
   * A function's hours of a day: its {@link #seasonal} day spread over a daily curve (the night a
   * quarter of noon), each hour with ±10 % more seeded noise.
   */
  static List<BigDecimal> hourly(double base, LocalDate day, Random random) {
    BigDecimal dayCost = seasonal(base, day, random);
    double[] curve = new double[24];
    double sum = 0;
    for (int hour = 0; hour < 24; hour++) {
      curve[hour] = 0.25 + 0.75 * Math.sin(Math.PI * hour / 24);
      sum += curve[hour];
    }
    List<BigDecimal> hours = new ArrayList<>();
    for (int hour = 0; hour < 24; hour++) {
      double share = curve[hour] / sum * (0.9 + 0.2 * random.nextDouble());
      hours.add(dayCost.multiply(BigDecimal.valueOf(share)).setScale(6, RoundingMode.HALF_UP));
    }
    return hours;
  }

  /** A large spender (about $50 a day) and a small one (about $6), hour by hour. */
  static final Map<FunctionKey, Double> HOURLY_BASE = Map.of(INDEXER, 48.0, REFUNDS, 6.0);

  @OnEachDatabase
  void anHourlyFiveFoldSpikeOnALargeSpenderRaisesExactlyOneAlertWithinOneCycle(DatabaseKind kind)
      throws Exception {
    Receiver receiver = new Receiver();
    closeables.add(receiver);
    LocalDate spikeDay = LocalDate.of(2026, 10, 14); // a Wednesday
    Estate estate =
        new Estate(
            kind,
            Instant.parse("2026-10-14T14:05:00Z"),
            config(List.of(new WebhookConfig("ops", receiver.url(), "json")), List.of()),
            FUNCTIONS);
    Random random = new Random(23);
    Map<FunctionKey, List<BigDecimal>> spiked = new HashMap<>();
    for (LocalDate day = DATA_START; !day.isAfter(spikeDay); day = day.plusDays(1)) {
      for (FunctionKey function : List.of(INDEXER, REFUNDS)) {
        List<BigDecimal> hours = new ArrayList<>(hourly(HOURLY_BASE.get(function), day, random));
        if (day.equals(spikeDay)) {
          // both spike five-fold from 13:00 to 14:00; the data has arrived up to 14:00
          hours.set(13, hours.get(13).multiply(BigDecimal.valueOf(5)));
          spiked.put(function, hours);
          hours = hours.subList(0, 14);
        }
        estate.hours(function, day, hours, 0);
      }
    }
    estate.rollUpMonths();

    AlertCycle.Outcome first = estate.wiring.cycle().run();
    // the small function is not judged by the hour, and one hour does not make a daily spike
    assertThat(first.raised())
        .extracting(Alert::key)
        .containsExactly("anomaly:222222222222/us-east-1/indexer:2026-10-14:hourly-spike");
    assertThat(first.hoursJudged()).as("yesterday's 24 hours and today's 14").isEqualTo(38);

    // the next cycle, with 14:00-15:00 in: the same spike is not raised again
    for (FunctionKey function : List.of(INDEXER, REFUNDS)) {
      estate.hours(function, spikeDay, spiked.get(function).subList(0, 15), 14);
    }
    estate.rollUpMonths();
    estate.clock.set(Instant.parse("2026-10-14T15:05:00Z"));
    AlertCycle.Outcome second = estate.wiring.cycle().run();
    assertThat(second.raised()).isEmpty();
    assertThat(second.hoursJudged()).isEqualTo(39);

    assertThat(receiver.bodies).hasSize(1);
    JsonNode sent = json.readTree(receiver.bodies.get(0));
    assertThat(sent.get("period").asText()).isEqualTo("2026-10-14T13:00Z");
    assertThat(sent.get("message").asText()).contains("13:00–14:00 UTC");
    assertThat(new BigDecimal(sent.get("observed").asText()))
        .isGreaterThan(
            new BigDecimal(sent.get("expected").asText()).multiply(BigDecimal.valueOf(4)));
    JsonNode history = json.readTree(estate.call("GET", "/api/v1/alerts", ADMIN, null).body());
    assertThat(history.get("items")).hasSize(1);
    assertThat(history.get("items").get(0).get("period").asText()).isEqualTo("2026-10-14T13:00Z");
    assertThat(history.get("items").get(0).get("delivery").asText()).isEqualTo("delivered");
  }

  @Test
  void aMonthOfWeeklySeasonalHourlyTrafficRaisesNoHourlyAlert() throws Exception {
    Receiver receiver = new Receiver();
    closeables.add(receiver);
    LocalDate firstJudged = LocalDate.of(2026, 10, 1);
    Estate estate =
        new Estate(
            DatabaseKind.H2,
            firstJudged.atStartOfDay().toInstant(ZoneOffset.UTC),
            config(List.of(new WebhookConfig("ops", receiver.url(), "json")), List.of()),
            FUNCTIONS);
    Random random = new Random(4242);
    Map<LocalDate, Map<FunctionKey, List<BigDecimal>>> usual = new HashMap<>();
    for (LocalDate day = DATA_START;
        day.isBefore(firstJudged.plusDays(31));
        day = day.plusDays(1)) {
      for (FunctionKey function : List.of(INDEXER, REFUNDS)) {
        usual
            .computeIfAbsent(day, d -> new HashMap<>())
            .put(function, hourly(HOURLY_BASE.get(function), day, random));
      }
    }
    for (LocalDate day = DATA_START; day.isBefore(firstJudged); day = day.plusDays(1)) {
      for (FunctionKey function : List.of(INDEXER, REFUNDS)) {
        estate.hours(function, day, usual.get(day).get(function), 0);
      }
    }
    int hoursJudged = 0;
    int cycles = 0;
    int[] cycleHours = {2, 8, 14, 20};
    for (LocalDate day = firstJudged;
        day.isBefore(firstJudged.plusDays(31));
        day = day.plusDays(1)) {
      for (int i = 0; i < cycleHours.length; i++) {
        int hour = cycleHours[i];
        // the data as collected by then: the hours before the cycle's
        for (FunctionKey function : List.of(INDEXER, REFUNDS)) {
          if (i == 0) {
            estate.hours(function, day.minusDays(1), usual.get(day.minusDays(1)).get(function), 20);
          }
          estate.hours(
              function,
              day,
              usual.get(day).get(function).subList(0, hour),
              i == 0 ? 0 : cycleHours[i - 1]);
        }
        estate.rollUpMonths();
        estate.clock.set(
            day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofMinutes(hour * 60 + 5)));
        AlertCycle.Outcome outcome = estate.wiring.cycle().run();
        assertThat(outcome.raised()).as("cycle at " + estate.clock.instant()).isEmpty();
        hoursJudged += outcome.hoursJudged();
        cycles++;
      }
    }
    assertThat(cycles).isEqualTo(124);
    // every cycle judged the large spender's hours since yesterday 00:00, and only its
    assertThat(hoursJudged).isEqualTo(31 * (4 * 24 + 2 + 8 + 14 + 20));
    assertThat(estate.alerts()).isEmpty();
    assertThat(receiver.bodies).isEmpty();
  }

  @Test
  void aBudgetAlertFiresOnceWhenTheForecastCrossesNotOnEveryCycle() throws Exception {
    Receiver receiver = new Receiver();
    closeables.add(receiver);
    Estate estate =
        new Estate(
            DatabaseKind.H2,
            Instant.parse("2026-10-11T00:00:00Z"),
            config(List.of(new WebhookConfig("chat", receiver.url(), "slack")), List.of()),
            FUNCTIONS);
    // an admin sets a budget on the payments account: $14 a day would be $434 a month
    HttpResponse<String> put =
        estate.call(
            "PUT",
            "/api/v1/budgets/payments",
            ADMIN,
            "{\"account\":\"111111111111\",\"amount\":\"500\"}");
    assertThat(put.statusCode()).isEqualTo(200);
    LocalDate monthStart = LocalDate.of(2026, 10, 1);
    List<AlertCycle.Outcome> outcomes = new ArrayList<>();
    for (LocalDate day = monthStart;
        day.isBefore(LocalDate.of(2026, 10, 25));
        day = day.plusDays(1)) {
      // from the 18th checkout costs four times as much: the run rate then crosses $500
      BigDecimal checkout =
          day.isBefore(LocalDate.of(2026, 10, 18)) ? BigDecimal.TEN : new BigDecimal("40");
      estate.day(CHECKOUT, day, checkout);
      estate.day(REFUNDS, day, new BigDecimal("4"));
      estate.day(INDEXER, day, new BigDecimal("30"));
      estate.rollUpMonths();
      estate.clock.set(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
      outcomes.add(estate.wiring.cycle().run());
      outcomes.add(estate.wiring.cycle().run());
    }
    List<Alert> budgetAlerts =
        outcomes.stream()
            .flatMap(o -> o.raised().stream())
            .filter(a -> a.key().startsWith("budget:"))
            .toList();
    assertThat(budgetAlerts).extracting(Alert::key).containsExactly("budget:payments:2026-10");
    Alert alert = budgetAlerts.get(0);
    // crossed on the first day the last seven days' rate projects over $500
    assertThat(alert.raisedAt()).as(alert.message()).isAfter(Instant.parse("2026-10-18T00:00:00Z"));
    assertThat(alert.observed()).isGreaterThan(new BigDecimal("500"));
    assertThat(alert.message()).contains("over its $500.00");
    List<String> slack =
        receiver.bodies.stream().filter(b -> b.contains("Budget payments")).toList();
    assertThat(slack).hasSize(1);
    assertThat(json.readTree(slack.get(0)).fieldNames()).toIterable().containsExactly("text");
  }

  @Test
  void aReceiverThatFailsTwiceThenSucceedsGetsTheAlertOnTheThirdAttemptAfterBackingOff()
      throws Exception {
    Receiver receiver = new Receiver();
    closeables.add(receiver);
    receiver.statuses.add(500);
    receiver.statuses.add(503);
    Estate estate =
        overTheTinyBudget(
            config(List.of(new WebhookConfig("ops", receiver.url(), "json")), List.of(TINY)));
    AlertCycle.Outcome outcome = estate.wiring.cycle().run();
    assertThat(outcome.raised()).extracting(Alert::key).containsExactly("budget:tiny:2026-10");
    assertThat(receiver.bodies).hasSize(3).allMatch(b -> b.contains("budget:tiny:2026-10"));
    assertThat(estate.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    AlertEntry entry = estate.alerts().get(0);
    assertThat(entry.delivery()).isEqualTo("delivered");
    assertThat(entry.attempts()).isEqualTo(3);
  }

  @Test
  void aReceiverThatNeverAnswersWellIsTriedOnceACycleAfterItsFirstRoundThenGivenUpAfterADay()
      throws Exception {
    Receiver receiver = new Receiver();
    closeables.add(receiver);
    receiver.always = 502;
    Estate estate =
        overTheTinyBudget(
            config(List.of(new WebhookConfig("ops", receiver.url(), "json")), List.of(TINY)));
    estate.wiring.cycle().run();
    assertThat(receiver.bodies).hasSize(4);
    assertThat(estate.waits)
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    assertThat(estate.alerts().get(0).delivery()).isEqualTo("failed");

    // later cycles: one request each, no waiting (the cycles are the backoff)
    estate.clock.set(Instant.parse("2026-10-15T06:00:00Z"));
    estate.wiring.cycle().run();
    estate.clock.set(Instant.parse("2026-10-15T23:59:00Z"));
    estate.wiring.cycle().run();
    assertThat(receiver.bodies).hasSize(6);
    assertThat(estate.waits).hasSize(3);
    assertThat(estate.alerts().get(0).attempts()).isEqualTo(6);
    assertThat(estate.alerts().get(0).delivery()).isEqualTo("failed");

    // a day after it was raised it is given up, and not tried again
    estate.clock.set(Instant.parse("2026-10-16T00:00:01Z"));
    estate.wiring.cycle().run();
    estate.wiring.cycle().run();
    assertThat(receiver.bodies).hasSize(6);
    assertThat(estate.alerts().get(0).delivery()).isEqualTo("abandoned");
    JsonNode history = json.readTree(estate.call("GET", "/api/v1/alerts", ADMIN, null).body());
    assertThat(history.get("items").get(0).get("delivery").asText()).isEqualTo("abandoned");
  }

  @Test
  void anAlertAWebhookMissedForAWholeCycleReachesItNextCycleAndNoWebhookGetsItTwice()
      throws Exception {
    Receiver up = new Receiver();
    Receiver down = new Receiver();
    closeables.add(up);
    closeables.add(down);
    down.always = 503;
    Estate estate =
        overTheTinyBudget(
            config(
                List.of(
                    new WebhookConfig("chat", up.url(), "slack"),
                    new WebhookConfig("pager", down.url(), "json")),
                List.of(TINY)));

    AlertCycle.Outcome first = estate.wiring.cycle().run();
    assertThat(first.raised()).extracting(Alert::key).containsExactly("budget:tiny:2026-10");
    assertThat(up.bodies).hasSize(1);
    assertThat(down.bodies).hasSize(4);
    assertThat(estate.alerts().get(0).delivery()).isEqualTo("failed");
    assertThat(estate.alerts().get(0).attempts()).isEqualTo(5);

    // the pager is back for the next cycle, an hour later
    down.always = null;
    estate.clock.set(Instant.parse("2026-10-15T01:00:00Z"));
    AlertCycle.Outcome second = estate.wiring.cycle().run();
    assertThat(second.raised()).isEmpty();
    assertThat(second.redelivered()).isEqualTo(1);
    assertThat(down.bodies).hasSize(5);
    assertThat(json.readTree(down.bodies.get(4)).get("key").asText())
        .isEqualTo("budget:tiny:2026-10");
    assertThat(up.bodies).as("chat took it in the first cycle").hasSize(1);
    AlertEntry entry = estate.alerts().get(0);
    assertThat(entry.delivery()).isEqualTo("delivered");
    assertThat(entry.attempts()).isEqualTo(6);
    assertThat(entry.deliveredAt()).isEqualTo(Instant.parse("2026-10-15T01:00:00Z"));

    estate.clock.set(Instant.parse("2026-10-15T02:00:00Z"));
    assertThat(estate.wiring.cycle().run().redelivered()).isZero();
    assertThat(up.bodies).hasSize(1);
    assertThat(down.bodies).hasSize(5);
  }

  @Test
  void aWebhookThatDoesNotAnswerWithinTheTimeoutIsAFailedAttempt() throws Exception {
    Receiver silent = new Receiver();
    closeables.add(silent);
    silent.holding = true;
    Estate estate =
        overTheTinyBudget(
            new AlertsConfig(
                List.of(new WebhookConfig("ops", silent.url(), "json")),
                List.of(TINY),
                null,
                new DeliveryConfig(2, Duration.ZERO, Duration.ofMillis(300), null),
                0));
    // without the timeout the request would wait for the receiver (until the test ends) and be
    // accepted then
    estate.wiring.cycle().run();
    AlertEntry entry = estate.alerts().get(0);
    assertThat(entry.delivery()).isEqualTo("failed");
    assertThat(entry.attempts()).isEqualTo(2);
  }

  @Test
  void aScopedViewerSeesOnlyItsAlertsAndBudgetsAndOnlyAdminsWrite() throws Exception {
    Estate estate =
        new Estate(
            DatabaseKind.H2,
            Instant.parse("2026-10-15T00:00:00Z"),
            config(
                List.of(),
                List.of(
                    new BudgetConfig("search", SEARCH, null, null, new BigDecimal("1"), "USD"),
                    new BudgetConfig(
                        "payments", PAYMENTS, null, null, new BigDecimal("1"), "USD"))),
            FUNCTIONS);
    for (LocalDate day = LocalDate.of(2026, 10, 1);
        day.isBefore(LocalDate.of(2026, 10, 15));
        day = day.plusDays(1)) {
      estate.day(CHECKOUT, day, BigDecimal.ONE);
      estate.day(INDEXER, day, BigDecimal.ONE);
    }
    estate.rollUpMonths();
    assertThat(
            estate
                .call(
                    "PUT",
                    "/api/v1/budgets/team-search",
                    ADMIN,
                    "{\"tag\":\"team=search\",\"amount\":1}")
                .statusCode())
        .isEqualTo(200);
    assertThat(
            estate
                .call(
                    "PUT",
                    "/api/v1/budgets/indexer",
                    ADMIN,
                    "{\"account\":\"222222222222\",\"function\":\"us-east-1/indexer\",\"amount\":\"2.50\"}")
                .statusCode())
        .isEqualTo(200);
    estate.wiring.cycle().run();
    assertThat(estate.alerts()).hasSize(4);

    JsonNode alerts = json.readTree(estate.call("GET", "/api/v1/alerts", SCOPED, null).body());
    assertThat(alerts.get("items").findValuesAsText("subject"))
        .containsExactlyInAnyOrder("search", "indexer");
    JsonNode budgets = json.readTree(estate.call("GET", "/api/v1/budgets", SCOPED, null).body());
    assertThat(budgets.get("items").findValuesAsText("name")).containsExactly("indexer", "search");
    JsonNode all = json.readTree(estate.call("GET", "/api/v1/budgets", ADMIN, null).body());
    assertThat(all.get("items").findValuesAsText("name"))
        .containsExactly("indexer", "payments", "search", "team-search");
    assertThat(all.get("items").get(0).get("amount").asText()).isEqualTo("2.5");
    assertThat(all.get("items").get(1).get("source").asText()).isEqualTo("config");

    assertThat(estate.call("PUT", "/api/v1/budgets/x", SCOPED, "{\"amount\":1}").statusCode())
        .isEqualTo(403);
    assertThat(estate.call("DELETE", "/api/v1/budgets/indexer", SCOPED, null).statusCode())
        .isEqualTo(403);
    assertThat(estate.call("PUT", "/api/v1/budgets/x", ADMIN, "{\"amount\":0}").statusCode())
        .isEqualTo(400);
    assertThat(
            estate
                .call(
                    "PUT",
                    "/api/v1/budgets/x",
                    ADMIN,
                    "{\"function\":\"us-east-1/indexer\",\"amount\":1}")
                .statusCode())
        .isEqualTo(400);
    assertThat(estate.call("PUT", "/api/v1/budgets/search", ADMIN, "{\"amount\":1}").statusCode())
        .isEqualTo(409);
    assertThat(estate.call("DELETE", "/api/v1/budgets/nope", ADMIN, null).statusCode())
        .isEqualTo(404);
    assertThat(estate.call("DELETE", "/api/v1/budgets/indexer", ADMIN, null).statusCode())
        .isEqualTo(204);
    assertThat(
            json.readTree(estate.call("GET", "/api/v1/budgets", SCOPED, null).body())
                .get("items")
                .findValuesAsText("name"))
        .containsExactly("search");
    assertThat(estate.call("GET", "/api/v1/alerts?limit=0", SCOPED, null).statusCode())
        .isEqualTo(400);
  }

  @Test
  void metricsNameTheTopFunctionsAndSumTheRestAsOtherSoTheSeriesStayBounded() throws Exception {
    List<FunctionKey> many = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      many.add(new FunctionKey(PAYMENTS, "us-east-1", String.format("fn-%02d", i)));
    }
    Estate estate =
        new Estate(
            DatabaseKind.H2,
            Instant.parse("2026-10-15T00:00:00Z"),
            config(List.of(), List.of()),
            many);
    for (int i = 0; i < many.size(); i++) {
      for (LocalDate day = LocalDate.of(2026, 10, 1);
          day.isBefore(LocalDate.of(2026, 10, 15));
          day = day.plusDays(1)) {
        estate.day(many.get(i), day, BigDecimal.valueOf(i + 1));
      }
    }
    estate.rollUpMonths();
    estate.wiring.cycle().run();
    HttpResponse<String> metrics = estate.call("GET", "/metrics", ADMIN, null);
    List<String> series =
        metrics
            .body()
            .lines()
            .filter(l -> l.startsWith("ledger_function_cost_month_usd{"))
            .toList();
    assertThat(series).hasSize(11);
    assertThat(series).anyMatch(l -> l.contains("function=\"111111111111/us-east-1/fn-24\""));
    assertThat(series).anyMatch(l -> l.contains("function=\"other\""));
    assertThat(series).noneMatch(l -> l.contains("fn-00"));
    int size = metrics.body().length();
    // a cycle with other functions on top replaces the series instead of adding to them
    for (int i = 0; i < many.size(); i++) {
      estate.day(many.get(i), LocalDate.of(2026, 10, 14), BigDecimal.valueOf(5000 - 150L * i));
    }
    estate.rollUpMonths();
    estate.wiring.cycle().run();
    List<String> after =
        estate
            .call("GET", "/metrics", ADMIN, null)
            .body()
            .lines()
            .filter(l -> l.startsWith("ledger_function_cost_month_usd{"))
            .toList();
    assertThat(after).hasSize(11).anyMatch(l -> l.contains("fn-00\""));
    assertThat(size).isPositive();
  }
}
