package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudWatchCostTest {

  @ParameterizedTest(name = "{0} metrics requested cost ${1}")
  @CsvSource({"0, 0", "1, 0.00001", "1000, 0.01", "500, 0.005", "2592000000, 25920"})
  void eachThousandMetricsRequestedCostsOneCent(long metrics, BigDecimal usd) {
    assertThat(CloudWatchCost.ofMetricsRequested(metrics)).isEqualByComparingTo(usd);
  }

  // The table of docs/collector.md and the reference's §8.2: 6 metrics per function.
  @ParameterizedTest(name = "{0} metrics every {1}: ${2} a month")
  @CsvSource({
    "60, PT5M, 5.18",
    "6000, PT5M, 518.40",
    "300000, PT5M, 25920.00",
    "300000, PT1H, 2160.00",
    "300000, P1D, 90.00",
    "600, PT15M, 17.28"
  })
  void theMonthlyProjectionIsMetricsPerCycleTimesCyclesPerThirtyDayMonth(
      long metricsPerCycle, Duration interval, BigDecimal usd) {
    assertThat(CloudWatchCost.projectedMonthly(metricsPerCycle, interval)).isEqualTo(usd);
  }
}
