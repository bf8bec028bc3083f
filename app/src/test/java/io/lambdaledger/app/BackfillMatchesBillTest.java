package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.collector.AwsAccount;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.CollectionTarget;
import io.lambdaledger.collector.Collector;
import io.lambdaledger.collector.CollectorSettings;
import io.lambdaledger.collector.CycleReport;
import io.lambdaledger.collector.Progress;
import io.lambdaledger.collector.RetrySettings;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.HistoryStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import io.lambdaledger.reports.CollectionProgress;
import io.lambdaledger.reports.MonthlyReports;
import io.lambdaledger.reports.ReportFormat;
import io.lambdaledger.reports.ReportRequest;
import io.lambdaledger.reports.ReportSummary;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatorSettings;
import io.lambdaledger.sim.Truth;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A first collection that backfills last month (the standalone run: 120 functions, seed 11,
 * throttling and server errors on every call) reports that month within 0.5 % of the simulator's
 * exact bill, provisioned concurrency and per-side configuration included, because CloudTrail's
 * history is rebuilt before first sight. With CloudTrail denied the same month is low and every
 * function that had provisioned concurrency says its history is UNKNOWN.
 */
class BackfillMatchesBillTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
  private static final String FAULTS = "throttle=0.1,error=0.05";

  private record Run(
      BigDecimal reported,
      BigDecimal truth,
      List<FunctionProvenance> provenance,
      Map<String, BigDecimal> reportedByFunction,
      Map<String, BigDecimal> truthByFunction) {

    /** The function whose reported cost is furthest from its bill, described. */
    String worstFunction() {
      String worst = null;
      BigDecimal gap = BigDecimal.ZERO.negate();
      for (Map.Entry<String, BigDecimal> billed : truthByFunction.entrySet()) {
        BigDecimal difference =
            reportedByFunction
                .getOrDefault(billed.getKey(), BigDecimal.ZERO)
                .subtract(billed.getValue())
                .abs();
        if (difference.compareTo(gap) > 0) {
          gap = difference;
          worst = billed.getKey();
        }
      }
      return worst
          + " reported "
          + reportedByFunction.getOrDefault(worst, BigDecimal.ZERO)
          + " billed "
          + truthByFunction.get(worst);
    }

    BigDecimal error() {
      return reported.subtract(truth).abs().divide(truth, MathContext.DECIMAL64);
    }
  }

  private static Run backfillNovember(DatabaseKind kind, String faults) throws IOException {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SimulatorSettings settings =
        SimulatorSettings.defaults()
            .withFunctions(120)
            .withSeed(11)
            .withFaults(Faults.parse(faults))
            .withClock(clock);
    try (AwsSimulator sim = AwsSimulator.start(settings);
        TestDatabase db = TestDatabases.fresh(kind);
        AwsClientFactory clients =
            new AwsClientFactory(
                new AwsClientFactory.Options(
                    sim.endpoint(),
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDLEDGERTEST", "not-a-secret")),
                    new RetrySettings(10, Duration.ofMillis(5), Duration.ofMillis(20)),
                    16))) {
      Collector collector =
          new Collector(
              db.database(),
              clients,
              List.of(
                  new CollectionTarget(
                      AwsAccount.defaultCredentials(), "test", null, List.of("us-east-1"))),
              CollectorSettings.defaults().withRateLimits(500, 500),
              clock,
              "backfill-test");
      CycleReport backfill = collector.backfill(FROM, TO, Progress.none());
      assertThat(backfill.succeeded()).as("%s", backfill.failures()).isTrue();

      MonthlyReports reports =
          new MonthlyReports(
              db.dsl(),
              CollectionProgress.none(),
              PriceBooks.bundled(),
              MonthlyReports.finalityHorizon(Duration.ofMinutes(20)),
              clock);
      ByteArrayOutputStream csv = new ByteArrayOutputStream();
      ReportSummary summary =
          reports.write(
              new ReportRequest(NOVEMBER, ReportFormat.CSV, AccountScope.all(), List.of(), true),
              csv);
      Map<String, BigDecimal> reportedByFunction = new HashMap<>();
      try (CSVParser parser =
          CSVParser.parse(
              csv.toString(StandardCharsets.UTF_8),
              CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
        for (CSVRecord row : parser) {
          reportedByFunction.merge(
              row.get("function_arn"), new BigDecimal(row.get("total_cost")), BigDecimal::add);
        }
      }
      Truth truth = sim.truth(FROM, TO);
      Map<String, BigDecimal> truthByFunction = new HashMap<>();
      truth.functions().forEach(f -> truthByFunction.put(f.arn(), truth.cost(f)));
      return new Run(
          summary.totalCost(),
          // What metrics can carry: the on-demand bill without INIT (CloudWatch's Duration
          // excludes it). Savings Plans, credits and INIT are the bill import's to explain.
          truth.onDemandTotal().subtract(truth.initCharge()),
          new HistoryStore(db.dsl(), clock).provenance(NOVEMBER, AccountScope.all()),
          reportedByFunction,
          truthByFunction);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lambdaledger.db.testing.TestDatabases#kinds")
  void aBackfilledMonthInsideCloudTrailsNinetyDaysMatchesTheBill(DatabaseKind kind)
      throws IOException {
    Run run = backfillNovember(kind, FAULTS);
    System.out.printf(
        "november %s: reported %s, billed %s, error %s; worst function: %s%n",
        kind, run.reported(), run.truth(), run.error(), run.worstFunction());

    assertThat(run.error())
        .as("reported %s, billed %s", run.reported(), run.truth())
        .isLessThan(new BigDecimal("0.005"));
    assertThat(run.provenance())
        .isNotEmpty()
        .allSatisfy(
            p -> assertThat(p.provenance()).isIn(Provenance.OBSERVED, Provenance.CLOUDTRAIL));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lambdaledger.db.testing.TestDatabases#kinds")
  void withCloudTrailDeniedTheMonthIsLowAndSaysSo(DatabaseKind kind) throws IOException {
    Run run = backfillNovember(kind, FAULTS + ",LookupEvents.deny=true");

    assertThat(run.reported()).isLessThan(run.truth());
    assertThat(run.error()).isGreaterThan(new BigDecimal("0.005"));
    Set<String> unknown =
        run.provenance().stream()
            .filter(p -> p.provenance() == Provenance.UNKNOWN)
            .map(p -> p.function().name())
            .collect(Collectors.toSet());
    assertThat(unknown).isNotEmpty();
    assertThat(run.provenance())
        .filteredOn(p -> p.provenance() == Provenance.UNKNOWN)
        .allSatisfy(p -> assertThat(p.pcGbSecondsAtRisk()).isNull());
  }
}
