package io.lambdaledger.collector;

import io.lambdaledger.core.model.CollectionRunResult;
import io.lambdaledger.core.model.CollectionRunStart;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Where runs and watermarks are recorded (the database, through the db module's store). */
interface RunRecorder {

  /** Records a run as started; returns its id. */
  long started(CollectionRunStart start);

  void finished(long runId, CollectionRunResult result);

  /** The end of the last final period stored for the shard, if any. */
  Optional<Instant> watermark(Shard shard);

  /** Moves the watermark forward (never back). */
  void advanceWatermark(Shard shard, Instant completeTo, Instant now);

  /** Windows of the shard's succeeded runs that lie inside {@code within} (backfill resume). */
  Set<TimeWindow> succeededWindows(Shard shard, TimeWindow within);

  /** Marks runs still RUNNING that started before {@code startedBefore} as abandoned. */
  int abandonStale(Instant startedBefore, Instant now);
}
