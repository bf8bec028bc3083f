package io.lambdaledger.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.Architecture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsageTypesTest {

  static Stream<Arguments> pricedUsageTypes() {
    return Stream.of(
        Arguments.of("Request", "", PriceGroup.REQUESTS, Architecture.X86_64),
        Arguments.of("Request-ARM", "", PriceGroup.REQUESTS, Architecture.ARM64),
        Arguments.of("EU-Request", "EU", PriceGroup.REQUESTS, Architecture.X86_64),
        Arguments.of("EUW2-Request-ARM", "EUW2", PriceGroup.REQUESTS, Architecture.ARM64),
        Arguments.of("Lambda-GB-Second", "", PriceGroup.DURATION, Architecture.X86_64),
        Arguments.of("USE1-Lambda-GB-Second-ARM", "USE1", PriceGroup.DURATION, Architecture.ARM64),
        Arguments.of("USE2-Lambda-GB-Second-ARM", "USE2", PriceGroup.DURATION, Architecture.ARM64),
        Arguments.of("APN1-Lambda-GB-Second", "APN1", PriceGroup.DURATION, Architecture.X86_64),
        Arguments.of(
            "Lambda-Provisioned-Concurrency",
            "",
            PriceGroup.PROVISIONED_CONCURRENCY,
            Architecture.X86_64),
        Arguments.of(
            "APS3-Lambda-Provisioned-Concurrency",
            "APS3",
            PriceGroup.PROVISIONED_CONCURRENCY,
            Architecture.X86_64),
        Arguments.of(
            "Lambda-Provisioned-Concurrency-ARM",
            "",
            PriceGroup.PROVISIONED_CONCURRENCY,
            Architecture.ARM64),
        Arguments.of(
            "APS3-Lambda-Provisioned-GB-Second",
            "APS3",
            PriceGroup.PROVISIONED_DURATION,
            Architecture.X86_64),
        Arguments.of(
            "Lambda-Provisioned-GB-Second-ARM",
            "",
            PriceGroup.PROVISIONED_DURATION,
            Architecture.ARM64),
        Arguments.of(
            "Lambda-Storage-GB-Second", "", PriceGroup.EPHEMERAL_STORAGE, Architecture.X86_64),
        Arguments.of(
            "EUC1-Lambda-Storage-GB-Second-ARM",
            "EUC1",
            PriceGroup.EPHEMERAL_STORAGE,
            Architecture.ARM64),
        Arguments.of("Global-Request", "Global", PriceGroup.REQUESTS, Architecture.X86_64),
        Arguments.of(
            "Global-Lambda-GB-Second", "Global", PriceGroup.DURATION, Architecture.X86_64));
  }

  @ParameterizedTest(name = "{0} is {2} {3} with prefix ''{1}''")
  @MethodSource("pricedUsageTypes")
  void usageTypesMapToTheirPriceGroupBySuffix(
      String usageType, String prefix, PriceGroup group, Architecture architecture) {
    UsageType parsed = UsageTypes.parse(usageType).orElseThrow();

    assertThat(parsed).isEqualTo(new UsageType(prefix, group, architecture));
    assertThat(parsed.text()).isEqualTo(usageType);
  }

  @ParameterizedTest(name = "{0} is not priced")
  @ValueSource(
      strings = {
        "Lambda-Edge-Request",
        "APN1-Lambda-Edge-GB-Second",
        "Lambda-Edge-GB-Second",
        "USE1-Lambda-Streaming-Response-Processed-Bytes",
        "Lambda-SnapStart-Cached-GB-S",
        "Lambda-Requests",
        "Lambda-GB-Seconds",
        "-Request",
        "",
        "USE1-Lambda-Provisioned"
      })
  void otherLambdaUsageTypesAreNotMatched(String usageType) {
    assertThat(UsageTypes.parse(usageType)).isEmpty();
  }

  @Test
  void onlyTheGlobalPrefixIsTheFreeTier() {
    assertThat(UsageTypes.parse("Global-Request").orElseThrow().isFreeTier()).isTrue();
    assertThat(UsageTypes.parse("EU-Request").orElseThrow().isFreeTier()).isFalse();
    assertThat(UsageTypes.parse("Request").orElseThrow().isFreeTier()).isFalse();
  }

  @Test
  void aNullUsageTypeIsNotMatched() {
    assertThat(UsageTypes.parse(null)).isEmpty();
  }

  @Test
  void priceGroupsKnowTheirPriceListGroupPerArchitecture() {
    assertThat(PriceGroup.DURATION.awsGroup(Architecture.ARM64))
        .isEqualTo("AWS-Lambda-Duration-ARM");
    assertThat(PriceGroup.PROVISIONED_DURATION.awsGroup(Architecture.X86_64))
        .isEqualTo("AWS-Lambda-Duration-Provisioned");
    assertThat(PriceGroup.EPHEMERAL_STORAGE.awsGroup(Architecture.X86_64))
        .isEqualTo("AWS-Lambda-Storage-Duration");
  }
}
