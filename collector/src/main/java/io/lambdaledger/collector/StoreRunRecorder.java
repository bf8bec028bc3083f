package io.lambdaledger.collector;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.CollectionRunResult;
import io.lambdaledger.core.model.CollectionRunStart;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.core.model.Watermark;
import io.lambdaledger.db.CollectionRunStore;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.WatermarkStore;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs and watermarks in the database, through the db module's stores. */
final class StoreRunRecorder implements RunRecorder {

  /** How many recent runs a backfill looks through for days it finished before. */
  static final int RESUME_LOOKBACK_RUNS = 50_000;

  private final CollectionRunStore runs;
  private final WatermarkStore watermarks;

  StoreRunRecorder(Database database) {
    this.runs = new CollectionRunStore(database.dsl());
    this.watermarks = new WatermarkStore(database.dsl());
  }

  @Override
  public long started(CollectionRunStart start) {
    return runs.start(start);
  }

  @Override
  public void finished(long runId, CollectionRunResult result) {
    runs.finish(runId, result);
  }

  @Override
  public Optional<Instant> watermark(Shard shard) {
    return watermarks.find(shard.accountId(), shard.region()).map(Watermark::completeTo);
  }

  @Override
  public void advanceWatermark(Shard shard, Instant completeTo, Instant now) {
    watermarks.advance(shard.accountId(), shard.region(), completeTo);
  }

  @Override
  public Set<TimeWindow> succeededWindows(Shard shard, TimeWindow within) {
    List<CollectionRun> recent =
        runs.recent(RESUME_LOOKBACK_RUNS, AccountScope.only(List.of(shard.accountId())));
    Set<TimeWindow> windows = new HashSet<>();
    for (CollectionRun run : recent) {
      if (run.region().equals(shard.region())
          && run.status() == RunStatus.SUCCEEDED
          && !run.windowStart().isBefore(within.start())
          && !run.windowEnd().isAfter(within.end())) {
        windows.add(new TimeWindow(run.windowStart(), run.windowEnd()));
      }
    }
    return windows;
  }

  @Override
  public int abandonStale(Instant startedBefore, Instant now) {
    return runs.abandonRunning(startedBefore, now);
  }
}
