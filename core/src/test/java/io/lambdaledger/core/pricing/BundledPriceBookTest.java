package io.lambdaledger.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.core.model.Architecture;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The bundled snapshot against lambda-billing.md §1.4 (tier-1 rates) and the tier rules. */
class BundledPriceBookTest {

  private final PriceBook book = PriceBook.bundled();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "us-east-1,      0.0000166667, 0.0000133334, 0.0000002000, 0.0000041667, 0.0000097222, 0.0000000309",
    "us-east-2,      0.0000166667, 0.0000133334, 0.0000002000, 0.0000041667, 0.0000097222, 0.0000000309",
    "us-west-2,      0.0000166667, 0.0000133334, 0.0000002000, 0.0000041667, 0.0000097222, 0.0000000309",
    "us-west-1,      0.0000166667, 0.0000133334, 0.0000002000, 0.0000049041, 0.0000114430, 0.0000000370",
    "eu-west-1,      0.0000166667, 0.0000133334, 0.0000002000, 0.0000046460, 0.0000108407, 0.0000000340",
    "eu-central-1,   0.0000166667, 0.0000133334, 0.0000002000, 0.0000050147, 0.0000117011, 0.0000000367",
    "ap-south-1,     0.0000166667, 0.0000133334, 0.0000002000, 0.0000044985, 0.0000104966, 0.0000000352",
    "ap-northeast-1, 0.0000166667, 0.0000133334, 0.0000002000, 0.0000053835, 0.0000125615, 0.0000000370",
    "sa-east-1,      0.0000166667, 0.0000133334, 0.0000002000, 0.0000066372, 0.0000154867, 0.0000000586",
    "af-south-1,     0.0000221000, 0.0000176800, 0.0000002700, 0.0000055300, 0.0000129000, 0.0000000404",
    "ap-east-1,      0.0000229200, 0.0000183000, 0.0000002800, 0.0000057153, 0.0000133358, 0.0000000407",
    "eu-south-1,     0.0000195172, 0.0000156138, 0.0000002300, 0.0000048783, 0.0000113827, 0.0000000357",
    "me-south-1,     0.0000206667, 0.0000165334, 0.0000002500, 0.0000051108, 0.0000119251, 0.0000000374",
    "eu-central-2,   0.0000183334, 0.0000146667, 0.0000002200, 0.0000055162, 0.0000128712, 0.0000000441",
    "ap-southeast-5, 0.0000150000, 0.0000120000, 0.0000001800, 0.0000046791, 0.0000109181, 0.0000000333"
  })
  void everyRegionOfTheReferenceHasItsPublishedTierOneRates(
      String region,
      BigDecimal x86,
      BigDecimal arm,
      BigDecimal request,
      BigDecimal provisioned,
      BigDecimal provisionedDuration,
      BigDecimal ephemeral) {
    RegionRates x86Rates = book.rates(region, Architecture.X86_64);
    RegionRates armRates = book.rates(region, Architecture.ARM64);

    assertThat(x86Rates.firstTierDuration()).isEqualByComparingTo(x86);
    assertThat(armRates.firstTierDuration()).isEqualByComparingTo(arm);
    assertThat(x86Rates.request()).isEqualByComparingTo(request);
    assertThat(armRates.request()).isEqualByComparingTo(request);
    assertThat(x86Rates.provisionedConcurrency()).isEqualByComparingTo(provisioned);
    assertThat(x86Rates.provisionedDuration()).isEqualByComparingTo(provisionedDuration);
    assertThat(x86Rates.ephemeralStorage()).isEqualByComparingTo(ephemeral);
    assertThat(armRates.ephemeralStorage()).isEqualByComparingTo(ephemeral);
  }

  static final List<String> REFERENCE_REGIONS =
      List.of(
          "us-east-1",
          "us-east-2",
          "us-west-2",
          "us-west-1",
          "eu-west-1",
          "eu-central-1",
          "ap-south-1",
          "ap-northeast-1",
          "sa-east-1",
          "af-south-1",
          "ap-east-1",
          "eu-south-1",
          "me-south-1",
          "eu-central-2",
          "ap-southeast-5");

  /** Commercial regions whose rates the reference does not give: us-east-1's, derived. */
  static final List<String> AT_US_EAST_1_RATES =
      List.of(
          "ca-central-1",
          "ca-west-1",
          "mx-central-1",
          "ap-east-2",
          "ap-northeast-2",
          "ap-northeast-3",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-southeast-3",
          "ap-south-2",
          "ap-southeast-4",
          "ap-southeast-7",
          "eu-west-2",
          "eu-west-3",
          "eu-north-1",
          "eu-south-2",
          "il-central-1");

  @Test
  void theBookCoversEveryCommercialRegion() {
    List<String> expected = new java.util.ArrayList<>(REFERENCE_REGIONS);
    expected.addAll(AT_US_EAST_1_RATES);
    expected.add("me-central-1");
    assertThat(book.regions()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(book.prices()).hasSize(33 * 2 * 7);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("regionsAtUsEast1Rates")
  void aRegionMissingFromTheReferenceHasUsEast1RatesMarkedDerived(String region) {
    assertSameRates(region, "us-east-1");
  }

  @Test
  void meCentral1HasMeSouth1RatesMarkedDerived() {
    assertSameRates("me-central-1", "me-south-1");
  }

  static Stream<String> regionsAtUsEast1Rates() {
    return AT_US_EAST_1_RATES.stream();
  }

  private void assertSameRates(String region, String template) {
    for (Architecture architecture : Architecture.values()) {
      assertThat(book.rates(region, architecture))
          .as(region + " " + architecture)
          .usingRecursiveComparison()
          .ignoringFields("region", "usageTypes")
          .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
          .isEqualTo(book.rates(template, architecture));
    }
    assertThat(book.prices(region)).hasSize(14).allMatch(p -> p.basis() == PriceBasis.DERIVED);
    assertThat(book.prices(region))
        .extracting(Price::usageType)
        .allMatch(type -> type.matches("[A-Z]+[0-9]-.*"), "a region billing-code prefix");
  }

  @Test
  void usEast1HasThePublishedTierAndArmProvisionedPrices() {
    RegionRates x86 = book.rates("us-east-1", Architecture.X86_64);
    RegionRates arm = book.rates("us-east-1", Architecture.ARM64);

    assertTierPrices(x86, "0.0000166667", "0.0000150000", "0.0000133334");
    assertTierPrices(arm, "0.0000133334", "0.0000120001", "0.0000106667");
    assertThat(arm.provisionedConcurrency()).isEqualByComparingTo("0.0000033334");
    assertThat(arm.provisionedDuration()).isEqualByComparingTo("0.0000077778");
    assertThat(book.prices("us-east-1")).allMatch(price -> price.basis() == PriceBasis.PUBLISHED);
  }

  private static void assertTierPrices(RegionRates rates, String... unitPrices) {
    assertThat(rates.durationTiers())
        .extracting(DurationTier::unitPrice)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactlyElementsOf(Stream.of(unitPrices).map(BigDecimal::new).toList());
  }

  @ParameterizedTest(name = "{0} tiers end at 6 B / 15 B (x86) and 7.5 B / 18.75 B (arm64)")
  @MethodSource("regions")
  void everyRegionHasTheVolumeTierBoundaries(String region) {
    assertThat(book.rates(region, Architecture.X86_64).durationTiers())
        .extracting(tier -> tier.range().toString())
        .containsExactly("0-6000000000", "6000000000-15000000000", "15000000000-Inf");
    assertThat(book.rates(region, Architecture.ARM64).durationTiers())
        .extracting(tier -> tier.range().toString())
        .containsExactly("0-7500000000", "7500000000-18750000000", "18750000000-Inf");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Architecture.class)
  void tierTwoAndThreeOutsideUsEast1AreDerivedByTheTenAndTwentyPercentRule(
      Architecture architecture) {
    for (String region : book.regions()) {
      List<Price> tiers =
          book.prices(region).stream()
              .filter(p -> p.group() == PriceGroup.DURATION && p.architecture() == architecture)
              .toList();
      BigDecimal tierOne = tiers.get(0).unitPrice();
      assertThat(tiers.get(1).unitPrice())
          .as(region + " tier 2")
          .isEqualByComparingTo(tenDecimals(tierOne.multiply(new BigDecimal("0.9"))));
      assertThat(tiers.get(2).unitPrice())
          .as(region + " tier 3")
          .isEqualByComparingTo(tenDecimals(tierOne.multiply(new BigDecimal("0.8"))));
      PriceBasis expected = region.equals("us-east-1") ? PriceBasis.PUBLISHED : PriceBasis.DERIVED;
      PriceBasis tierOneBasis =
          REFERENCE_REGIONS.contains(region) ? PriceBasis.PUBLISHED : PriceBasis.DERIVED;
      assertThat(tiers.get(0).basis()).as(region).isEqualTo(tierOneBasis);
      assertThat(tiers.get(1).basis()).as(region).isEqualTo(expected);
      assertThat(tiers.get(2).basis()).as(region).isEqualTo(expected);
    }
  }

  @Test
  void everyPriceCarriesAUniqueRateCodeAndAUsageTypeMatchingItsGroup() {
    Set<String> rateCodes = new HashSet<>();
    for (Price price : book.prices()) {
      assertThat(rateCodes.add(price.rateCode())).as(price.rateCode()).isTrue();
      assertThat(price.rateCode()).startsWith(price.sku() + ".JRTCKXETXF.");
      assertThat(price.location()).isNotBlank();
      assertThat(price.description()).isNotBlank();
      UsageType usageType = UsageTypes.parse(price.usageType()).orElseThrow();
      assertThat(usageType.group()).isEqualTo(price.group());
      assertThat(usageType.architecture()).isEqualTo(price.architecture());
    }
  }

  @Test
  void usEast1UsageTypesHaveNoPrefixAndOtherRegionsTheirBillingCode() {
    assertThat(book.rates("us-east-1", Architecture.ARM64).usageType(PriceGroup.DURATION))
        .isEqualTo("Lambda-GB-Second-ARM");
    assertThat(book.rates("eu-west-1", Architecture.X86_64).usageType(PriceGroup.REQUESTS))
        .isEqualTo("EU-Request");
    assertThat(
            book.rates("ap-south-1", Architecture.X86_64)
                .usageType(PriceGroup.PROVISIONED_CONCURRENCY))
        .isEqualTo("APS3-Lambda-Provisioned-Concurrency");
  }

  @Test
  void knownRealSkusAreUsed() {
    assertThat(book.prices("us-east-1"))
        .extracting(Price::sku)
        .contains("GU2ZS9HVP6QTQ7KE", "TG3M4CAGBA3NYQBH", "72SBSFWPMDTH8S3J", "BMKCD2ZCEYKTYYCB");
  }

  @Test
  void theFreeTierIsOneMillionRequestsAndFourHundredThousandGbSeconds() {
    assertThat(book.freeTier().requests()).isEqualTo(1_000_000L);
    assertThat(book.freeTier().gbSeconds()).isEqualByComparingTo("400000");
    assertThat(book.freeTier().requestSku()).isEqualTo("ZQVCC2M69R4S79XS");
  }

  @Test
  void theBookSaysItsVersionEffectiveDateAndSource() {
    assertThat(book.version()).isEqualTo("bundled-2026.1");
    assertThat(book.effectiveDate()).hasToString("2022-08-01");
    assertThat(book.source()).contains("lambda-billing.md");
  }

  @Test
  void anUnknownRegionIsRejectedWithItsName() {
    assertThatThrownBy(() -> book.rates("mars-north-1", Architecture.X86_64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mars-north-1");
    assertThat(book.hasRegion("mars-north-1")).isFalse();
  }

  static Stream<String> regions() {
    return PriceBook.bundled().regions().stream();
  }

  private static BigDecimal tenDecimals(BigDecimal value) {
    return value.setScale(10, RoundingMode.HALF_UP);
  }
}
