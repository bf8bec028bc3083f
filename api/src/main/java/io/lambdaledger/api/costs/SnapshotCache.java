package io.lambdaledger.api.costs;

import io.lambdaledger.core.costing.MonthToDate;
import io.lambdaledger.core.ledger.UsageReader;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Keeps priced month-to-date snapshots, so that a dashboard's several requests and repeated queries
 * do not read and price the same month again. A snapshot is reused while the month's usage stamp
 * (see {@link UsageReader#monthStamp}) is unchanged, so new usage written by a collection cycle (of
 * any replica) is priced on the next request; the time to live (real time, not the business clock)
 * bounds what the stamp cannot see, such as an account moving to another payer.
 *
 * <p>Concurrent requests for the same snapshot wait for one pricing instead of each pricing the
 * month. Bounded: when full, everything is dropped.
 */
final class SnapshotCache implements MonthToDate.Cache<MonthPricer.Snapshot> {

  private record Key(YearMonth month, Instant boundary) {}

  private record Entry(Object stamp, long pricedAtNanos, FutureTask<MonthPricer.Snapshot> task) {}

  private final long ttlNanos;
  private final int maxEntries;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  SnapshotCache(Duration ttl, int maxEntries) {
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
  }

  /** The cached snapshot of {@code month} up to {@code boundary}, or {@code price}'s. */
  @Override
  public MonthPricer.Snapshot get(
      YearMonth month, Instant boundary, Object stamp, Supplier<MonthPricer.Snapshot> price) {
    Key key = new Key(month, boundary);
    long now = System.nanoTime();
    Entry mine = new Entry(stamp, now, new FutureTask<>(price::get));
    if (entries.size() >= maxEntries && !entries.containsKey(key)) {
      entries.clear();
    }
    Entry entry = entries.compute(key, (k, old) -> isFresh(old, stamp, now) ? old : mine);
    if (entry == mine) {
      mine.task().run();
    }
    return SharedTask.await(entry.task(), () -> entries.remove(key, entry), "a snapshot");
  }

  /** The cached snapshot, if fresh and priced from usage with this stamp. */
  @Override
  public MonthPricer.Snapshot peek(YearMonth month, Instant boundary, Object stamp) {
    Entry entry = entries.get(new Key(month, boundary));
    if (entry == null || !isFresh(entry, stamp, System.nanoTime()) || !entry.task().isDone()) {
      return null;
    }
    try {
      return entry.task().get();
    } catch (ExecutionException | InterruptedException e) {
      return null;
    }
  }

  /** Caches a snapshot priced elsewhere. */
  @Override
  public void put(YearMonth month, Instant boundary, Object stamp, MonthPricer.Snapshot snapshot) {
    FutureTask<MonthPricer.Snapshot> done = new FutureTask<>(() -> snapshot);
    done.run();
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    entries.put(new Key(month, boundary), new Entry(stamp, System.nanoTime(), done));
  }

  private boolean isFresh(Entry entry, Object stamp, long now) {
    return entry != null
        && Objects.equals(entry.stamp(), stamp)
        && now - entry.pricedAtNanos() < ttlNanos;
  }
}
