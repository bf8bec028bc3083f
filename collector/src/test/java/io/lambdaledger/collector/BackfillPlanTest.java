package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillPlanTest {

  private static final Instant NOW = Instant.parse("2026-10-20T12:34:56Z");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @Test
  void aRangeIsReadInUtcDaysWithThePeriodEachDaysAgeAllows() {
    List<BackfillPlan.Chunk> chunks =
        BackfillPlan.chunks(
            Instant.parse("2026-07-01T00:00:00Z"),
            Instant.parse("2026-10-20T00:00:00Z"),
            NOW,
            Duration.ofMinutes(1));

    assertThat(chunks).hasSize(111);
    assertThat(chunks.get(0).period()).isEqualTo(Duration.ofHours(1));
    // 2026-08-18 is 63 days and some hours before NOW: its start is older, so hourly
    assertThat(chunk(chunks, "2026-08-18").period()).isEqualTo(Duration.ofHours(1));
    assertThat(chunk(chunks, "2026-08-19").period()).isEqualTo(Duration.ofMinutes(5));
    assertThat(chunk(chunks, "2026-10-05").period()).isEqualTo(Duration.ofMinutes(5));
    assertThat(chunk(chunks, "2026-10-06").period()).isEqualTo(Duration.ofMinutes(1));
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(chunks.get(i).window().start()).isEqualTo(chunks.get(i - 1).window().end());
    }
  }

  @Test
  void partialDaysAreAlignedOutwardToThePeriodAndStopAtTheLastFinishedPeriod() {
    List<BackfillPlan.Chunk> chunks =
        BackfillPlan.chunks(
            Instant.parse("2026-10-19T22:07:00Z"),
            Instant.parse("2026-10-21T00:00:00Z"),
            NOW,
            FIVE_MINUTES);

    assertThat(chunks)
        .containsExactly(
            new BackfillPlan.Chunk(
                new TimeWindow(
                    Instant.parse("2026-10-19T22:05:00Z"), Instant.parse("2026-10-20T00:00:00Z")),
                FIVE_MINUTES),
            new BackfillPlan.Chunk(
                new TimeWindow(
                    Instant.parse("2026-10-20T00:00:00Z"), Instant.parse("2026-10-20T12:30:00Z")),
                FIVE_MINUTES));
  }

  @Test
  void rangesCloudWatchCannotServeAreRefused() {
    assertThatThrownBy(
            () -> BackfillPlan.chunks(NOW.minus(Duration.ofDays(500)), NOW, NOW, FIVE_MINUTES))
        .hasMessageContaining("455 days");
    assertThatThrownBy(() -> BackfillPlan.chunks(NOW, NOW.minusSeconds(1), NOW, FIVE_MINUTES))
        .hasMessageContaining("before");
    assertThatThrownBy(
            () -> BackfillPlan.chunks(NOW.plusSeconds(60), NOW.plusSeconds(120), NOW, FIVE_MINUTES))
        .hasMessageContaining("not in the past");
  }

  private static BackfillPlan.Chunk chunk(List<BackfillPlan.Chunk> chunks, String day) {
    Instant start = Instant.parse(day + "T00:00:00Z");
    return chunks.stream().filter(c -> c.window().start().equals(start)).findFirst().orElseThrow();
  }
}
