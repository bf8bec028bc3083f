package io.lambdaledger.api.costs;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Keeps the most recently used answers by a key that holds everything an answer depends on, so an
 * answer is never stale: when its inputs change, its key does, and the old entry is no longer asked
 * for and ages out. Bounded by entries and by a weight (what an answer holds, say its figures); an
 * answer heavier than the whole budget is computed and not kept. Concurrent requests for the same
 * key wait for one computation; a failed one is not kept.
 */
final class ResultCache<K, V> {

  private static final class Entry<V> {
    final FutureTask<V> task;
    long weight;

    Entry(FutureTask<V> task) {
      this.task = task;
    }
  }

  private final int maxEntries;
  private final long maxWeight;
  private final ToLongFunction<V> weigher;
  private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long weight;

  ResultCache(int maxEntries, long maxWeight, ToLongFunction<V> weigher) {
    this.maxEntries = maxEntries;
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  /** The answer kept under {@code key}, or {@code compute}'s, kept if it fits. */
  V get(K key, Supplier<V> compute) {
    Entry<V> entry;
    boolean mine = false;
    synchronized (this) {
      entry = entries.get(key);
      if (entry == null) {
        entry = new Entry<>(new FutureTask<>(compute::get));
        entries.put(key, entry);
        mine = true;
      }
    }
    if (mine) {
      entry.task.run();
    }
    Entry<V> waited = entry;
    V value = SharedTask.await(entry.task, () -> forget(key, waited), "a cost answer");
    if (mine) {
      weigh(key, entry, weigher.applyAsLong(value));
    }
    return value;
  }

  /** How many answers are kept (finished or being computed). */
  synchronized int size() {
    return entries.size();
  }

  private synchronized void forget(K key, Entry<V> entry) {
    if (entries.remove(key, entry)) {
      weight -= entry.weight;
    }
  }

  /** Counts a new answer in, then drops the least recently used others until all fit. */
  private synchronized void weigh(K key, Entry<V> entry, long entryWeight) {
    if (entries.get(key) != entry) {
      return;
    }
    if (entryWeight > maxWeight) {
      entries.remove(key);
      return;
    }
    entry.weight = entryWeight;
    weight += entryWeight;
    Iterator<Map.Entry<K, Entry<V>>> eldest = entries.entrySet().iterator();
    while ((weight > maxWeight || entries.size() > maxEntries) && eldest.hasNext()) {
      Map.Entry<K, Entry<V>> next = eldest.next();
      if (next.getValue() != entry) {
        weight -= next.getValue().weight;
        eldest.remove();
      }
    }
  }
}
