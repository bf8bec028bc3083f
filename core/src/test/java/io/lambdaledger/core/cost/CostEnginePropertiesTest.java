package io.lambdaledger.core.cost;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the engine over randomly generated months: each case is one seed, so a failure
 * names the seed that reproduces it. Plain JUnit with a seeded generator (property testing without
 * a framework): the sizes and ranges are chosen to reach tier boundaries, the free tier and
 * provisioned concurrency.
 */
class CostEnginePropertiesTest {

  private static final List<String> REGIONS =
      List.of("us-east-1", "eu-west-1", "af-south-1", "ap-southeast-5");

  private final CostEngine engine = new CostEngine(PriceBooks.bundled());

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 300);
  }

  static LongStream fewerSeeds() {
    return LongStream.rangeClosed(1, 100);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void functionLinesAlwaysSumToEachPayersTotalAndToTheReportTotal(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<UsageLine> lines = month(random);
    CostReport report =
        engine.price(PriceBook.bundled(), lines, new CostOptions(random.nextBoolean()));

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

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void moreUsageNeverCostsLess(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<UsageLine> lines = month(random);
    if (lines.isEmpty()) {
      lines = List.of(line(random));
    }
    int index = random.nextInt(lines.size());
    Extra extra =
        new Extra(
            random.nextLong(0, 5_000_001L),
            random.nextLong(0, 1_000_000_000_001L),
            random.nextLong(0, 10_000_001L),
            random.nextLong(0, 1_000_000_001L));
    List<UsageLine> more = new ArrayList<>(lines);
    more.set(index, extra.addTo(lines.get(index)));
    CostOptions options = new CostOptions(random.nextBoolean());

    CostReport before = engine.price(PriceBook.bundled(), lines, options);
    CostReport after = engine.price(PriceBook.bundled(), more, options);

    assertThat(after.total()).isGreaterThanOrEqualTo(before.total());
    assertThat(after.upperBoundTotal()).isGreaterThanOrEqualTo(before.upperBoundTotal());
    assertThat(before.upperBoundTotal()).isGreaterThanOrEqualTo(before.total());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("fewerSeeds")
  void zeroUsageCostsZero(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<UsageLine> lines = new ArrayList<>();
    int count = random.nextInt(11);
    for (int i = 0; i < count; i++) {
      lines.add(
          UsageLine.builder()
              .payer(random.nextBoolean() ? "p1" : "p2")
              .account("a")
              .region(pick(random, REGIONS))
              .function("idle")
              .architecture(pick(random, List.of(Architecture.values())))
              .memoryMb(random.nextInt(128, 10_241))
              .ephemeralStorageMb(random.nextInt(512, 10_241))
              .build());
    }
    CostReport report =
        engine.price(PriceBook.bundled(), lines, new CostOptions(random.nextBoolean()));

    assertThat(report.total()).isZero();
    assertThat(report.upperBoundTotal()).isZero();
    assertThat(report.lines()).allSatisfy(line -> assertThat(line.total()).isZero());
    assertThat(report.freeTier().credit()).isZero();
  }

  private static List<UsageLine> month(SplittableRandom random) {
    List<UsageLine> lines = new ArrayList<>();
    int count = random.nextInt(26);
    for (int i = 0; i < count; i++) {
      lines.add(line(random));
    }
    return lines;
  }

  private static UsageLine line(SplittableRandom random) {
    return UsageLine.builder()
        .payer(pick(random, List.of("p1", "p2", "p3")))
        .account(pick(random, List.of("a1", "a2")))
        .region(pick(random, REGIONS))
        .function(name(random))
        .architecture(pick(random, List.of(Architecture.values())))
        .memoryMb(random.nextInt(128, 10_241))
        .ephemeralStorageMb(random.nextInt(512, 10_241))
        .requests(random.nextLong(0, 3_000_000_001L))
        .duration(duration(random))
        .provisionedConcurrencySeconds(random.nextLong(0, 3_000_000_001L))
        .provisionedRequests(random.nextLong(0, 10_000_001L))
        .provisionedDuration(duration(random))
        .build();
  }

  /** Billed milliseconds, or a CloudWatch sum with its invocation count (the two input kinds). */
  private static BilledDuration duration(SplittableRandom random) {
    if (random.nextBoolean()) {
      return BilledDuration.billedMs(random.nextLong(0, 50_000_000_000_001L));
    }
    BigDecimal sum = BigDecimal.valueOf(random.nextLong(0, 5_000_000_000_001L), 2);
    return BilledDuration.fromMetricSum(sum, random.nextLong(0, 2_000_000_001L));
  }

  private static String name(SplittableRandom random) {
    StringBuilder name = new StringBuilder();
    int length = 1 + random.nextInt(4);
    for (int i = 0; i < length; i++) {
      name.append((char) ('a' + random.nextInt(26)));
    }
    return name.toString();
  }

  private static <T> T pick(SplittableRandom random, List<T> values) {
    return values.get(random.nextInt(values.size()));
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
}
