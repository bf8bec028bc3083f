package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lambdaledger.collector.AwsAccount;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.Collector;
import io.lambdaledger.collector.ReportLogScanner;
import io.lambdaledger.core.advice.AdviceSettings;
import io.lambdaledger.core.advice.Recommendation;
import io.lambdaledger.core.advice.RecommendationKind;
import io.lambdaledger.core.advice.SavingsAdvice;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.ReportLogStore;
import io.lambdaledger.db.StoredLedger;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test of the recommendations: a simulator estate with planted over-provisioned,
 * x86-eligible and idle-PC functions (and well-sized ones), collected for 14 days and its REPORT
 * lines read with Logs Insights. At least 90 % of the planted cases are recommended with their
 * kind, each expected saving within 10 % of the simulator's true saving, no well-sized function
 * gets a recommendation, and the Logs Insights spend is within the budget and equals what the
 * simulator metered.
 */
class SavingsRecommendationsTest {

  private static final Instant NOW = Instant.parse("2026-11-20T06:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
  private static final int DAYS = 14;
  private static final Instant FROM = Instant.parse("2026-11-06T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-20T00:00:00Z");
  private static final BigDecimal BUDGET = new BigDecimal("0.50");

  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static AwsSimulator sim;
  private static TestDatabase db;
  private static AwsClientFactory clients;
  private static ReportLogScanner.Result scan;
  private static SavingsAdvice.Result advice;
  private static long simBytes;

  @BeforeAll
  static void collectScanAndAdvise() {
    sim =
        AwsSimulator.start(
            SimulatorSettings.defaults()
                .withFunctions(40)
                .withSeed(7)
                .withSavingsCases(true)
                .withClock(CLOCK));
    db = TestDatabases.fresh(DatabaseKind.H2);
    clients = SimulatedAws.clients(sim, 5, 8);
    try (Collector collector =
        SimulatedAws.collector(
            db.database(), clients, SimulatedAws.settings(), CLOCK, "savings-test")) {
      SimulatedAws.backfill(collector, FROM, TO);
    }
    sim.resetStats();
    ReportLogStore logs = new ReportLogStore(db.dsl());
    scan = scan(logs, BUDGET, TODAY, DAYS);
    simBytes = sim.logsInsightsBytesScanned();
    advice =
        new SavingsAdvice(
                StoredLedger.usage(db.database()),
                StoredLedger.functions(db.database()),
                logs,
                PriceBooks.bundled(),
                AdviceSettings.defaults())
            .recommend(TODAY, DAYS, NOW, AccountScope.all());
  }

  @AfterAll
  static void stop() throws Exception {
    clients.close();
    db.close();
    sim.close();
  }

  @Test
  void recommendsThePlantedCasesWithTheirTrueSavingsAndNothingForWellSizedFunctions()
      throws Exception {
    JsonNode truth = truthSavings();
    int planted = 0;
    int found = 0;
    List<String> misses = new ArrayList<>();
    for (JsonNode t : truth) {
      String name = t.get("name").asText();
      String kind = t.get("kind").asText();
      List<Recommendation> forFunction =
          advice.recommendations().stream().filter(r -> r.function().name().equals(name)).toList();
      if (kind.equals("WELL_SIZED")) {
        assertThat(forFunction).as(name).isEmpty();
        continue;
      }
      planted++;
      RecommendationKind expectedKind =
          switch (kind) {
            case "MEMORY" -> RecommendationKind.MEMORY;
            case "ARM64" -> RecommendationKind.ARM64;
            default -> RecommendationKind.PROVISIONED_CONCURRENCY;
          };
      Optional<Recommendation> match =
          forFunction.stream().filter(r -> r.kind() == expectedKind).findFirst();
      if (match.isEmpty()) {
        misses.add(name + " has no " + expectedKind + " recommendation: " + forFunction);
        continue;
      }
      found++;
      Recommendation r = match.get();
      BigDecimal trueSaving = new BigDecimal(t.get("trueMonthlySavingUsd").asText());
      BigDecimal error =
          r.monthlySavingExpectedUsd()
              .subtract(trueSaving)
              .abs()
              .divide(trueSaving, MathContext.DECIMAL64);
      assertThat(error)
          .as("%s expected %s, true %s", name, r.monthlySavingExpectedUsd(), trueSaving)
          .isLessThanOrEqualTo(new BigDecimal("0.10"));
      assertThat(trueSaving)
          .as("%s true saving inside its range (±10 %%): %s", name, r)
          .isBetween(
              r.monthlySavingLowUsd().multiply(new BigDecimal("0.9")),
              r.monthlySavingHighUsd().multiply(new BigDecimal("1.1")));
    }
    assertThat(planted).isEqualTo(8);
    assertThat(found * 10).as("%s", misses).isGreaterThanOrEqualTo(planted * 9);
  }

  @Test
  void logsInsightsSpendStaysWithinTheBudgetAndIsMeteredAsTheSimulatorCountedIt() {
    assertThat(scan.queries()).isPositive();
    assertThat(scan.bytesScanned()).isEqualTo(simBytes);
    assertThat(scan.monthSpentUsd()).isLessThanOrEqualTo(BUDGET);
    assertThat(scan.monthSpentUsd()).isEqualByComparingTo(ReportLogStore.costOf(simBytes));
    assertThat(advice.logsInsightsMonthToDate().bytesScanned()).isEqualTo(simBytes);
    assertThat(advice.logsInsightsMonthToDate().costUsd())
        .isEqualByComparingTo(scan.monthSpentUsd());
  }

  @Test
  void aSecondScanReadsNothingAgainAndATightBudgetLeavesFunctionsUnread() {
    ReportLogStore logs = new ReportLogStore(db.dsl());
    long before = sim.logsInsightsBytesScanned();
    ReportLogScanner.Result again = scan(logs, BUDGET, TODAY, DAYS);
    assertThat(again.queries()).isZero();
    assertThat(sim.logsInsightsBytesScanned()).isEqualTo(before);

    // One more day to read, with the budget already spent: every function is left unread.
    ReportLogScanner.Result tight = scan(logs, scan.monthSpentUsd(), TODAY.plusDays(1), DAYS + 1);
    assertThat(tight.queries()).isZero();
    assertThat(tight.skippedForBudget()).isPositive();
    assertThat(tight.monthSpentUsd()).isLessThanOrEqualTo(scan.monthSpentUsd());
  }

  /** Reads the REPORT lines of the {@code days} before {@code today} within {@code budget}. */
  private static ReportLogScanner.Result scan(
      ReportLogStore logs, BigDecimal budget, LocalDate today, int days) {
    return ReportScans.scan(
        clients,
        account -> AwsAccount.defaultCredentials(),
        StoredLedger.usage(db.database()),
        logs,
        CLOCK,
        new ReportLogScanner.Settings(budget, Duration.ZERO, 10),
        today,
        days);
  }

  private static JsonNode truthSavings() throws Exception {
    return SimulatedAws.truth(sim, FROM, TO).get("savings");
  }
}
