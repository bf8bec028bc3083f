package io.lambdaledger.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.pricing.Architecture;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CostEngineProperties {

  private static final List<String> REGIONS =
      List.of("us-east-1", "eu-west-1", "af-south-1", "ap-southeast-5");

  private final CostEngine engine = new CostEngine(PriceBooks.bundled());

  @Property(tries = 300)
  void functionLinesAlwaysSumToEachPayersTotalAndToTheReportTotal(
      @ForAll("months") List<UsageLine> lines, @ForAll boolean freeTier) {
    CostReport report = engine.price(PriceBook.bundled(), lines, new CostOptions(freeTier));

    for (PayerCost payer : report.payers()) {
      Charges sum =
          report.lines().stream()
              .filter(line -> line.line().payer().equals(payer.payer()))
              .map(LineCost::charges)
              .reduce(Charges.ZERO, Charges::plus);
      assertThat(sum).isEqualTo(payer.charges());
      BigDecimal invoice =
          payer.invoiceLines().stream()
              .map(InvoiceLine::amount)
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(invoice).isEqualByComparingTo(payer.total());
    }
    BigDecimal lineTotal =
        report.lines().stream().map(LineCost::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(lineTotal).isEqualByComparingTo(report.total());
    assertThat(
            report.sumBy(line -> line.line().region()).values().stream()
                .reduce(Charges.ZERO, Charges::plus))
        .isEqualTo(report.charges());
  }

  @Property(tries = 300)
  void moreUsageNeverCostsLess(
      @ForAll("months") List<UsageLine> lines,
      @ForAll @IntRange(min = 0, max = 1000) int pick,
      @ForAll("extraUsage") Extra extra,
      @ForAll boolean freeTier) {
    if (lines.isEmpty()) {
      return;
    }
    int index = pick % lines.size();
    List<UsageLine> more = new ArrayList<>(lines);
    more.set(index, extra.addTo(lines.get(index)));
    CostOptions options = new CostOptions(freeTier);

    CostReport before = engine.price(PriceBook.bundled(), lines, options);
    CostReport after = engine.price(PriceBook.bundled(), more, options);

    assertThat(after.total()).isGreaterThanOrEqualTo(before.total());
    assertThat(after.upperBoundTotal()).isGreaterThanOrEqualTo(before.upperBoundTotal());
    assertThat(before.upperBoundTotal()).isGreaterThanOrEqualTo(before.total());
  }

  @Property(tries = 100)
  void zeroUsageCostsZero(@ForAll("idleMonths") List<UsageLine> lines, @ForAll boolean freeTier) {
    CostReport report = engine.price(PriceBook.bundled(), lines, new CostOptions(freeTier));

    assertThat(report.total()).isZero();
    assertThat(report.upperBoundTotal()).isZero();
    assertThat(report.lines()).allSatisfy(line -> assertThat(line.total()).isZero());
    assertThat(report.freeTier().credit()).isZero();
  }

  @Provide
  Arbitrary<List<UsageLine>> months() {
    return line().list().ofMinSize(0).ofMaxSize(25);
  }

  @Provide
  Arbitrary<List<UsageLine>> idleMonths() {
    return Combinators.combine(
            Arbitraries.of("p1", "p2"),
            Arbitraries.of(REGIONS),
            Arbitraries.of(Architecture.class),
            Arbitraries.integers().between(128, 10_240),
            Arbitraries.integers().between(512, 10_240))
        .as(
            (payer, region, architecture, memory, storage) ->
                UsageLine.builder()
                    .payer(payer)
                    .account("a")
                    .region(region)
                    .function("idle")
                    .architecture(architecture)
                    .memoryMb(memory)
                    .ephemeralStorageMb(storage)
                    .build())
        .list()
        .ofMaxSize(10);
  }

  private Arbitrary<UsageLine> line() {
    Arbitrary<BilledDuration> duration =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 50_000_000_000_000L).map(BilledDuration::billedMs),
            Combinators.combine(
                    Arbitraries.bigDecimals()
                        .between(BigDecimal.ZERO, new BigDecimal("50000000000"))
                        .ofScale(2),
                    Arbitraries.longs().between(0, 2_000_000_000L))
                .as(BilledDuration::fromMetricSum));
    Arbitrary<UsageLine.Builder> identity =
        Combinators.combine(
                Arbitraries.of("p1", "p2", "p3"),
                Arbitraries.of("a1", "a2"),
                Arbitraries.of(REGIONS),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(4),
                Arbitraries.of(Architecture.class),
                Arbitraries.integers().between(128, 10_240),
                Arbitraries.integers().between(512, 10_240))
            .as(
                (payer, account, region, function, architecture, memory, storage) ->
                    UsageLine.builder()
                        .payer(payer)
                        .account(account)
                        .region(region)
                        .function(function)
                        .architecture(architecture)
                        .memoryMb(memory)
                        .ephemeralStorageMb(storage));
    return Combinators.combine(
            identity,
            Arbitraries.longs().between(0, 3_000_000_000L),
            duration,
            Arbitraries.longs().between(0, 3_000_000_000L),
            Arbitraries.longs().between(0, 10_000_000L),
            duration)
        .as(
            (builder, requests, onDemand, concurrencySeconds, provisionedRequests, provisioned) ->
                builder
                    .requests(requests)
                    .duration(onDemand)
                    .provisionedConcurrencySeconds(concurrencySeconds)
                    .provisionedRequests(provisionedRequests)
                    .provisionedDuration(provisioned)
                    .build());
  }

  /** Usage added to one line: requests, billed ms and concurrency-seconds. */
  record Extra(long requests, long milliseconds, long concurrencySeconds, long provisionedMs) {
    UsageLine addTo(UsageLine line) {
      return new UsageLine(
          line.payer(),
          line.account(),
          line.region(),
          line.function(),
          line.architecture(),
          line.memoryMb(),
          line.ephemeralStorageMb(),
          line.requests() + requests,
          plus(line.duration(), milliseconds),
          line.provisionedConcurrencySeconds() + concurrencySeconds,
          line.provisionedRequests(),
          plus(line.provisionedDuration(), provisionedMs));
    }

    private static BilledDuration plus(BilledDuration duration, long milliseconds) {
      BigDecimal extra = BigDecimal.valueOf(milliseconds);
      return switch (duration) {
        case BilledDuration.Billed billed ->
            BilledDuration.billedMs(billed.milliseconds() + milliseconds);
        case BilledDuration.MetricSum sum ->
            BilledDuration.fromMetricSum(sum.durationSumMs().add(extra), sum.invocations());
      };
    }
  }

  @Provide
  Arbitrary<Extra> extraUsage() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 5_000_000L),
            Arbitraries.longs().between(0, 1_000_000_000_000L),
            Arbitraries.longs().between(0, 10_000_000L),
            Arbitraries.longs().between(0, 1_000_000_000L))
        .as(Extra::new);
  }
}
