package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FinalityHorizonTest {

  private static final Instant NOW = Instant.parse("2026-10-01T12:31:00Z");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @ParameterizedTest(name = "timeout {0} + margin {1}: periods ending by {2} are final")
  @CsvSource({
    "PT3S, PT10M, 2026-10-01T12:20:00Z",
    "PT15M, PT10M, 2026-10-01T12:05:00Z",
    "PT15M, PT5M, 2026-10-01T12:10:00Z",
    "PT0S, PT0S, 2026-10-01T12:30:00Z"
  })
  void aPeriodIsFinalOnlyOnceTheLongestTimeoutAndTheMarginHavePassed(
      Duration timeout, Duration margin, Instant finalBefore) {
    FinalityHorizon horizon = new FinalityHorizon(timeout, margin);

    assertThat(horizon.finalBefore(NOW, FIVE_MINUTES)).isEqualTo(finalBefore);
    assertThat(horizon.isFinal(finalBefore.minus(FIVE_MINUTES), FIVE_MINUTES, NOW)).isTrue();
    assertThat(horizon.isFinal(finalBefore, FIVE_MINUTES, NOW)).isFalse();
  }
}
