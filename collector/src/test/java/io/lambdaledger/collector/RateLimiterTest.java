package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void callsAreSpacedOneIntervalApartAndWaitingAdvancesTheClock() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    List<Long> sleeps = new ArrayList<>();
    RateLimiter limiter =
        new RateLimiter(
            20,
            now::get,
            nanos -> {
              sleeps.add(nanos);
              now.addAndGet(nanos);
            });

    for (int i = 0; i < 5; i++) {
      limiter.acquire();
    }

    // 20 per second: 50 ms apart; the first call goes at once.
    assertThat(sleeps).containsExactly(50_000_000L, 50_000_000L, 50_000_000L, 50_000_000L);
    assertThat(now.get()).isEqualTo(1_200_000_000L);
  }

  @Test
  void anIdleLimiterDoesNotSaveUpABurst() {
    AtomicLong now = new AtomicLong(0);
    List<Long> sleeps = new ArrayList<>();
    RateLimiter limiter =
        new RateLimiter(
            10,
            now::get,
            nanos -> {
              sleeps.add(nanos);
              now.addAndGet(nanos);
            });

    limiter.acquire();
    now.addAndGet(5_000_000_000L);
    limiter.acquire();
    limiter.acquire();

    assertThat(sleeps).containsExactly(100_000_000L);
  }

  @Test
  void aRateMustBePositive() {
    assertThatThrownBy(() -> new RateLimiter(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
