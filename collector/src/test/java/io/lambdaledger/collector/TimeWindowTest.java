package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeWindowTest {

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  @Test
  void alignmentRoundsBothEndsDownToThePeriod() {
    TimeWindow window = new TimeWindow(at("2026-10-01T12:07:34Z"), at("2026-10-01T12:29:59Z"));

    assertThat(window.alignedDown(Duration.ofMinutes(5)))
        .isEqualTo(new TimeWindow(at("2026-10-01T12:05:00Z"), at("2026-10-01T12:25:00Z")));
    assertThat(window.alignedOutward(Duration.ofMinutes(5)))
        .isEqualTo(new TimeWindow(at("2026-10-01T12:05:00Z"), at("2026-10-01T12:30:00Z")));
    assertThat(window.alignedDown(Duration.ofHours(1)))
        .isEqualTo(new TimeWindow(at("2026-10-01T12:00:00Z"), at("2026-10-01T12:00:00Z")));
  }

  @Test
  void anAlignedInstantStaysWhereItIs() {
    Instant aligned = at("2026-10-01T12:05:00Z");

    assertThat(TimeWindow.floor(aligned, Duration.ofMinutes(5))).isEqualTo(aligned);
    assertThat(TimeWindow.ceil(aligned, Duration.ofMinutes(5))).isEqualTo(aligned);
  }

  @Test
  void splittingCoversTheWindowWithoutGapsOrOverlaps() {
    TimeWindow window = new TimeWindow(at("2026-10-01T00:00:00Z"), at("2026-10-03T06:00:00Z"));

    var slices = window.split(Duration.ofDays(1));

    assertThat(slices)
        .containsExactly(
            new TimeWindow(at("2026-10-01T00:00:00Z"), at("2026-10-02T00:00:00Z")),
            new TimeWindow(at("2026-10-02T00:00:00Z"), at("2026-10-03T00:00:00Z")),
            new TimeWindow(at("2026-10-03T00:00:00Z"), at("2026-10-03T06:00:00Z")));
  }

  @Test
  void periodsCountWholePeriodsAndContainsIsHalfOpen() {
    TimeWindow window = new TimeWindow(at("2026-10-01T12:00:00Z"), at("2026-10-01T13:00:00Z"));

    assertThat(window.periods(Duration.ofMinutes(5))).isEqualTo(12);
    assertThat(window.contains(at("2026-10-01T12:00:00Z"))).isTrue();
    assertThat(window.contains(at("2026-10-01T13:00:00Z"))).isFalse();
  }
}
