package io.lambdaledger.api;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps priced month-to-date snapshots for a short time (real time, not the business clock), so
 * that a dashboard's several requests and repeated queries do not read and price the same month
 * again. Collection cycles write new usage every few minutes; a minute-old price is what the
 * NOT_FINAL warning already says. Bounded: when full, everything is dropped.
 */
final class SnapshotCache {

  private record Key(YearMonth month, Instant boundary) {}

  private record Entry(long pricedAtNanos, MonthPricer.Snapshot snapshot) {}

  private final long ttlNanos;
  private final int maxEntries;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  SnapshotCache(Duration ttl, int maxEntries) {
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
  }

  MonthPricer.Snapshot get(
      YearMonth month, Instant boundary, Supplier<MonthPricer.Snapshot> price) {
    Key key = new Key(month, boundary);
    long now = System.nanoTime();
    Entry entry = entries.get(key);
    if (entry != null && now - entry.pricedAtNanos() < ttlNanos) {
      return entry.snapshot();
    }
    MonthPricer.Snapshot snapshot = price.get();
    if (entries.size() >= maxEntries) {
      entries.clear();
    }
    entries.put(key, new Entry(now, snapshot));
    return snapshot;
  }
}
