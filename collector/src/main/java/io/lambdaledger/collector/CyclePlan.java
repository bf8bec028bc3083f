package io.lambdaledger.collector;

import java.time.Duration;
import java.time.Instant;

/**
 * The window one cycle of a shard reads, and how far its watermark may move if the cycle completes.
 * The window ends at the start of the current (unfinished) period and reaches back the lookback, or
 * further, to the watermark: every period is read again until it is final, so a period is never
 * left with the values of a read made before its late datapoints arrived. A gap longer than {@link
 * CollectorSettings#MAX_CATCH_UP} is not closed by a cycle (that is a backfill's job); {@link #gap}
 * then says which part was skipped.
 *
 * @param window what GetMetricData reads, aligned to {@code period}
 * @param completeTo the watermark after a complete cycle: the end of the last final period read
 * @param gap nullable: the part between the old watermark and the window that this cycle skips
 */
record CyclePlan(TimeWindow window, Duration period, Instant completeTo, TimeWindow gap) {

  /**
   * Plans a cycle at {@code now}.
   *
   * @param watermark nullable: the shard's watermark, if it has one
   */
  public static CyclePlan at(
      Instant now, Duration period, Duration lookback, Instant watermark, FinalityHorizon horizon) {
    Instant end = TimeWindow.floor(now, period);
    Instant start = TimeWindow.floor(end.minus(lookback), period);
    TimeWindow gap = null;
    if (watermark != null && watermark.isBefore(start)) {
      Instant oldestAllowed = TimeWindow.ceil(end.minus(CollectorSettings.MAX_CATCH_UP), period);
      Instant alignedWatermark = TimeWindow.floor(watermark, period);
      if (alignedWatermark.isBefore(oldestAllowed)) {
        gap = new TimeWindow(alignedWatermark, oldestAllowed);
        start = oldestAllowed;
      } else {
        start = alignedWatermark;
      }
    }
    Instant finalBefore = horizon.finalBefore(now, period);
    Instant completeTo = finalBefore.isBefore(end) ? finalBefore : end;
    if (completeTo.isBefore(start)) {
      completeTo = start;
    }
    return new CyclePlan(new TimeWindow(start, end), period, completeTo, gap);
  }
}
