package io.lambdaledger.core.costing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.core.pricing.PriceBooks;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A month priced over every account of a payer, and what a caller scoped to some of its accounts is
 * handed: its lines only, and warnings whose counts and bounds come from those lines only.
 */
class PricedMonthTest {

  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final String PAYER = "111111111111";
  static final String MEMBER = "222222222222";
  static final AccountScope MEMBER_ONLY = AccountScope.only(Set.of(MEMBER));

  final MonthPricing pricing = new MonthPricing(PriceBooks.bundled());

  /** Usage measured by CloudWatch: a duration sum, so the billed duration is only bounded. */
  static FunctionUsage usage(String account, String region, String name, long requests, String ms) {
    UsageTotals totals = UsageTotals.ofInvocations(requests, new BigDecimal(ms));
    return new FunctionUsage(
        new FunctionKey(account, region, name),
        PAYER,
        new BillingConfiguration(1024, Architecture.X86_64, 512),
        totals);
  }

  static List<FunctionUsage> month(long otherAccountRequests) {
    List<FunctionUsage> lines = new ArrayList<>();
    lines.add(usage(MEMBER, "us-east-1", "search", 40_000_000, "9000000000.5"));
    lines.add(usage(MEMBER, "us-east-1", "index", 3_000_000, "450000000.25"));
    lines.add(usage(PAYER, "eu-west-1", "checkout", otherAccountRequests, "7000000000.75"));
    lines.add(usage(PAYER, "mars-north-1", "rover", 10, "100.5"));
    return lines;
  }

  static String message(List<CostWarning> warnings, String code) {
    return warnings.stream()
        .filter(w -> w.code().equals(code))
        .map(CostWarning::message)
        .findFirst()
        .orElse("");
  }

  @Test
  void everyone_sees_the_whole_month_and_a_scoped_caller_only_its_accounts_lines() {
    PricedMonth priced = pricing.price(MONTH, month(20_000_000));

    assertThat(priced.lines()).hasSize(3);
    assertThat(priced.lines(AccountScope.all())).isEqualTo(priced.lines());
    assertThat(priced.lines(MEMBER_ONLY))
        .extracting(PricedLine::accountId)
        .containsExactly(MEMBER, MEMBER);
    assertThat(priced.unpriced()).extracting(u -> u.function().region()).contains("mars-north-1");
  }

  @Test
  void the_whole_payers_bound_is_the_payers_and_a_scoped_callers_bound_its_own_lines() {
    PricedMonth priced = pricing.price(MONTH, month(20_000_000));
    List<CostWarning> all = priced.warnings(AccountScope.all());
    List<CostWarning> member = priced.warnings(MEMBER_ONLY);

    BigDecimal payerTotal = priced.payers().get(PAYER).total();
    BigDecimal payerUpper = priced.payers().get(PAYER).upperBoundTotal();
    assertThat(message(all, CostWarning.DURATION_ROUNDING_BOUND))
        .startsWith("3 lines price")
        .contains("up to $" + payerUpper.subtract(payerTotal).toPlainString() + " higher")
        .contains("(at most $" + payerUpper.toPlainString() + ")");
    assertThat(message(all, "REGION_NOT_PRICED")).contains("mars-north-1");

    BigDecimal memberTotal =
        priced.lines(MEMBER_ONLY).stream()
            .map(line -> line.cost().total())
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(message(member, CostWarning.DURATION_ROUNDING_BOUND))
        .startsWith("2 lines price")
        .doesNotContain(payerUpper.toPlainString());
    assertThat(message(member, CostWarning.INIT_NOT_IN_METRICS)).startsWith("2 lines price");
    assertThat(message(member, "REGION_NOT_PRICED")).isEmpty();
    assertThat(memberTotal).isLessThan(payerTotal);
    assertThat(message(member, CostWarning.DURATION_ROUNDING_BOUND))
        .contains("(at most $")
        .matches(".*\\(at most \\$(\\d+\\.\\d\\d)\\)\\.$");
    BigDecimal memberUpper =
        new BigDecimal(
            message(member, CostWarning.DURATION_ROUNDING_BOUND)
                .replaceAll(".*\\(at most \\$(\\d+\\.\\d\\d)\\)\\.$", "$1"));
    assertThat(memberUpper).isGreaterThan(memberTotal);
  }

  @Test
  void what_a_scoped_caller_is_told_does_not_move_when_only_another_accounts_usage_does() {
    // The other account is alone in its region: the free tier is shared by usage, so keep its
    // requests and billed duration (ceil of the sum); only its upper bound and its lines change.
    List<FunctionUsage> one = month(20_000_000);
    List<FunctionUsage> two = new ArrayList<>(one);
    two.set(2, usage(PAYER, "eu-west-1", "checkout", 20_000_000, "7000000001"));
    two.add(usage(PAYER, "eu-west-1", "refunds", 0, "0"));

    PricedMonth first = pricing.price(MONTH, one);
    PricedMonth second = pricing.price(MONTH, two);

    assertThat(second.warnings(AccountScope.all()))
        .isNotEqualTo(first.warnings(AccountScope.all()));
    assertThat(second.warnings(MEMBER_ONLY)).isEqualTo(first.warnings(MEMBER_ONLY));
    assertThat(second.lines(MEMBER_ONLY)).isEqualTo(first.lines(MEMBER_ONLY));
  }

  @Test
  void a_month_with_usage_and_no_price_book_is_refused_and_without_usage_it_is_empty() {
    YearMonth longAgo = YearMonth.of(1999, 1);
    assertThatThrownBy(() -> pricing.price(longAgo, month(1)))
        .isInstanceOf(NoPriceBookException.class)
        .hasMessage("no price book covers 1999-01");
    assertThat(pricing.price(longAgo, List.of())).isEqualTo(PricedMonth.EMPTY);
  }
}
