package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.Collector;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.InferenceBound;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.HistoryStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import io.lambdaledger.reports.CollectionProgress;
import io.lambdaledger.reports.MonthlyReports;
import io.lambdaledger.reports.ReportFormat;
import io.lambdaledger.reports.ReportRequest;
import io.lambdaledger.reports.ReportSummary;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.ConfigUsage;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.FunctionTruth;
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

/**
 * A first collection that backfills last month (the standalone run: 120 functions, seed 11,
 * throttling and server errors on every call) reports that month within 0.5 % of the simulator's
 * exact bill, provisioned concurrency and per-side configuration included, because CloudTrail's
 * history is rebuilt before first sight. With CloudTrail denied, provisioned concurrency is
 * inferred from CloudWatch's per-alias metrics (the amount, the GB-seconds priced from it and how
 * much may be missing) and every function with usage before first sight says its history is UNKNOWN
 * (its configuration was assumed).
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
      Map<String, BigDecimal> truthByFunction,
      Truth exact,
      long reportedRequests) {

    /**
     * The function whose reported cost is furthest from its bill (INIT included: the per-function
     * bill carries it), described with the share of its billed duration INIT adds.
     */
    String worstFunction() {
      FunctionTruth worst = null;
      BigDecimal gap = BigDecimal.ZERO.negate();
      for (FunctionTruth function : exact.functions()) {
        BigDecimal billed = truthByFunction.get(function.arn());
        BigDecimal difference =
            reportedByFunction.getOrDefault(function.arn(), BigDecimal.ZERO).subtract(billed).abs();
        if (difference.compareTo(gap) > 0) {
          gap = difference;
          worst = function;
        }
      }
      BigDecimal reportedCost = reportedByFunction.getOrDefault(worst.arn(), BigDecimal.ZERO);
      BigDecimal billed = truthByFunction.get(worst.arn());
      return worst.name()
          + " reported "
          + reportedCost
          + " billed "
          + billed
          + " ("
          + reportedCost
              .subtract(billed)
              .multiply(BigDecimal.valueOf(100))
              .divide(billed, 2, java.math.RoundingMode.HALF_UP)
          + " %), INIT adds "
          + BigDecimal.valueOf(100L * worst.initBilledMs())
              .divide(
                  BigDecimal.valueOf(worst.billedMs() + worst.initBilledMs()),
                  2,
                  java.math.RoundingMode.HALF_UP)
          + " % of its billed duration";
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
        AwsClientFactory clients = SimulatedAws.clients(sim, 10, 16)) {
      Collector collector =
          SimulatedAws.collector(
              db.database(), clients, SimulatedAws.settings(), clock, "backfill-test");
      SimulatedAws.backfill(collector, FROM, TO);

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
      long requests = 0;
      try (CSVParser parser =
          CSVParser.parse(
              csv.toString(StandardCharsets.UTF_8),
              CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
        for (CSVRecord row : parser) {
          reportedByFunction.merge(
              row.get("function_arn"), new BigDecimal(row.get("total_cost")), BigDecimal::add);
          requests += Long.parseLong(row.get("requests"));
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
          truthByFunction,
          truth,
          requests);
    }
  }

  /** Functions that had provisioned concurrency allocated during the month, by name. */
  private static Map<String, Integer> provisionedInTruth(Truth truth) {
    Map<String, Integer> provisioned = new HashMap<>();
    for (FunctionTruth function : truth.functions()) {
      for (ConfigUsage usage : function.configs()) {
        if (usage.provisionedSeconds() > 0) {
          provisioned.put(function.name(), usage.provisionedConcurrency());
        }
      }
    }
    return provisioned;
  }

  @OnEachDatabase
  void aBackfilledMonthInsideCloudTrailsNinetyDaysMatchesTheBill(DatabaseKind kind)
      throws IOException {
    Run run = backfillNovember(kind, FAULTS);
    System.out.printf(
        "november %s: reported %s, billed without INIT %s (INIT %s), error %s; worst function:"
            + " %s%n",
        kind,
        run.reported(),
        run.truth(),
        run.exact().initCharge(),
        run.error(),
        run.worstFunction());

    assertThat(run.error())
        .as("reported %s, billed %s", run.reported(), run.truth())
        .isLessThan(new BigDecimal("0.005"));
    assertThat(run.provenance())
        .isNotEmpty()
        .allSatisfy(
            p -> assertThat(p.provenance()).isIn(Provenance.OBSERVED, Provenance.CLOUDTRAIL));
    // inside CloudTrail's reach nothing is inferred from CloudWatch
    assertThat(run.provenance()).allSatisfy(p -> assertThat(p.inferredConcurrency()).isNull());
  }

  @OnEachDatabase
  void withCloudTrailDeniedPcIsInferredFromCloudWatchAndTheHistoryIsMarkedUncertain(
      DatabaseKind kind) throws IOException {
    Run run = backfillNovember(kind, FAULTS + ",LookupEvents.deny=true");
    Map<String, Integer> provisioned = provisionedInTruth(run.exact());
    Map<String, FunctionProvenance> byName =
        run.provenance().stream()
            .collect(Collectors.toMap(p -> p.function().name(), p -> p, (a, b) -> a));
    System.out.printf(
        "november %s, CloudTrail denied: reported %s, billed without INIT %s, error %s%n",
        kind, run.reported(), run.truth(), run.error());
    byName.values().stream()
        .filter(p -> p.inferredConcurrency() != null)
        .sorted(java.util.Comparator.comparing(p -> p.function().name()))
        .forEach(
            p ->
                System.out.printf(
                    "  %s %s allocated %s (truth %s) priced %s GB-s, may be low by %s GB-s%n",
                    p.function().name(),
                    p.inferredConcurrency().bound(),
                    p.inferredConcurrency().allocatedAtLeast(),
                    provisioned.get(p.function().name()),
                    p.inferredConcurrency().gbSeconds(),
                    p.inferredConcurrency().mayBeLowByGbSeconds()));

    // metrics complete: every request of the month is reported
    assertThat(run.reportedRequests()).isEqualTo(run.exact().invocations());
    // PC inferred from CloudWatch closes most of the gap the denial opens (PC is most of this
    // bill); what is left is the configuration changes, priced with the first observed one
    assertThat(run.error()).isLessThan(new BigDecimal("0.01"));
    // every function with provisioned concurrency says its history is uncertain, and what
    // CloudWatch's per-alias metrics inferred: the amount, and the GB-seconds priced and at risk
    assertThat(provisioned).isNotEmpty();
    assertThat(provisioned.keySet())
        .allSatisfy(
            name -> {
              FunctionProvenance p = byName.get(name);
              assertThat(p).as(name).isNotNull();
              assertThat(p.provenance()).as(name).isIn(Provenance.INFERRED, Provenance.UNKNOWN);
              assertThat(p.inferredConcurrency()).as(name).isNotNull();
              assertThat(p.inferredConcurrency().bound()).isEqualTo(InferenceBound.UTILIZATION);
              assertThat(p.inferredConcurrency().allocatedAtLeast())
                  .as(name)
                  .isEqualTo(provisioned.get(name));
              assertThat(p.inferredConcurrency().gbSeconds()).as(name).isPositive();
              assertThat(p.inferredConcurrency().mayBeLowByGbSeconds()).as(name).isNotNull();
            });
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
