package io.lambdaledger.api.costs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ResultCacheTest {

  /** An answer weighing its length. */
  private static ResultCache<String, String> cache(int entries, long weight) {
    return new ResultCache<>(entries, weight, String::length);
  }

  @Test
  void anAnswerIsComputedOnceAndReusedByItsKey() {
    ResultCache<String, String> cache = cache(8, 100);
    AtomicInteger computed = new AtomicInteger();
    assertThat(cache.get("a", () -> "x" + computed.incrementAndGet())).isEqualTo("x1");
    assertThat(cache.get("a", () -> "x" + computed.incrementAndGet())).isEqualTo("x1");
    assertThat(cache.get("b", () -> "x" + computed.incrementAndGet())).isEqualTo("x2");
    assertThat(computed).hasValue(2);
  }

  @Test
  void theLeastRecentlyUsedAnswersGoWhenTheWeightIsOverBudget() {
    ResultCache<String, String> cache = cache(8, 10);
    cache.get("a", () -> "aaaa");
    cache.get("b", () -> "bbbb");
    cache.get("a", () -> "never");
    cache.get("c", () -> "cccc");
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get("a", () -> "again")).isEqualTo("aaaa");
    assertThat(cache.get("b", () -> "again")).isEqualTo("again");
  }

  @Test
  void theLeastRecentlyUsedAnswersGoWhenThereAreTooMany() {
    ResultCache<String, String> cache = cache(2, 100);
    cache.get("a", () -> "a");
    cache.get("b", () -> "b");
    cache.get("c", () -> "c");
    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get("a", () -> "again")).isEqualTo("again");
  }

  @Test
  void anAnswerHeavierThanTheBudgetIsAnsweredButNotKept() {
    ResultCache<String, String> cache = cache(8, 3);
    cache.get("small", () -> "ab");
    assertThat(cache.get("big", () -> "abcdef")).isEqualTo("abcdef");
    assertThat(cache.get("big", () -> "again")).isEqualTo("again");
    assertThat(cache.get("small", () -> "never")).isEqualTo("ab");
  }

  @Test
  void aFailureIsThrownAndNotKept() {
    ResultCache<String, String> cache = cache(8, 100);
    assertThatThrownBy(
            () ->
                cache.get(
                    "a",
                    () -> {
                      throw new IllegalArgumentException("no price book");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no price book");
    assertThat(cache.size()).isZero();
    assertThat(cache.get("a", () -> "fine")).isEqualTo("fine");
  }

  @Test
  void concurrentRequestsForOneKeyWaitForOneComputation() throws Exception {
    ResultCache<String, String> cache = cache(8, 100);
    AtomicInteger computed = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> answers = new ArrayList<>();
      answers.add(
          pool.submit(
              () ->
                  cache.get(
                      "a",
                      () -> {
                        started.countDown();
                        awaitQuietly(release);
                        return "x" + computed.incrementAndGet();
                      })));
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 0; i < 3; i++) {
        answers.add(pool.submit(() -> cache.get("a", () -> "x" + computed.incrementAndGet())));
      }
      release.countDown();
      for (Future<String> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("x1");
      }
      assertThat(computed).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
