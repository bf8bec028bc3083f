package io.lambdaledger.core.costing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.pricing.PriceBooks;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Months to date at a window's boundaries, and part of a month as their difference: the free tier
 * covers the month's first usage, so the same usage costs nothing early and full price later.
 */
class MonthToDateTest {

  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final String PAYER = "111111111111";
  static final Instant OCT_1 = Instant.parse("2026-10-01T00:00:00Z");
  static final Instant OCT_2 = Instant.parse("2026-10-02T00:00:00Z");
  static final Instant OCT_3 = Instant.parse("2026-10-03T00:00:00Z");
  static final Instant OCT_4 = Instant.parse("2026-10-04T00:00:00Z");

  /** Snapshots kept in a map, as the API keeps them (by month, boundary and stamp). */
  static final class KeptSnapshots implements MonthToDate.Cache<PricedMonth> {
    final Map<List<Object>, PricedMonth> kept = new HashMap<>();

    @Override
    public PricedMonth get(
        YearMonth month, Instant boundary, Object stamp, Supplier<PricedMonth> price) {
      return kept.computeIfAbsent(List.of(month, boundary, stamp), k -> price.get());
    }

    @Override
    public PricedMonth peek(YearMonth month, Instant boundary, Object stamp) {
      return kept.get(List.of(month, boundary, stamp));
    }

    @Override
    public void put(YearMonth month, Instant boundary, Object stamp, PricedMonth snapshot) {
      kept.put(List.of(month, boundary, stamp), snapshot);
    }
  }

  /** 400,000 GB-seconds (the whole free allowance) on each of the month's first three days. */
  final HourlyUsage usage =
      new HourlyUsage()
          .add(Instant.parse("2026-10-01T10:00:00Z"), PAYER, PAYER, "api", 400_000)
          .add(Instant.parse("2026-10-02T10:00:00Z"), PAYER, PAYER, "api", 400_000)
          .add(Instant.parse("2026-10-03T10:00:00Z"), PAYER, PAYER, "api", 400_000);

  final KeptSnapshots kept = new KeptSnapshots();
  final MonthToDate<PricedMonth> monthToDate =
      new MonthToDate<>(
          usage, new MonthPricing(PriceBooks.bundled())::price, PricedMonth.EMPTY, kept);

  static Map<String, BigDecimal> totals(PricedMonth month) {
    Map<String, BigDecimal> totals = new LinkedHashMap<>();
    for (PricedLine line : month.lines()) {
      totals.merge(line.usage().function().name(), line.cost().charges().total(), BigDecimal::add);
    }
    return totals;
  }

  static BigDecimal cost(Map<Instant, PricedMonth> at, Instant from, Instant to) {
    return MonthToDate.between(
            totals(at.get(from)), totals(at.get(to)), BigDecimal.ZERO, BigDecimal::subtract)
        .getOrDefault("api", BigDecimal.ZERO);
  }

  @Test
  void the_first_usage_of_the_month_is_free_and_the_same_usage_later_is_not() {
    Map<Instant, PricedMonth> at = monthToDate.at(MONTH, List.of(OCT_1, OCT_2, OCT_3, OCT_4));

    assertThat(at.get(OCT_1)).isSameAs(PricedMonth.EMPTY);
    BigDecimal first = cost(at, OCT_1, OCT_2);
    BigDecimal second = cost(at, OCT_2, OCT_3);
    BigDecimal third = cost(at, OCT_3, OCT_4);
    assertThat(first).isEqualByComparingTo("0");
    assertThat(second).isPositive();
    assertThat(third).isPositive();
    assertThat(first.add(second).add(third)).isEqualByComparingTo(cost(at, OCT_1, OCT_4));
  }

  @Test
  void two_boundaries_read_totals_and_more_read_the_buckets_once_then_the_kept_snapshots() {
    Map<Instant, PricedMonth> two = monthToDate.at(MONTH, List.of(OCT_2, OCT_4));
    assertThat(usage.totalsReads).isEqualTo(2);
    assertThat(usage.bucketReads).isZero();

    KeptSnapshots fresh = new KeptSnapshots();
    MonthToDate<PricedMonth> summed =
        new MonthToDate<>(
            usage, new MonthPricing(PriceBooks.bundled())::price, PricedMonth.EMPTY, fresh);
    Map<Instant, PricedMonth> three = summed.at(MONTH, List.of(OCT_2, OCT_3, OCT_4, OCT_3));
    assertThat(usage.bucketReads).isEqualTo(1);
    assertThat(totals(three.get(OCT_2))).isEqualTo(totals(two.get(OCT_2)));
    assertThat(totals(three.get(OCT_4))).isEqualTo(totals(two.get(OCT_4)));
    assertThat(fresh.kept).hasSize(3);

    Map<Instant, PricedMonth> again = summed.at(MONTH, List.of(OCT_2, OCT_3, OCT_4));
    assertThat(usage.bucketReads).isEqualTo(1);
    assertThat(usage.totalsReads).isEqualTo(2);
    assertThat(again.get(OCT_3)).isSameAs(three.get(OCT_3));
  }

  @Test
  void new_usage_changes_the_stamp_so_the_month_is_priced_again() {
    PricedMonth before = monthToDate.at(MONTH, List.of(OCT_4)).get(OCT_4);
    usage.add(Instant.parse("2026-10-03T11:00:00Z"), PAYER, PAYER, "api", 1);

    PricedMonth after = monthToDate.at(MONTH, List.of(OCT_4)).get(OCT_4);

    assertThat(after).isNotSameAs(before);
    assertThat(usage.totalsReads).isEqualTo(2);
  }

  @Test
  void between_subtracts_line_by_line_counting_a_missing_line_as_zero() {
    Map<String, BigDecimal> from = new LinkedHashMap<>();
    from.put("a", new BigDecimal("1.00"));
    from.put("gone", new BigDecimal("0.50"));
    Map<String, BigDecimal> to = new LinkedHashMap<>();
    to.put("new", new BigDecimal("2.00"));
    to.put("a", new BigDecimal("3.00"));

    assertThat(MonthToDate.between(from, to, BigDecimal.ZERO, BigDecimal::subtract))
        .containsExactly(
            Map.entry("new", new BigDecimal("2.00")),
            Map.entry("a", new BigDecimal("2.00")),
            Map.entry("gone", new BigDecimal("-0.50")));
    assertThat(MonthToDate.between(Map.of(), to, BigDecimal.ZERO, BigDecimal::subtract))
        .isSameAs(to);
  }

  @Test
  void only_the_estimated_parts_of_a_window_need_months_to_date() {
    BillCover cover = BillCover.of(LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 2));
    Instant from = Instant.parse("2026-10-01T12:00:00Z");
    Instant to = Instant.parse("2026-10-03T12:00:00Z");

    assertThat(MonthToDate.boundaries(cover.cut(from, to, true)))
        .containsExactly(from, OCT_2, OCT_3, to);
    assertThat(cover.cut(from, to, false))
        .containsExactly(new BillCover.Part(BillCover.Source.BILLED, OCT_2, OCT_3));
    assertThat(MonthToDate.boundaries(cover.cut(from, to, false))).isEmpty();
  }

  static List<String> codes(List<CostWarning> warnings) {
    return warnings.stream().map(CostWarning::code).toList();
  }

  @Test
  void a_window_warns_what_its_figures_are_not_yet() {
    Instant now = Instant.parse("2026-10-20T08:30:00Z");
    Duration horizon = Duration.ofHours(3);
    Instant november = Instant.parse("2026-11-01T00:00:00Z");

    assertThat(
            MonthToDate.windowWarnings(Instant.parse("2026-09-01T00:00:00Z"), OCT_1, now, horizon))
        .isEmpty();
    assertThat(
            codes(
                MonthToDate.windowWarnings(
                    Instant.parse("2026-09-02T00:00:00Z"), OCT_1, now, horizon)))
        .containsExactly("PART_OF_MONTH");
    assertThat(codes(MonthToDate.windowWarnings(OCT_2, OCT_4, now, horizon)))
        .containsExactly("MONTH_NOT_OVER", "PART_OF_MONTH");
    List<CostWarning> open = MonthToDate.windowWarnings(OCT_1, november, now, horizon);
    assertThat(codes(open)).containsExactly("NOT_FINAL", "MONTH_NOT_OVER");
    assertThat(open.get(0).message()).startsWith("Usage after 2026-10-20T05:30:00Z is not final");
    assertThat(open.get(1).message()).startsWith("October 2026 is not over");
  }
}
