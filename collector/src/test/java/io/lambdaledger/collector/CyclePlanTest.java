package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CyclePlanTest {

  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final Duration LOOKBACK = Duration.ofMinutes(30);
  private static final FinalityHorizon HORIZON =
      new FinalityHorizon(Duration.ofMinutes(15), Duration.ofMinutes(10));

  private static Instant at(String time) {
    return Instant.parse("2026-10-01T" + time + "Z");
  }

  @Test
  void aFirstCycleReadsTheLookbackUpToTheLastFinishedPeriod() {
    CyclePlan plan = CyclePlan.at(at("12:33:10"), FIVE_MINUTES, LOOKBACK, null, HORIZON);

    assertThat(plan.window()).isEqualTo(new TimeWindow(at("12:00:00"), at("12:30:00")));
    // 12:33:10 − 25 min = 12:08:10 → periods ending by 12:05 are final
    assertThat(plan.completeTo()).isEqualTo(at("12:05:00"));
    assertThat(plan.gap()).isNull();
  }

  @Test
  void theWindowReachesBackToTheWatermarkSoEveryPeriodIsReadOnceItIsFinal() {
    CyclePlan plan =
        CyclePlan.at(at("12:33:10"), FIVE_MINUTES, Duration.ofMinutes(10), at("11:50:00"), HORIZON);

    assertThat(plan.window()).isEqualTo(new TimeWindow(at("11:50:00"), at("12:30:00")));
    assertThat(plan.completeTo()).isEqualTo(at("12:05:00"));
  }

  @Test
  void aRecentWatermarkDoesNotShortenTheLookback() {
    CyclePlan plan = CyclePlan.at(at("12:33:10"), FIVE_MINUTES, LOOKBACK, at("12:05:00"), HORIZON);

    assertThat(plan.window().start()).isEqualTo(at("12:00:00"));
  }

  @Test
  void aGapLongerThanTheCatchUpLimitIsReportedAndSkipped() {
    Instant now = Instant.parse("2026-10-20T12:33:10Z");
    Instant watermark = Instant.parse("2026-10-01T00:00:00Z");

    CyclePlan plan = CyclePlan.at(now, FIVE_MINUTES, LOOKBACK, watermark, HORIZON);

    assertThat(plan.window().start()).isEqualTo(Instant.parse("2026-10-06T12:30:00Z"));
    assertThat(plan.gap())
        .isEqualTo(new TimeWindow(watermark, Instant.parse("2026-10-06T12:30:00Z")));
  }

  @Test
  void withAnHourlyPeriodTheWindowIsWholeHours() {
    CyclePlan plan =
        CyclePlan.at(at("12:33:10"), Duration.ofHours(1), Duration.ofHours(2), null, HORIZON);

    assertThat(plan.window()).isEqualTo(new TimeWindow(at("10:00:00"), at("12:00:00")));
    assertThat(plan.completeTo()).isEqualTo(at("12:00:00"));
  }
}
