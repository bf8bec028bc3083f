package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.api.ApiServer;
import io.lambdaledger.api.ServiceMetrics;
import io.lambdaledger.api.Services;
import io.lambdaledger.api.operations.MonthlyReportSource;
import io.lambdaledger.collector.AwsAccount;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.CollectionTarget;
import io.lambdaledger.collector.Collector;
import io.lambdaledger.collector.CollectorSettings;
import io.lambdaledger.collector.CycleReport;
import io.lambdaledger.collector.Progress;
import io.lambdaledger.collector.RetrySettings;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.ApiTokenStore;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseSettings;
import io.lambdaledger.db.WatermarkStore;
import io.lambdaledger.reports.MonthlyReports;
import io.lambdaledger.reports.ReportFormat;
import io.lambdaledger.reports.ReportRequest;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The outputs of one fixed simulator month (two accounts under one payer, two regions, seed 16,
 * collected through the real SDK, clock fixed mid-November 2026) rendered as the API's JSON, the
 * plain CSV and the FOCUS CSV, and compared byte for byte with the files in {@code
 * src/test/resources/golden/}: a refactoring of the costing path must not change any of them.
 * {@code -Dgolden.update=true} rewrites the files, for a change that is meant to alter an output
 * (say why in the commit).
 */
class GoldenOutputsTest {

  static final Instant NOW = Instant.parse("2026-11-15T12:30:00Z");
  static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  static final Map<String, String> ROUTES = new LinkedHashMap<>();

  static {
    ROUTES.put("costs-october-by-function.json", "/api/v1/costs?window=2026-10&aggregate=function");
    ROUTES.put(
        "costs-october-by-day.json", "/api/v1/costs?window=2026-10&aggregate=account&step=day");
    ROUTES.put(
        "costs-november-to-date-by-region.json",
        "/api/v1/costs?window=month&aggregate=region,architecture");
    ROUTES.put(
        "costs-part-of-october.json",
        "/api/v1/costs?window=2026-10-03T05:00:00Z,2026-10-20T17:00:00Z&aggregate=function");
    ROUTES.put("forecast.json", "/api/v1/forecast?aggregate=function");
    ROUTES.put("forecast-october.json", "/api/v1/forecast?month=2026-10");
    ROUTES.put("free-tier.json", "/api/v1/free-tier");
    ROUTES.put("free-tier-october.json", "/api/v1/free-tier?month=2026-10");
    ROUTES.put("functions.json", "/api/v1/functions?window=2026-10");
  }

  static AwsSimulator simulator;
  static Database database;
  static ServiceMetrics metrics;
  static ApiServer server;
  static MonthlyReports reports;
  static CycleReport collected;
  static final Map<String, byte[]> outputs = new LinkedHashMap<>();

  @TempDir static Path folder;

  @BeforeAll
  static void collectTheMonthAndRenderEveryOutput() throws Exception {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    simulator =
        AwsSimulator.start(
            SimulatorSettings.defaults()
                .withFunctions(16)
                .withAccounts(2)
                .withRegions(List.of("us-east-1", "eu-west-1"))
                .withConsolidatedBilling(true)
                .withSeed(16)
                .withStart(START)
                .withClock(clock));
    database = Database.open(DatabaseSettings.h2File(folder.resolve("ledger")));
    List<CollectionTarget> targets = new ArrayList<>();
    List<String> accounts = simulator.accounts();
    for (int i = 0; i < accounts.size(); i++) {
      AwsAccount access =
          i == 0
              ? new AwsAccount(accounts.get(i), null, null)
              : new AwsAccount(
                  accounts.get(i),
                  "arn:aws:iam::" + accounts.get(i) + ":role/LambdaLedgerReader",
                  null);
      targets.add(new CollectionTarget(access, "golden-" + (i + 1), null, simulator.regions()));
    }
    CollectorSettings settings = CollectorSettings.defaults().withPeriod(Duration.ofHours(1));
    try (AwsClientFactory clients =
            new AwsClientFactory(
                new AwsClientFactory.Options(
                    simulator.endpoint(),
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDLEDGERGOLDEN", "golden")),
                    RetrySettings.defaults(),
                    8));
        Collector collector = new Collector(database, clients, targets, settings, clock)) {
      collected = collector.backfill(START, NOW, Progress.none());
    }
    PriceBooks priceBooks = StoredPriceBooks.load(database);
    Duration horizon = MonthlyReports.finalityHorizon(settings.finalityMargin());
    reports =
        new MonthlyReports(
            database.dsl(),
            new WatermarkStore(database.dsl(), clock)::list,
            priceBooks,
            horizon,
            clock);
    metrics = new ServiceMetrics();
    MonthlyReportSource noReports =
        (month, format, scope, allowPartial, out) -> {
          throw new MonthlyReportSource.ReportRefusedException("not in this test");
        };
    server =
        new ApiServer(
                new ApiServer.Settings(false, clock, "golden", horizon),
                new Services(
                    List::of,
                    new StoredTokens(new ApiTokenStore(database.dsl())),
                    () -> true,
                    metrics,
                    () -> null,
                    noReports,
                    LedgerRuntime.ledger(database),
                    priceBooks))
            .start("127.0.0.1", 0);
    HttpClient http = HttpClient.newHttpClient();
    for (Map.Entry<String, String> route : ROUTES.entrySet()) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + server.port() + route.getValue()))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode())
          .as(route.getValue() + ": " + new String(response.body(), StandardCharsets.UTF_8))
          .isEqualTo(200);
      outputs.put(route.getKey(), response.body());
    }
    String function = firstFunctionPath();
    outputs.put("function.json", get(http, "/api/v1/functions/" + function));
    outputs.put(
        "function-metrics.json",
        get(http, "/api/v1/functions/" + function + "/metrics?window=2026-10&step=day"));
    for (ReportFormat format : ReportFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      reports.write(ReportRequest.of(YearMonth.of(2026, 10), format), out);
      outputs.put("report-2026-10-" + format.id() + ".csv", out.toByteArray());
    }
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      for (Map.Entry<String, byte[]> output : outputs.entrySet()) {
        Files.write(GOLDEN.resolve(output.getKey()), output.getValue());
      }
    }
  }

  /** The function with the most requests in October, as {@code account/region/name}. */
  private static String firstFunctionPath() throws IOException {
    String json = new String(outputs.get("costs-october-by-function.json"), StandardCharsets.UTF_8);
    com.fasterxml.jackson.databind.JsonNode first =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("items").get(0);
    com.fasterxml.jackson.databind.JsonNode key = first.path("key");
    return key.path("account").asText()
        + "/"
        + key.path("region").asText()
        + "/"
        + key.path("function").asText();
  }

  private static byte[] get(HttpClient http, String path) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
    if (metrics != null) {
      metrics.close();
    }
    if (database != null) {
      database.close();
    }
    if (simulator != null) {
      simulator.close();
    }
  }

  @Test
  void the_month_was_collected_without_failures() {
    assertThat(collected.failures()).isEmpty();
    assertThat(collected.shards()).isNotEmpty();
  }

  @Test
  void every_output_is_byte_identical_to_its_golden_file() throws IOException {
    assertThat(outputs).hasSize(ROUTES.size() + 2 + ReportFormat.values().length);
    Path actual = Path.of("target/golden-actual");
    Files.createDirectories(actual);
    List<String> different = new ArrayList<>();
    for (Map.Entry<String, byte[]> output : outputs.entrySet()) {
      Path golden = GOLDEN.resolve(output.getKey());
      assertThat(golden).as("golden file (run once with -Dgolden.update=true)").exists();
      Files.write(actual.resolve(output.getKey()), output.getValue());
      if (!Arrays.equals(output.getValue(), Files.readAllBytes(golden))) {
        different.add(output.getKey());
      }
    }
    assertThat(different).as("outputs unlike their golden file (see %s)", actual).isEmpty();
  }
}
