package io.lambdaledger.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.core.model.Architecture;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class PriceBookTest {

  @Test
  void aBookBuiltFromPriceListRowsResolvesRatesByRegionAndArchitecture() {
    PriceBook book = book("v1", LocalDate.of(2026, 1, 1), completeRegion("eu-west-1", "EU"));

    RegionRates rates = book.rates("eu-west-1", Architecture.ARM64);

    assertThat(rates.request()).isEqualByComparingTo("0.0000002");
    assertThat(rates.durationTiers()).hasSize(2);
    assertThat(rates.durationCost(new BigDecimal("1500")))
        .isEqualByComparingTo("0.0150"); // 1000 x 0.00001 + 500 x 0.00001
    assertThat(rates.usageType(PriceGroup.DURATION)).isEqualTo("EU-Lambda-GB-Second-ARM");
  }

  @Test
  void aMissingPriceGroupIsRejectedWithRegionArchitectureAndGroup() {
    List<Price> prices = new ArrayList<>(completeRegion("eu-west-1", "EU"));
    prices.removeIf(p -> p.usageType().equals("EU-Lambda-Storage-GB-Second-ARM"));

    assertThatThrownBy(() -> book("v1", LocalDate.of(2026, 1, 1), prices))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eu-west-1")
        .hasMessageContaining("arm64")
        .hasMessageContaining("ephemeralStorage");
  }

  @Test
  void durationTiersWithAGapAreRejected() {
    List<Price> prices = new ArrayList<>(completeRegion("eu-west-1", "EU"));
    prices.removeIf(p -> p.usageType().equals("EU-Lambda-GB-Second") && !p.range().isUnbounded());
    prices.add(price("eu-west-1", "EU-Lambda-GB-Second", "0", "900", "0.00001"));

    assertThatThrownBy(() -> book("v1", LocalDate.of(2026, 1, 1), prices))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contiguous");
  }

  @Test
  void aPriceFromAnUnpricedUsageTypeIsRejected() {
    assertThatThrownBy(() -> price("eu-west-1", "EU-Lambda-Edge-Request", "0", "Inf", "0.0000006"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("EU-Lambda-Edge-Request");
  }

  @Test
  void theBookInForceForAMonthIsTheLatestEffectiveOnItsFirstDay() {
    PriceBook old = book("2025", LocalDate.of(2025, 1, 1), completeRegion("eu-west-1", "EU"));
    PriceBook midMonth =
        book("2026-03-15", LocalDate.of(2026, 3, 15), completeRegion("eu-west-1", "EU"));
    PriceBook april = book("2026-04", LocalDate.of(2026, 4, 1), completeRegion("eu-west-1", "EU"));
    PriceBooks books = new PriceBooks(List.of(april, old, midMonth));

    assertThat(books.inForce(YearMonth.of(2025, 1)).version()).isEqualTo("2025");
    assertThat(books.inForce(YearMonth.of(2026, 3)).version()).isEqualTo("2025");
    assertThat(books.inForce(YearMonth.of(2026, 4)).version()).isEqualTo("2026-04");
    assertThat(books.inForce(YearMonth.of(2030, 12)).version()).isEqualTo("2026-04");
    assertThat(books.latest().version()).isEqualTo("2026-04");
    assertThat(books.versions())
        .extracting(PriceBook::version)
        .containsExactly("2025", "2026-03-15", "2026-04");
  }

  @Test
  void aMonthBeforeEveryBookHasNoBookInForce() {
    PriceBooks books = PriceBooks.bundled();

    assertThatThrownBy(() -> books.inForce(YearMonth.of(2022, 7)))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("2022-07");
    assertThat(books.inForce(YearMonth.of(2022, 8)).version()).isEqualTo("bundled-2026.1");
  }

  @Test
  void addingABookWithAnExistingVersionReplacesIt() {
    PriceBook first = book("v1", LocalDate.of(2025, 1, 1), completeRegion("eu-west-1", "EU"));
    PriceBook replacement = book("v1", LocalDate.of(2025, 6, 1), completeRegion("eu-west-1", "EU"));

    PriceBooks books = new PriceBooks(List.of(first)).with(replacement);

    assertThat(books.versions()).containsExactly(replacement);
    assertThat(books.version("v1")).contains(replacement);
    assertThatThrownBy(() -> new PriceBooks(List.of(first, replacement)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate");
  }

  static PriceBook book(String version, LocalDate effective, List<Price> prices) {
    return new PriceBook(version, effective, "test", FreeTierAllowance.STANDARD, prices);
  }

  /** A region with simple round prices and two duration tiers (0-1000 and 1000-Inf GB-s). */
  static List<Price> completeRegion(String region, String prefix) {
    List<Price> prices = new ArrayList<>();
    for (String arm : List.of("", "-ARM")) {
      prices.add(price(region, prefix + "-Request" + arm, "0", "Inf", "0.0000002"));
      prices.add(price(region, prefix + "-Lambda-GB-Second" + arm, "0", "1000", "0.00001"));
      prices.add(price(region, prefix + "-Lambda-GB-Second" + arm, "1000", "Inf", "0.00001"));
      prices.add(price(region, prefix + "-Lambda-Storage-GB-Second" + arm, "0", "Inf", "3E-8"));
      prices.add(
          price(region, prefix + "-Lambda-Provisioned-Concurrency" + arm, "0", "Inf", "0.000004"));
      prices.add(
          price(region, prefix + "-Lambda-Provisioned-GB-Second" + arm, "0", "Inf", "0.00001"));
    }
    return prices;
  }

  static Price price(String region, String usageType, String begin, String end, String price) {
    return Price.fromUsageType(
        region,
        region,
        usageType,
        TierRange.parse(begin, end),
        new BigDecimal(price),
        "unit",
        "SKU",
        "SKU.JRTCKXETXF." + usageType + begin,
        usageType,
        PriceBasis.PUBLISHED);
  }
}
