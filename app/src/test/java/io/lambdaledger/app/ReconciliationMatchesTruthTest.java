package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.billing.BillImporter;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.Collector;
import io.lambdaledger.core.costing.MonthReconciler;
import io.lambdaledger.core.costing.ReconciledItem;
import io.lambdaledger.core.costing.ReconciledMonth;
import io.lambdaledger.core.costing.VarianceCause;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.BillStore;
import io.lambdaledger.db.StoredLedger;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import io.lambdaledger.sim.Truth;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A simulator month collected from CloudWatch and its bill imported from the simulator's exports:
 * reconciliation explains at least 95 % of the variance of every function whose estimate and bill
 * differ by more than 1 %, and its INIT cause equals the simulator's INIT charge within 2 %.
 */
class ReconciliationMatchesTruthTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
  private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
  private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

  static Stream<Arguments> databasesAndExports() {
    return TestDatabases.kinds()
        .flatMap(
            kind ->
                Stream.of(AwsSimulator.CUR2_CSV_EXPORT, AwsSimulator.FOCUS_PARQUET_EXPORT)
                    .map(export -> Arguments.of(kind, export)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("databasesAndExports")
  void everyFunctionThatDiffersIsExplainedAndInitMatchesTheSimulator(
      DatabaseKind kind, String export) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    SimulatorSettings settings =
        SimulatorSettings.defaults().withFunctions(40).withSeed(23).withClock(clock);
    try (AwsSimulator sim = AwsSimulator.start(settings);
        TestDatabase db = TestDatabases.fresh(kind);
        S3Client s3 = SimulatedAws.s3(sim);
        AwsClientFactory clients = SimulatedAws.clients(sim, 3, 8)) {
      Collector collector =
          SimulatedAws.collector(
              db.database(), clients, SimulatedAws.settings(), clock, "reconcile-test");
      SimulatedAws.backfill(collector, FROM, TO);
      new BillImporter(s3, new BillStore(db.dsl()), clock).importExport(export, NOVEMBER);

      ReconciledMonth month =
          new MonthReconciler(
                  StoredLedger.usage(db.database()),
                  StoredLedger.bill(db.database()),
                  PriceBooks.bundled())
              .reconcile(NOVEMBER, AccountScope.all())
              .orElseThrow();
      Truth truth = sim.truth(FROM, TO);
      ReconciledItem total = month.total();
      BigDecimal init = total.explained().get(VarianceCause.INIT);
      System.out.printf(
          "%s on %s: estimated %s billed %s net %s; explained %s; truth INIT %s%n",
          export,
          kind,
          total.estimated(),
          total.billed(),
          total.net(),
          total.explained(),
          truth.initCharge());

      assertThat(total.billed()).isEqualByComparingTo(truth.billTotal());
      assertThat(truth.initCharge()).isPositive();
      assertThat(init.subtract(truth.initCharge()).abs())
          .as("INIT %s against the simulator's %s", init, truth.initCharge())
          .isLessThanOrEqualTo(truth.initCharge().multiply(new BigDecimal("0.02")));
      List<ReconciledItem> differing =
          month.functions().stream()
              .filter(r -> !r.unallocated())
              .map(ReconciledMonth.Reconciled::amounts)
              .filter(ReconciliationMatchesTruthTest::differsByMoreThanOnePercent)
              .toList();
      assertThat(differing).isNotEmpty();
      assertThat(differing)
          .allSatisfy(
              item ->
                  assertThat(item.unexplained().abs())
                      .as("%s", item)
                      .isLessThanOrEqualTo(item.variance().abs().multiply(new BigDecimal("0.05"))));
    }
  }

  private static boolean differsByMoreThanOnePercent(ReconciledItem item) {
    if (item.estimated().signum() == 0) {
      return item.billed().signum() != 0;
    }
    return item.variance()
            .abs()
            .divide(item.estimated(), MathContext.DECIMAL64)
            .compareTo(new BigDecimal("0.01"))
        > 0;
  }
}
