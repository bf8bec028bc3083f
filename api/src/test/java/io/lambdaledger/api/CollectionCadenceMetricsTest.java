package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CollectionCadenceMetricsTest {

  @Test
  void theBudgetAndEachShardsCadenceAreGaugesWhoseLatestValueWins() {
    try (ServiceMetrics metrics = new ServiceMetrics()) {
      metrics.collectionCadence(
          new BigDecimal("15"),
          "111111111111",
          "us-east-1",
          Duration.ofMinutes(65),
          2_147,
          new BigDecimal("14.27"));
      metrics.collectionCadence(
          new BigDecimal("15"),
          "111111111111",
          "us-east-1",
          Duration.ofMinutes(70),
          2_300,
          new BigDecimal("14.19"));

      String scraped = metrics.scrape();

      assertThat(scraped)
          .contains("ledger_collection_budget_usd 15.0")
          .contains(
              "ledger_collection_interval_seconds{account=\"111111111111\",region=\"us-east-1\"}"
                  + " 4200.0")
          .contains(
              "ledger_collection_active_series{account=\"111111111111\",region=\"us-east-1\"}"
                  + " 2300.0")
          .contains(
              "ledger_collection_projected_monthly_usd{account=\"111111111111\","
                  + "region=\"us-east-1\"} 14.19");
    }
  }
}
