package io.lambdaledger.core.cost;

import static io.lambdaledger.core.cost.Lines.gbSeconds;
import static io.lambdaledger.core.cost.Lines.onDemand;
import static io.lambdaledger.core.model.Architecture.ARM64;
import static io.lambdaledger.core.model.Architecture.X86_64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.core.pricing.PriceGroup;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CostEngineTest {

  private final CostEngine engine = new CostEngine(PriceBooks.bundled());

  private CostReport price(List<UsageLine> lines) {
    return engine.price(YearMonth.of(2026, 10), lines, CostOptions.DEFAULT);
  }

  private CostReport price(UsageLine.Builder... lines) {
    return price(Stream.of(lines).map(UsageLine.Builder::build).toList());
  }

  @Nested
  class ExactValues {

    @Test
    void exactChargesKeepEveryDigitAndCentsAreRoundedHalfUp() {
      CostReport report = price(onDemand("backend", "us-east-1", X86_64, 1536, 3_000_000, "120"));

      LineCost line = report.lines().get(0);
      assertThat(line.exact().duration()).isEqualByComparingTo("2.333338");
      assertThat(line.exact().requests()).isEqualByComparingTo("0.4");
      assertThat(line.charges().duration()).isEqualTo(new BigDecimal("2.33"));
      assertThat(line.freeTierCredit()).isEqualByComparingTo("6.86668"); // 0.2 + 400,000 x rate
      assertThat(report.payers().get(0).exact().duration()).isEqualByComparingTo("2.333338");
    }

    @Test
    void usageReportsRequestsGbSecondsAndTheBillableRemainder() {
      CostReport report = price(onDemand("backend", "us-east-1", X86_64, 1536, 3_000_000, "120"));

      LineUsage usage = report.lines().get(0).usage();
      assertThat(usage.requests()).isEqualTo(3_000_000L);
      assertThat(usage.freeRequests()).isEqualByComparingTo("1000000");
      assertThat(usage.billableRequests()).isEqualByComparingTo("2000000");
      assertThat(usage.billedDurationMs()).isEqualByComparingTo("360000000");
      assertThat(usage.gbSeconds()).isEqualByComparingTo("540000");
      assertThat(usage.freeGbSeconds()).isEqualByComparingTo("400000");
      assertThat(usage.billableGbSeconds()).isEqualByComparingTo("140000");
      assertThat(report.freeTier().requests()).isEqualByComparingTo("1000000");
      assertThat(report.freeTier().gbSeconds()).isEqualByComparingTo("400000");
    }

    @Test
    void theReportNamesThePriceVersionAndCurrency() {
      CostReport report = price(List.of());

      assertThat(report.priceVersion()).isEqualTo("bundled-2026.1");
      assertThat(report.currency()).isEqualTo("USD");
      assertThat(report.total()).isEqualTo(new BigDecimal("0.00"));
      assertThat(report.lines()).isEmpty();
    }
  }

  @Nested
  class Allocation {

    @Test
    void functionLinesAddUpToThePayerTotalToTheCent() {
      List<UsageLine> lines = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        lines.add(onDemand("f" + i, "us-east-1", X86_64, 128 + 100 * i, 333_333, "33.3").build());
      }
      CostReport report = price(lines);

      Charges sum = Charges.ZERO;
      for (LineCost line : report.lines()) {
        sum = sum.plus(line.charges());
      }
      assertThat(sum).isEqualTo(report.payers().get(0).charges());
      assertThat(sum.total()).isEqualTo(report.total());
    }

    @Test
    void eachInvoiceLineIsTheRoundedChargeOfOneRegionArchitectureAndGroup() {
      CostReport report =
          price(
              gbSeconds("a", "us-east-1", X86_64, 300_000).requests(2_000_000),
              gbSeconds("b", "eu-west-1", ARM64, 300_000).requests(2_000_000));

      List<InvoiceLine> invoice = report.payers().get(0).invoiceLines();
      assertThat(invoice)
          .extracting(InvoiceLine::usageType)
          .containsExactly(
              "EU-Request-ARM", "EU-Lambda-GB-Second-ARM", "Request", "Lambda-GB-Second");
      assertThat(invoice)
          .allSatisfy(
              line ->
                  assertThat(line.amount())
                      .isEqualTo(line.exact().setScale(2, java.math.RoundingMode.HALF_UP)));
      BigDecimal invoiceTotal =
          invoice.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(invoiceTotal).isEqualTo(report.total());
      InvoiceLine euDuration = invoice.get(1);
      assertThat(euDuration.group()).isEqualTo(PriceGroup.DURATION);
      assertThat(euDuration.quantity()).isEqualByComparingTo("100000"); // 300,000 - 200,000 free
    }

    @Test
    void anyGroupingOfLinesAddsUpToTheTotal() {
      List<UsageLine> lines = new ArrayList<>();
      String[] regions = {"us-east-1", "eu-west-1", "ap-south-1"};
      for (int i = 0; i < 30; i++) {
        lines.add(
            onDemand("f" + i, regions[i % 3], i % 2 == 0 ? X86_64 : ARM64, 256 + i, 77_777, "41.7")
                .account("acct-" + (i % 4))
                .payer("payer-" + (i % 2))
                .build());
      }
      CostReport report = price(lines);

      for (var grouping :
          List.<java.util.function.Function<LineCost, Object>>of(
              line -> line.line().function(),
              line -> line.line().account(),
              line -> line.line().region(),
              line -> line.line().architecture(),
              line -> line.line().payer())) {
        Map<Object, Charges> sums = report.sumBy(grouping);
        Charges total = sums.values().stream().reduce(Charges.ZERO, Charges::plus);
        assertThat(total).isEqualTo(report.charges());
      }
    }

    @Test
    void aFunctionWhoseMemoryChangedMidMonthIsOneFunctionOfTwoLines() {
      UsageLine before = onDemand("api", "us-east-1", X86_64, 1024, 2_000_000, "100").build();
      UsageLine after = onDemand("api", "us-east-1", X86_64, 2048, 2_000_000, "100").build();

      CostReport report = price(List.of(before, after));

      Map<String, Charges> byFunction = report.sumBy(line -> line.line().function());
      assertThat(byFunction).containsOnlyKeys("api");
      // 200,000 + 400,000 GB-s - 400,000 free = 200,000 x 0.0000166667 = 3.33334; 3 M requests
      assertThat(byFunction.get("api").duration()).isEqualTo(new BigDecimal("3.33"));
      assertThat(byFunction.get("api").requests()).isEqualTo(new BigDecimal("0.60"));
    }

    @Test
    void theAllocationDoesNotDependOnTheOrderOfTheLines() {
      List<UsageLine> lines = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        lines.add(onDemand("f" + i, "us-east-1", X86_64, 128 + 7 * i, 100_001 * i, "9.9").build());
      }
      List<UsageLine> reversed = new ArrayList<>(lines);
      Collections.reverse(reversed);

      CostReport forward = price(lines);
      CostReport backward = price(reversed);

      assertThat(backward.total()).isEqualTo(forward.total());
      assertThat(backward.sumBy(line -> line.line().function()))
          .containsExactlyInAnyOrderEntriesOf(forward.sumBy(line -> line.line().function()));
    }

    @Test
    void theFreeTierIsSharedInProportionToUsage() {
      CostReport report =
          price(
              gbSeconds("small", "us-east-1", X86_64, 100_000).requests(250_000),
              gbSeconds("large", "us-east-1", X86_64, 700_000).requests(1_750_000));

      LineUsage small = report.lines().get(0).usage();
      LineUsage large = report.lines().get(1).usage();
      assertThat(small.freeGbSeconds()).isEqualByComparingTo("50000");
      assertThat(large.freeGbSeconds()).isEqualByComparingTo("350000");
      assertThat(small.freeRequests()).isEqualByComparingTo("125000");
      assertThat(large.freeRequests()).isEqualByComparingTo("875000");
    }
  }

  @Nested
  class Payers {

    @Test
    void eachPayerHasItsOwnFreeTierAndTiers() {
      UsageLine first =
          onDemand("backend", "us-east-1", X86_64, 1536, 3_000_000, "120").payer("p1").build();
      UsageLine second =
          onDemand("backend", "us-east-1", X86_64, 1536, 3_000_000, "120").payer("p2").build();

      CostReport report = price(List.of(first, second));

      assertThat(report.payers()).extracting(PayerCost::payer).containsExactly("p1", "p2");
      assertThat(report.payers())
          .allSatisfy(p -> assertThat(p.total()).isEqualTo(new BigDecimal("2.73")));
      assertThat(report.total()).isEqualTo(new BigDecimal("5.46"));
      assertThat(report.freeTier().requests()).isEqualByComparingTo("2000000");
    }

    @Test
    void accountsOfOneOrganizationShareThePayersFreeTier() {
      UsageLine first =
          onDemand("a", "us-east-1", X86_64, 1536, 1_500_000, "120")
              .account("member-1")
              .payer("org")
              .build();
      UsageLine second =
          onDemand("b", "us-east-1", X86_64, 1536, 1_500_000, "120")
              .account("member-2")
              .payer("org")
              .build();

      CostReport report = price(List.of(first, second));

      assertThat(report.total()).isEqualTo(new BigDecimal("2.73"));
      assertThat(report.sumBy(line -> line.line().account()).values())
          .extracting(Charges::total)
          .containsExactly(new BigDecimal("1.37"), new BigDecimal("1.36"));
    }
  }

  @Nested
  class Bounds {

    @Test
    void durationsFromCloudWatchSumsArePricedAtTheLowerBoundWithTheUpperBoundAndWarnings() {
      UsageLine line =
          UsageLine.builder()
              .account("1")
              .region("us-east-1")
              .function("fast")
              .memoryMb(1024)
              .requests(10_000_000)
              .duration(BilledDuration.fromMetricSum(new BigDecimal("25000000.4"), 10_000_000))
              .build();

      CostReport report =
          engine.price(PriceBook.bundled(), List.of(line), CostOptions.WITHOUT_FREE_TIER);

      // lower: ceil(25,000,000.4) ms = 25,000.001 GB-s x 0.0000166667 = 0.416667...
      // upper: 25,000,000 + 10,000,000 ms = 35,000 GB-s x 0.0000166667 = 0.5833345
      assertThat(report.charges().duration()).isEqualTo(new BigDecimal("0.42"));
      assertThat(report.total()).isEqualTo(new BigDecimal("2.42"));
      assertThat(report.upperBoundTotal()).isEqualTo(new BigDecimal("2.58"));
      assertThat(report.lines().get(0).usage().gbSecondsUpperBound()).isEqualByComparingTo("35000");
      assertThat(report.warnings())
          .extracting(CostWarning::code)
          .containsExactly(CostWarning.INIT_NOT_IN_METRICS, CostWarning.DURATION_ROUNDING_BOUND);
      assertThat(report.warnings().get(1).message()).contains("$0.16").contains("$2.58");
    }

    @Test
    void exactDurationsGiveNoWarningsAndNoGap() {
      CostReport report = price(onDemand("backend", "us-east-1", X86_64, 1536, 3_000_000, "120"));

      assertThat(report.warnings()).isEmpty();
      assertThat(report.upperBoundTotal()).isEqualTo(report.total());
    }
  }

  @Nested
  class Inputs {

    @Test
    void aRegionOutsideThePriceBookIsRejectedWithItsName() {
      UsageLine line = onDemand("f", "mars-north-1", X86_64, 1024, 1, "1").build();

      assertThatThrownBy(() -> price(List.of(line)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("mars-north-1")
          .hasMessageContaining("function f");
    }

    @Test
    void aMonthBeforeEveryPriceBookIsRejected() {
      assertThatThrownBy(() -> engine.price(YearMonth.of(2020, 1), List.of(), CostOptions.DEFAULT))
          .isInstanceOf(NoSuchElementException.class);
    }
  }
}
