package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.MetricSample;
import io.lambdaledger.db.MetricSampleStore;
import io.lambdaledger.db.UsageRollupStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Priced months are cached, but usage written by a collection (the rollup writer re-summing the
 * month) is priced on the very next request, not after the cache's time to live.
 */
class CostsFreshnessTest {

  private static final FunctionKey CHECKOUT =
      new FunctionKey(LedgerFixture.ORG_PAYER, "us-east-1", "checkout-api");

  @Test
  void newUsageIsPricedOnTheNextRequest() {
    try (LedgerFixture fixture = LedgerFixture.seeded()) {
      String path = "/api/v1/costs?window=month&aggregate=function";
      JsonNode before = costs(fixture, path);
      assertThat(costs(fixture, path)).isEqualTo(before);

      // A collection re-reads an hour of checkout-api: 50 million more requests than seeded.
      Instant hour = Instant.parse("2026-10-15T10:00:00Z");
      List<MetricSample> samples = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        samples.add(
            MetricSample.builder(CHECKOUT, hour.plusSeconds(300L * i), 300)
                .invocations(5_000_000)
                .durationMsSum(BigDecimal.valueOf(5_000_000L * 120))
                .collectedAt(LedgerFixture.NOW)
                .build());
      }
      new MetricSampleStore(fixture.db.dsl()).upsert(samples);
      new UsageRollupStore(fixture.db.dsl(), Clock.fixed(LedgerFixture.NOW, ZoneOffset.UTC))
          .recompute(List.of(CHECKOUT), hour, hour.plusSeconds(3600));

      JsonNode after = costs(fixture, path);
      assertThat(requestsOf(after, "checkout-api") - requestsOf(before, "checkout-api"))
          .isGreaterThan(50_000_000L);
      assertThat(new BigDecimal(after.get("totals").get("total").asString()))
          .isGreaterThan(new BigDecimal(before.get("totals").get("total").asString()));
    }
  }

  private static JsonNode costs(LedgerFixture fixture, String path) {
    var response = fixture.http.get(path, LedgerFixture.VIEWER);
    assertThat(response.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static long requestsOf(JsonNode body, String function) {
    for (JsonNode item : body.get("items")) {
      if (item.get("key").get("function").asString().equals(function)) {
        return item.get("requests").asLong();
      }
    }
    throw new AssertionError("no item for " + function);
  }
}
