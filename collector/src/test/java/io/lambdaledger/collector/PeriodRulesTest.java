package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeriodRulesTest {

  private static final Instant NOW = Instant.parse("2026-10-20T12:00:00Z");

  @ParameterizedTest(name = "data {0} old needs a period multiple of {1} s")
  @CsvSource({
    "PT1H, 60",
    "PT3H, 60",
    "P14DT23H, 60",
    "P15D, 60",
    "P15DT1M, 300",
    "P63D, 300",
    "P63DT1S, 3600",
    "P455D, 3600"
  })
  void theMinimumPeriodGrowsWithTheAgeOfTheData(Duration age, long seconds) {
    assertThat(PeriodRules.minimumPeriod(NOW.minus(age), NOW)).hasSeconds(seconds);
  }

  @ParameterizedTest(name = "configured {0}, data {1} old: query with {2}")
  @CsvSource({
    "PT1M, PT1H, PT1M",
    "PT5M, PT1H, PT5M",
    "PT1M, P20D, PT5M",
    "PT5M, P20D, PT5M",
    "PT2M, P20D, PT5M",
    "PT10M, P20D, PT10M",
    "PT6M, P20D, PT10M",
    "PT5M, P100D, PT1H",
    "PT1H, P1D, PT1H",
    "PT2H, P100D, PT2H"
  })
  void theConfiguredPeriodIsKeptWhenTheAgeAllowsItElseTheNextValidOne(
      Duration configured, Duration age, Duration expected) {
    assertThat(PeriodRules.periodFor(configured, NOW.minus(age), NOW)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is not a CloudWatch period")
  @CsvSource({"PT30S", "PT90S", "PT0S", "PT1M0.5S"})
  void periodsThatAreNotWholeMinutesAreRefused(Duration period) {
    assertThatThrownBy(() -> PeriodRules.requireValidConfigured(period))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole number of minutes");
  }

  @org.junit.jupiter.api.Test
  void dataOlderThanCloudWatchKeepsIsRefusedWithTheLimitNamed() {
    assertThatThrownBy(() -> PeriodRules.minimumPeriod(NOW.minus(Duration.ofDays(456)), NOW))
        .hasMessageContaining("455 days");
  }
}
