package io.lambdaledger.core.costing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.pricing.PriceBooks;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A month's forecast priced: month to date, projection, price versions and warnings. */
class PricedForecastTest {

  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final String PAYER = "111111111111";
  static final String MEMBER = "222222222222";

  final MonthPricing pricing = new MonthPricing(PriceBooks.bundled());
  final HourlyUsage usage =
      new HourlyUsage()
          .add(Instant.parse("2026-10-01T10:00:00Z"), PAYER, PAYER, "api", 2_000_000)
          .add(Instant.parse("2026-10-05T10:00:00Z"), PAYER, PAYER, "api", 2_000_000);

  PricedForecast pricedAt(String now) {
    return PricedForecast.of(MonthForecast.of(usage, MONTH, Instant.parse(now)), pricing);
  }

  @Test
  void an_open_month_is_projected_and_priced_as_a_whole() {
    PricedForecast forecast = pricedAt("2026-10-10T00:00:00Z");

    assertThat(forecast.method()).isEqualTo(PricedForecast.RUN_RATE);
    assertThat(forecast.projected()).isNotSameAs(forecast.actual());
    assertThat(forecast.projected().lines().get(0).cost().charges().total())
        .isGreaterThan(forecast.actual().lines().get(0).cost().charges().total());
    assertThat(forecast.priceVersion()).isEqualTo(forecast.actual().priceVersion());
  }

  @Test
  void a_month_that_is_over_is_its_actual_cost_priced_once() {
    PricedForecast forecast = pricedAt("2026-11-03T00:00:00Z");

    assertThat(forecast.method()).isEqualTo(PricedForecast.CLOSED);
    assertThat(forecast.projected()).isSameAs(forecast.actual());
  }

  @Test
  void a_caller_who_sees_no_line_has_no_warnings_and_asks_no_history_caveats() {
    AtomicInteger asked = new AtomicInteger();
    Supplier<HistoryCaveats> caveats =
        () -> {
          asked.incrementAndGet();
          return HistoryCaveats.NONE;
        };
    Instant now = Instant.parse("2026-10-10T00:00:00Z");
    PricedForecast nothing =
        PricedForecast.of(MonthForecast.of(new HourlyUsage(), MONTH, now), pricing);
    PricedForecast payers = pricedAt("2026-10-10T00:00:00Z");

    assertThat(nothing.warnings(AccountScope.all(), caveats)).isEmpty();
    assertThat(payers.warnings(AccountScope.only(Set.of(MEMBER)), caveats)).isEmpty();
    assertThat(asked).hasValue(0);
    assertThat(payers.warnings(AccountScope.all(), caveats)).isEmpty();
    assertThat(asked).hasValue(1);
  }
}
