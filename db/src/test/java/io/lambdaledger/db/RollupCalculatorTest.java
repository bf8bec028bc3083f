package io.lambdaledger.db;

import static io.lambdaledger.db.Fixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.db.RollupCalculator.Allocation;
import io.lambdaledger.db.RollupCalculator.ConfigurationStart;
import io.lambdaledger.db.RollupCalculator.HourKey;
import io.lambdaledger.db.jooq.tables.records.MetricSampleRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupCalculatorTest {

  private static final Instant HOUR = t("2026-10-01T10:00:00Z");
  private static final BillingConfiguration MB_1024 =
      new BillingConfiguration(1024, Architecture.X86_64, 512);
  private static final BillingConfiguration MB_2048 =
      new BillingConfiguration(2048, Architecture.X86_64, 512);

  private static MetricSampleRecord sample(Instant start, long invocations, String durationMs) {
    MetricSampleRecord row = new MetricSampleRecord();
    row.setFunctionId(1L);
    row.setPeriodStart(start);
    row.setPeriodEnd(start.plusSeconds(300));
    row.setPeriodS(300);
    row.setInvocations(invocations);
    row.setDurationMsSum(new BigDecimal(durationMs));
    row.setErrors(0L);
    row.setThrottles(0L);
    row.setDeadLetterErrors(0L);
    row.setPcInvocations(0L);
    row.setPcSpilloverInvocations(0L);
    row.setCollectedAt(start.plusSeconds(600));
    return row;
  }

  @Test
  void aSampleIsStoredAsMeasuredWithoutDerivedBounds() {
    // billed time and GB-s are derived where a line is priced (core BilledDuration), not stored
    BillingConfiguration billing = new BillingConfiguration(4096, Architecture.X86_64, 2048);

    UsageTotals totals = RollupCalculator.ofSample(sample(HOUR, 6_000_000, "1680000000"), billing);

    assertThat(totals.requests()).isEqualTo(6_000_000);
    assertThat(totals.durationMsSum()).isEqualByComparingTo("1680000000");
    assertThat(totals.provisionedConcurrencyGbSeconds()).isZero();
  }

  @Test
  void provisionedDurationIsEstimatedInProportionToProvisionedInvocations() {
    MetricSampleRecord row = sample(HOUR, 4, "1000");
    row.setPcInvocations(1L);
    row.setPcSpilloverInvocations(2L);

    UsageTotals totals = RollupCalculator.ofSample(row, MB_1024);

    assertThat(totals.provisionedRequests()).isEqualTo(1);
    assertThat(totals.provisionedSpilloverRequests()).isEqualTo(2);
    assertThat(totals.provisionedDurationMsEstimate()).isEqualByComparingTo("250");
  }

  @Test
  void samplesArePricedWithTheConfigurationInForceAtTheirStart() {
    Instant change = HOUR.plusSeconds(1800);
    RollupCalculator calculator =
        new RollupCalculator(
            List.of(
                new ConfigurationStart(HOUR, MB_1024), new ConfigurationStart(change, MB_2048)));

    RollupCalculator.Result result =
        calculator.compute(
            List.of(
                sample(HOUR.minusSeconds(3600), 1, "10"),
                sample(HOUR.plusSeconds(1500), 2, "20"),
                sample(change, 4, "40")),
            List.of(),
            HOUR.minusSeconds(3600),
            HOUR.plusSeconds(3600),
            HOUR.plusSeconds(3600));

    assertThat(result.hours())
        .containsOnlyKeys(
            new HourKey(HOUR.minusSeconds(3600), MB_1024),
            new HourKey(HOUR, MB_1024),
            new HourKey(HOUR, MB_2048));
    assertThat(result.hours().get(new HourKey(HOUR, MB_1024)).requests()).isEqualTo(2);
    assertThat(result.hours().get(new HourKey(HOUR, MB_2048)).requests()).isEqualTo(4);
    assertThat(result.hoursWithSamples()).containsExactly(HOUR.minusSeconds(3600), HOUR);
  }

  @Test
  void provisionedConcurrencyIsSplitByHourAndByConfiguration() {
    Instant change = t("2026-10-01T11:45:00Z");
    RollupCalculator calculator =
        new RollupCalculator(
            List.of(
                new ConfigurationStart(HOUR, MB_1024), new ConfigurationStart(change, MB_2048)));
    Allocation ten = new Allocation(10, t("2026-10-01T10:30:00Z"), t("2026-10-01T12:15:00Z"));

    Map<HourKey, UsageTotals> hours = provisionedOnly(calculator, 4, List.of(ten));

    assertThat(hours).hasSize(4);
    assertPc(hours.get(new HourKey(HOUR, MB_1024)), "18000", "18000");
    assertPc(hours.get(new HourKey(t("2026-10-01T11:00:00Z"), MB_1024)), "27000", "27000");
    assertPc(hours.get(new HourKey(t("2026-10-01T11:00:00Z"), MB_2048)), "9000", "18000");
    assertPc(hours.get(new HourKey(t("2026-10-01T12:00:00Z"), MB_2048)), "9000", "18000");
  }

  @Test
  void anEndedProvisionedConcurrencyPeriodIsBilledRoundedUpToFiveMinutes() {
    RollupCalculator calculator =
        new RollupCalculator(List.of(new ConfigurationStart(HOUR, MB_2048)));
    // Enabled 2 min 10 s across the hour: billed 5 min, 120 s in the first hour, 180 s after.
    Allocation shortOne = new Allocation(3, t("2026-10-01T10:58:00Z"), t("2026-10-01T11:00:10Z"));
    // Enabled exactly 10 minutes: nothing to round.
    Allocation whole = new Allocation(1, t("2026-10-01T12:00:00Z"), t("2026-10-01T12:10:00Z"));

    Map<HourKey, UsageTotals> hours = provisionedOnly(calculator, 3, List.of(shortOne, whole));

    assertPc(hours.get(new HourKey(HOUR, MB_2048)), "360", "720");
    assertPc(hours.get(new HourKey(t("2026-10-01T11:00:00Z"), MB_2048)), "540", "1080");
    assertPc(hours.get(new HourKey(t("2026-10-01T12:00:00Z"), MB_2048)), "600", "1200");
  }

  @Test
  void provisionedConcurrencyIsNotCountedBeyondNow() {
    RollupCalculator calculator =
        new RollupCalculator(List.of(new ConfigurationStart(HOUR, MB_1024)));
    Allocation open = new Allocation(2, HOUR, null);

    Map<HourKey, UsageTotals> hours =
        calculator
            .compute(
                List.of(), List.of(open), HOUR, HOUR.plusSeconds(7200), HOUR.plusMillis(90_500))
            .hours();

    assertThat(hours).containsOnlyKeys(new HourKey(HOUR, MB_1024));
    assertPc(hours.get(new HourKey(HOUR, MB_1024)), "181.000", "181.000");
  }

  @Test
  void withoutAnyConfigurationSamplesAreSkippedAndCounted() {
    RollupCalculator.Result result =
        new RollupCalculator(List.of())
            .compute(List.of(sample(HOUR, 1, "1")), List.of(), HOUR, HOUR.plusSeconds(3600), HOUR);

    assertThat(result.hours()).isEmpty();
    assertThat(result.samplesWithoutConfiguration()).isEqualTo(1);
  }

  /** The hours of {@code hours} from HOUR with only these allocations, computed long after. */
  private static Map<HourKey, UsageTotals> provisionedOnly(
      RollupCalculator calculator, int hours, List<Allocation> allocations) {
    return calculator
        .compute(
            List.of(),
            allocations,
            HOUR,
            HOUR.plusSeconds(hours * 3600L),
            t("2030-01-01T00:00:00Z"))
        .hours();
  }

  private static void assertPc(UsageTotals totals, String allocatedSeconds, String gbSeconds) {
    assertThat(totals.provisionedConcurrencySeconds()).isEqualByComparingTo(allocatedSeconds);
    assertThat(totals.provisionedConcurrencyGbSeconds()).isEqualByComparingTo(gbSeconds);
    assertThat(totals.requests()).isZero();
  }
}
