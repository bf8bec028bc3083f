package io.lambdaledger.collector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a backfill range into UTC days, each read with the period CloudWatch still keeps for data
 * that old. A day is the unit of progress and of resumption: each finished day is recorded as a
 * succeeded run, and a backfill started again skips those days.
 */
final class BackfillPlan {

  /** One day (or the part of one in the range) and the period to read it with. */
  public record Chunk(TimeWindow window, Duration period) {}

  static final Duration DAY = Duration.ofDays(1);

  private BackfillPlan() {}

  /**
   * The chunks of {@code [from, to)} at {@code now}: whole periods, no later than the last finished
   * period, oldest first.
   *
   * @throws IllegalArgumentException if the range is empty, in the future, or older than CloudWatch
   *     keeps
   */
  public static List<Chunk> chunks(Instant from, Instant to, Instant now, Duration period) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("--from must be before --to: " + from + " .. " + to);
    }
    if (!from.isBefore(now)) {
      throw new IllegalArgumentException("--from is not in the past: " + from);
    }
    PeriodRules.minimumPeriod(from, now);
    Instant end = to.isAfter(now) ? now : to;
    List<Chunk> chunks = new ArrayList<>();
    Instant dayStart = TimeWindow.floor(from, DAY);
    while (dayStart.isBefore(end)) {
      Instant dayEnd = dayStart.plus(DAY);
      Instant sliceStart = from.isAfter(dayStart) ? from : dayStart;
      Instant sliceEnd = end.isBefore(dayEnd) ? end : dayEnd;
      Duration chunkPeriod = PeriodRules.periodFor(period, sliceStart, now);
      TimeWindow window = new TimeWindow(sliceStart, sliceEnd).alignedOutward(chunkPeriod);
      Instant lastFinished = TimeWindow.floor(now, chunkPeriod);
      if (window.end().isAfter(lastFinished)) {
        window = new TimeWindow(window.start(), lastFinished);
      }
      if (!window.isEmpty()) {
        chunks.add(new Chunk(window, chunkPeriod));
      }
      dayStart = dayEnd;
    }
    return chunks;
  }
}
