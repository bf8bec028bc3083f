package io.lambdaledger.api.costs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.api.http.ApiProblem;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapshotCacheTest {

  private static final YearMonth MONTH = YearMonth.of(2026, 10);
  private static final Instant BOUNDARY = Instant.parse("2026-10-15T13:00:00Z");

  private static MonthPricer.Snapshot snapshot(String version) {
    return new MonthPricer.Snapshot(
        new io.lambdaledger.core.costing.PricedMonth(version, List.of(), List.of(), Map.of()),
        Map.of());
  }

  @Test
  void aSnapshotIsReusedWhileTheUsageStampIsUnchangedAndPricedAgainWhenItChanges() {
    SnapshotCache cache = new SnapshotCache(Duration.ofMinutes(10), 16);
    AtomicInteger pricings = new AtomicInteger();
    assertThat(
            cache
                .get(MONTH, BOUNDARY, "stamp-1", () -> snapshot("v" + pricings.incrementAndGet()))
                .priceVersion())
        .isEqualTo("v1");
    assertThat(
            cache
                .get(MONTH, BOUNDARY, "stamp-1", () -> snapshot("v" + pricings.incrementAndGet()))
                .priceVersion())
        .isEqualTo("v1");
    assertThat(
            cache
                .get(MONTH, BOUNDARY, "stamp-2", () -> snapshot("v" + pricings.incrementAndGet()))
                .priceVersion())
        .isEqualTo("v2");
    assertThat(cache.peek(MONTH, BOUNDARY, "stamp-1")).isNull();
    assertThat(cache.peek(MONTH, BOUNDARY, "stamp-2").priceVersion()).isEqualTo("v2");
    assertThat(pricings).hasValue(2);
  }

  @Test
  void anExpiredSnapshotIsPricedAgain() {
    SnapshotCache cache = new SnapshotCache(Duration.ZERO, 16);
    AtomicInteger pricings = new AtomicInteger();
    cache.get(MONTH, BOUNDARY, "stamp", () -> snapshot("v" + pricings.incrementAndGet()));
    cache.get(MONTH, BOUNDARY, "stamp", () -> snapshot("v" + pricings.incrementAndGet()));
    assertThat(pricings).hasValue(2);
  }

  @Test
  void concurrentRequestsWaitForOnePricing() throws Exception {
    SnapshotCache cache = new SnapshotCache(Duration.ofMinutes(10), 16);
    AtomicInteger pricings = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<MonthPricer.Snapshot>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return cache.get(
                      MONTH,
                      BOUNDARY,
                      "stamp",
                      () -> {
                        pricings.incrementAndGet();
                        try {
                          Thread.sleep(200);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return snapshot("v");
                      });
                }));
      }
      go.countDown();
      for (Future<MonthPricer.Snapshot> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS).priceVersion()).isEqualTo("v");
      }
      assertThat(pricings).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedPricingIsNotCached() {
    SnapshotCache cache = new SnapshotCache(Duration.ofMinutes(10), 16);
    assertThatThrownBy(
            () ->
                cache.get(
                    MONTH,
                    BOUNDARY,
                    "stamp",
                    () -> {
                      throw ApiProblem.badParameter("window", "no price book covers " + MONTH);
                    }))
        .isInstanceOf(ApiProblem.class);
    assertThat(cache.get(MONTH, BOUNDARY, "stamp", () -> snapshot("v")).priceVersion())
        .isEqualTo("v");
  }
}
