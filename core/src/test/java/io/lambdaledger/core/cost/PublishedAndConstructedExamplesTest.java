package io.lambdaledger.core.cost;

import static io.lambdaledger.core.cost.Lines.gbSeconds;
import static io.lambdaledger.core.cost.Lines.line;
import static io.lambdaledger.core.cost.Lines.onDemand;
import static io.lambdaledger.core.model.Architecture.ARM64;
import static io.lambdaledger.core.model.Architecture.X86_64;
import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AWS's published examples (lambda-billing.md §3) and constructed cases, each charge within $0.01
 * of the expected cents (published examples) or equal to the hand computation in the comment
 * (constructed cases, prices of the bundled book).
 */
class PublishedAndConstructedExamplesTest {

  private static final String USE1 = "us-east-1";
  private final CostEngine engine = new CostEngine(PriceBooks.bundled());

  record Expected(
      String requests,
      String duration,
      String ephemeralStorage,
      String provisionedConcurrency,
      String provisionedDuration,
      String total) {}

  static Stream<Arguments> published() {
    return Stream.of(
        example(
            "FN-1 mobile application backend: 1536 MB, 3 M requests, 120 ms -> $2.73",
            lines(onDemand("backend", USE1, X86_64, 1536, 3_000_000, "120")),
            CostOptions.DEFAULT,
            // 540,000 GB-s - 400,000 free = 140,000 x 0.0000166667 = 2.333338; 2 M x $0.2/M
            new Expected("0.40", "2.33", "0.00", "0.00", "0.00", "2.73")),
        example(
            "FN-3 ML on support tickets: 4096 MB, 6 M, 280 ms, 2048 MB storage -> $106.41",
            lines(
                onDemand("tickets", USE1, X86_64, 4096, 6_000_000, "280").ephemeralStorageMb(2048)),
            CostOptions.DEFAULT,
            // 6,320,000 x 0.0000166667 = 105.333544; 5 M x $0.2/M; 2,520,000 x 0.0000000309
            new Expected("1.00", "105.33", "0.08", "0.00", "0.00", "106.41")),
        example(
            "RS-1 streaming SSR, compute and requests (streaming bytes are not modelled)",
            lines(onDemand("ssr", USE1, X86_64, 1536, 3_000_000, "500")),
            CostOptions.DEFAULT,
            // 2,250,000 - 400,000 = 1,850,000 x 0.0000166667 = 30.833395; 2 M x $0.2/M
            new Expected("0.40", "30.83", "0.00", "0.00", "0.00", "31.23")));
  }

  static Stream<Arguments> constructed() {
    return Stream.of(
        example(
            "arm64 mobile backend: 140,000 billable GB-s at the arm64 rate",
            lines(onDemand("backend", USE1, ARM64, 1536, 3_000_000, "120")),
            CostOptions.DEFAULT,
            // 140,000 x 0.0000133334 = 1.866676
            new Expected("0.40", "1.87", "0.00", "0.00", "0.00", "2.27")),
        example(
            "x86 exactly at the 6 B GB-s boundary stays in tier 1",
            lines(gbSeconds("big", USE1, X86_64, 6_000_000_000L)),
            CostOptions.WITHOUT_FREE_TIER,
            // 6e9 x 0.0000166667 = 100,000.2
            new Expected("0.00", "100000.20", "0.00", "0.00", "0.00", "100000.20")),
        example(
            "x86 9 B GB-s (tiered-pricing blog inputs: 2048 MB, 60 s, 75 M requests), no free tier",
            lines(onDemand("portfolio", USE1, X86_64, 2048, 75_000_000, "60000")),
            CostOptions.WITHOUT_FREE_TIER,
            // 6e9 x 0.0000166667 + 3e9 x 0.000015 = 100,000.2 + 45,000; 75 M x $0.2/M
            new Expected("15.00", "145000.20", "0.00", "0.00", "0.00", "145015.20")),
        example(
            "x86 9 B GB-s with the free tier: the free GB-s are the first, at the tier-1 rate",
            lines(onDemand("portfolio", USE1, X86_64, 2048, 75_000_000, "60000")),
            CostOptions.DEFAULT,
            // 145,000.2 - 400,000 x 0.0000166667 = 144,993.53332; 74 M x $0.2/M
            new Expected("14.80", "144993.53", "0.00", "0.00", "0.00", "145008.33")),
        example(
            "free GB-s count toward the tier threshold: 6.0004 B GB-s with the free tier",
            lines(gbSeconds("big", USE1, X86_64, 6_000_400_000L)),
            CostOptions.DEFAULT,
            // 100,000.2 + 400,000 x 0.000015 - 400,000 x 0.0000166667 = 99,999.53332
            new Expected("0.00", "99999.53", "0.00", "0.00", "0.00", "99999.53")),
        example(
            "x86 over 15 B GB-s reaches tier 3",
            lines(gbSeconds("huge", USE1, X86_64, 20_000_000_000L)),
            CostOptions.WITHOUT_FREE_TIER,
            // 100,000.2 + 9e9 x 0.000015 + 5e9 x 0.0000133334 = 100,000.2 + 135,000 + 66,667
            new Expected("0.00", "301667.20", "0.00", "0.00", "0.00", "301667.20")),
        example(
            "arm64 over 18.75 B GB-s crosses all three arm64 tiers",
            lines(gbSeconds("huge", USE1, ARM64, 20_000_000_000L)),
            CostOptions.WITHOUT_FREE_TIER,
            // 7.5e9 x 0.0000133334 + 11.25e9 x 0.0000120001 + 1.25e9 x 0.0000106667
            // = 100,000.5 + 135,001.125 + 13,333.375
            new Expected("0.00", "248335.00", "0.00", "0.00", "0.00", "248335.00")),
        example(
            "two functions of one payer share the volume tiers of their region and architecture",
            lines(
                gbSeconds("a", USE1, X86_64, 4_000_000_000L),
                gbSeconds("b", USE1, X86_64, 4_000_000_000L)),
            CostOptions.WITHOUT_FREE_TIER,
            // 8e9 aggregate: 100,000.2 + 2e9 x 0.000015
            new Expected("0.00", "130000.20", "0.00", "0.00", "0.00", "130000.20")),
        example(
            "the same usage in two regions is tiered separately",
            lines(
                gbSeconds("a", USE1, X86_64, 4_000_000_000L),
                gbSeconds("b", "us-west-2", X86_64, 4_000_000_000L)),
            CostOptions.WITHOUT_FREE_TIER,
            // 2 x 4e9 x 0.0000166667 = 2 x 66,666.8
            new Expected("0.00", "133333.60", "0.00", "0.00", "0.00", "133333.60")),
        example(
            "x86 and arm64 are tiered separately",
            lines(
                gbSeconds("a", USE1, X86_64, 4_000_000_000L),
                gbSeconds("b", USE1, ARM64, 4_000_000_000L)),
            CostOptions.WITHOUT_FREE_TIER,
            // 4e9 x 0.0000166667 + 4e9 x 0.0000133334 = 66,666.8 + 53,333.6
            new Expected("0.00", "120000.40", "0.00", "0.00", "0.00", "120000.40")),
        example(
            "the free tier is spread pro rata across regions, each region's line rounded",
            lines(
                gbSeconds("east", USE1, X86_64, 300_000).requests(1_500_000),
                gbSeconds("west", "eu-west-1", X86_64, 300_000).requests(500_000)),
            CostOptions.DEFAULT,
            // GB-s: 200,000 free each, 100,000 x 0.0000166667 = 1.66667 -> 1.67 twice
            // requests: 750,000 / 250,000 free -> 750,000 and 250,000 x $0.2/M = 0.15 + 0.05
            new Expected("0.20", "3.34", "0.00", "0.00", "0.00", "3.54")),
        example(
            "the free tier spread over regions with different rates",
            lines(
                gbSeconds("east", USE1, X86_64, 600_000),
                gbSeconds("cape", "af-south-1", X86_64, 200_000)),
            CostOptions.DEFAULT,
            // 300,000 x 0.0000166667 = 5.00001 -> 5.00; 100,000 x 0.0000221 = 2.21
            new Expected("0.00", "7.21", "0.00", "0.00", "0.00", "7.21")),
        example(
            "the free tier is shared by x86_64 and arm64",
            lines(gbSeconds("x86", USE1, X86_64, 300_000), gbSeconds("arm", USE1, ARM64, 300_000)),
            CostOptions.DEFAULT,
            // 100,000 x 0.0000166667 = 1.66667 -> 1.67; 100,000 x 0.0000133334 = 1.33334 -> 1.33
            new Expected("0.00", "3.00", "0.00", "0.00", "0.00", "3.00")),
        example(
            "three functions sharing the free tier cost what one function with their usage costs",
            lines(
                onDemand("a", USE1, X86_64, 1536, 1_000_000, "120"),
                onDemand("b", USE1, X86_64, 1536, 1_000_000, "120"),
                onDemand("c", USE1, X86_64, 1536, 1_000_000, "120")),
            CostOptions.DEFAULT,
            new Expected("0.40", "2.33", "0.00", "0.00", "0.00", "2.73")),
        example(
            "usage inside the free tier costs nothing",
            lines(onDemand("small", USE1, X86_64, 1024, 500_000, "200")),
            CostOptions.DEFAULT,
            // 100,000 GB-s and 500,000 requests, both under the allowance
            new Expected("0.00", "0.00", "0.00", "0.00", "0.00", "0.00")),
        example(
            "provisioned concurrency: 1024 MB, 1,000 for 2 h, 1.2 M requests of 1 s",
            lines(thousandProvisionedForTwoHours()),
            CostOptions.DEFAULT,
            // PC 7,200,000 GB-s x 0.0000041667 = 30.00024; duration 1,200,000 x 0.0000097222
            // = 11.66664; requests 1.2 M x $0.2/M: the free tier does not apply to requests
            // served by provisioned concurrency (F22), nor free GB-s to PC duration
            new Expected("0.24", "0.00", "0.00", "30.00", "11.67", "41.91")),
        example(
            "provisioned concurrency without the free tier",
            lines(thousandProvisionedForTwoHours()),
            CostOptions.WITHOUT_FREE_TIER,
            new Expected("0.24", "0.00", "0.00", "30.00", "11.67", "41.91")),
        example(
            "provisioned concurrency on arm64",
            lines(thousandProvisionedForTwoHours().architecture(ARM64)),
            CostOptions.DEFAULT,
            // 7,200,000 x 0.0000033334 = 24.00048; 1,200,000 x 0.0000077778 = 9.33336;
            // 1.2 M provisioned requests x $0.2/M, no free tier
            new Expected("0.24", "0.00", "0.00", "24.00", "9.33", "33.57")),
        example(
            "requests served by provisioned concurrency leave the free requests to on-demand ones",
            lines(
                onDemand("plain", USE1, X86_64, 128, 500_000, "1"),
                line("pc", USE1, 1024)
                    .provisionedRequests(2_000_000)
                    .provisionedDuration(BilledDuration.billedMs(2_000_000L))),
            CostOptions.DEFAULT,
            // free requests: min(1 M, 500,000 on-demand) = 500,000, all of plain's; the 2 M
            // provisioned requests pay 2 M x $0.2/M = 0.40; PC duration 2,000 GB-s x
            // 0.0000097222 = 0.0194444; plain's 62.5 GB-s are free
            new Expected("0.40", "0.00", "0.00", "0.00", "0.02", "0.42")),
        example(
            "provisioned concurrency with on-demand spill-over (the issue's estimate input)",
            lines(
                onDemand("api", USE1, X86_64, 1536, 4_000_000, "85")
                    .provisionedConcurrencySeconds(
                        UsageLine.provisionedConcurrencySeconds(20, 36000))
                    .provisionedRequests(900_000)
                    .provisionedDuration(BilledDuration.average(900_000, new BigDecimal("70")))),
            CostOptions.DEFAULT,
            // requests (4 M on-demand - 1 M free + 0.9 M provisioned) x $0.2/M = 0.78;
            // on-demand 510,000 - 400,000 GB-s
            // = 110,000 x 0.0000166667 = 1.833337; PC 1,080,000 x 0.0000041667 = 4.500036;
            // PC duration 94,500 x 0.0000097222 = 0.9187479
            new Expected("0.78", "1.83", "0.00", "4.50", "0.92", "8.03")),
        example(
            "arm64 ephemeral storage at the maximum 10,240 MB",
            lines(
                onDemand("scratch", USE1, ARM64, 2048, 1_000_000, "100")
                    .ephemeralStorageMb(10_240)),
            CostOptions.DEFAULT,
            // 100,000 s x 9,728/1024 GB = 950,000 GB-s x 0.0000000309 = 0.029355;
            // 200,000 GB-s and 1 M requests are free
            new Expected("0.00", "0.00", "0.03", "0.00", "0.00", "0.03")),
        example(
            "provisioned concurrency in ap-south-1 at its regional rate, period rounded to 5 min",
            lines(
                line("pc", "ap-south-1", 2048)
                    .provisionedConcurrencySeconds(
                        UsageLine.provisionedConcurrencySeconds(100, 3599))),
            CostOptions.DEFAULT,
            // 3,599 s -> 3,600 s; 100 x 3,600 x 2 GB = 720,000 GB-s x 0.0000044985 = 3.23892
            new Expected("0.00", "0.00", "0.00", "3.24", "0.00", "3.24")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("published")
  void awsPublishedExamplesAreReproducedWithinOneCentPerCharge(
      List<UsageLine> lines, CostOptions options, Expected expected) {
    CostReport report = engine.price(PriceBook.bundled(), lines, options);

    Charges charges = report.charges();
    assertWithinOneCent(charges.requests(), expected.requests());
    assertWithinOneCent(charges.duration(), expected.duration());
    assertWithinOneCent(charges.ephemeralStorage(), expected.ephemeralStorage());
    assertWithinOneCent(charges.provisionedConcurrency(), expected.provisionedConcurrency());
    assertWithinOneCent(charges.provisionedDuration(), expected.provisionedDuration());
    assertWithinOneCent(report.total(), expected.total());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constructed")
  void constructedCasesMatchTheirHandComputation(
      List<UsageLine> lines, CostOptions options, Expected expected) {
    CostReport report = engine.price(PriceBook.bundled(), lines, options);

    assertThat(report.charges())
        .isEqualTo(
            new Charges(
                new BigDecimal(expected.requests()),
                new BigDecimal(expected.duration()),
                new BigDecimal(expected.ephemeralStorage()),
                new BigDecimal(expected.provisionedConcurrency()),
                new BigDecimal(expected.provisionedDuration())));
    assertThat(report.total()).isEqualTo(new BigDecimal(expected.total()));
    assertThat(
            report.lines().stream().map(LineCost::total).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualTo(report.total());
  }

  private static void assertWithinOneCent(BigDecimal actual, String expected) {
    assertThat(actual.subtract(new BigDecimal(expected)).abs())
        .as("%s vs published %s", actual, expected)
        .isLessThanOrEqualTo(new BigDecimal("0.01"));
  }

  /** 1,000 provisioned at 1024 MB x86_64 for 2 h, serving 1.2 M requests of 1 s. */
  private static UsageLine.Builder thousandProvisionedForTwoHours() {
    return line("pc", USE1, 1024)
        .provisionedConcurrencySeconds(UsageLine.provisionedConcurrencySeconds(1000, 7200))
        .provisionedRequests(1_200_000)
        .provisionedDuration(BilledDuration.billedMs(1_200_000_000L));
  }

  private static List<UsageLine> lines(UsageLine.Builder... lines) {
    return Stream.of(lines).map(UsageLine.Builder::build).toList();
  }

  private static Arguments example(
      String name, List<UsageLine> lines, CostOptions options, Expected expected) {
    return Arguments.of(Named.of(name, lines), options, expected);
  }
}
