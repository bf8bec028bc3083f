package io.lambdaledger.collector;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.db.FunctionUnknownStore.Aspect;
import io.lambdaledger.db.InventoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory of one shard: what the store holds, refreshed from Lambda when it is older than the
 * inventory interval or when CloudWatch names a function the store does not know. A refresh makes
 * only the calls that page through the shard (ListFunctions, GetResources); what needs one call per
 * function (provisioned concurrency, tags without the tagging API) is queued for {@link
 * FunctionEnrichment}, which reads it beside collection.
 */
final class ShardInventory {

  /** How often provisioned concurrency is read for every function of a shard (spread out). */
  static final Duration FULL_PROVISIONED_CONCURRENCY_SWEEP = Duration.ofDays(1);

  private static final Logger LOG = LoggerFactory.getLogger(ShardInventory.class);

  private final ShardContext context;
  private final ShardClients clients;
  private final InventoryStore store;
  private final Duration inventoryInterval;
  private final CallCounter counter;
  private Map<String, LambdaFunction> functions;
  private boolean refreshed;

  ShardInventory(
      ShardContext context,
      ShardClients clients,
      InventoryStore store,
      Duration inventoryInterval,
      CallCounter counter) {
    this.context = context;
    this.clients = clients;
    this.store = store;
    this.inventoryInterval = inventoryInterval;
    this.counter = counter;
  }

  /** The shard's functions by name (deleted ones too), refreshed first if the store's are old. */
  Map<String, LambdaFunction> functions(Instant now) {
    if (functions == null) {
      functions = stored();
    }
    if (!refreshed && isDueAt(now)) {
      refresh(now, null);
    }
    return functions;
  }

  /** Lists the shard now. */
  void refreshNow(Instant now) {
    current();
    refresh(now, null);
  }

  /** The shard's functions as the store holds them, without listing the shard. */
  Map<String, LambdaFunction> current() {
    if (functions == null) {
      functions = stored();
    }
    return functions;
  }

  /** Whether this run has not listed the shard yet and the stored inventory is old. */
  boolean isDue(Instant now) {
    current();
    return !refreshed && isDueAt(now);
  }

  /** Whether this run has listed the shard already. */
  boolean refreshed() {
    return refreshed;
  }

  /**
   * Lists the shard now, writing the functions to the store as ListFunctions pages arrive (each
   * write takes every page that arrived while the previous one was written, so writes keep up with
   * the listing whatever its size) and handing each write's names to {@code written}, so their
   * metrics can be read before the whole shard is listed. Then records the complete listing (which
   * marks the functions it lacks as deleted and corrects tags GetResources had not listed yet when
   * a page was written) and queues the per-function reads, as a plain refresh does.
   */
  void refreshStreaming(Instant now, Consumer<List<String>> written) {
    current();
    refresh(now, written);
  }

  /** Lists the shard again (once per run) if any of the names is unknown. */
  Map<String, LambdaFunction> knowing(Set<String> names, Instant now) {
    Map<String, LambdaFunction> known = functions(now);
    if (!refreshed && !known.keySet().containsAll(names)) {
      refresh(now, null);
    }
    return functions;
  }

  /** The longest timeout of the shard's current functions, or Lambda's maximum if none known. */
  Duration longestTimeout(Instant now) {
    return functions(now).values().stream()
        .filter(function -> !function.isDeleted())
        .map(function -> Duration.ofSeconds(function.configuration().timeoutSeconds()))
        .max(Duration::compareTo)
        .orElse(FinalityHorizon.MAX_LAMBDA_TIMEOUT);
  }

  private boolean isDueAt(Instant now) {
    Instant newest =
        functions.values().stream()
            .map(LambdaFunction::lastSeen)
            .max(Instant::compareTo)
            .orElse(null);
    return newest == null || !newest.isAfter(now.minus(inventoryInterval));
  }

  private void refresh(Instant now, Consumer<List<String>> written) {
    Map<String, LambdaFunction> before = functions;
    InventoryReader reader =
        new InventoryReader(clients, context.lambdaLimiter, context.taggingLimiter, counter);
    InventoryReader.Pass pass;
    if (written == null) {
      pass = reader.read(before);
    } else {
      PageWriter pages = new PageWriter(now, written);
      try {
        pass = reader.read(before, pages::add);
      } catch (RuntimeException e) {
        pages.stop();
        throw e;
      }
      pages.finish();
    }
    var update =
        store.recordListing(
            new InventoryListing(
                context.shard.accountId(), context.shard.region(), now, pass.functions(), true));
    refreshed = true;
    functions = stored();
    context.taggingProblem(pass.taggingProblem());
    int queued = enrich(now, pass, before);
    LOG.info(
        "shard={} event=inventory functions={} update={} enrichmentQueued={}",
        context.shard,
        pass.functions().size(),
        update,
        queued);
  }

  /**
   * Queues the per-function reads beside collection: provisioned concurrency for new functions,
   * functions still unknown, functions that have it or that CloudWatch lists its metrics for, and
   * the slice of the daily sweep due since the last pass (each function's hour of the day is fixed
   * by its name, so the sweep is spread over the day); tags for every function when the tagging API
   * cannot be used. Returns the functions queued.
   */
  private int enrich(Instant now, InventoryReader.Pass pass, Map<String, LambdaFunction> before) {
    FunctionEnrichment enrichment = context.enrichment();
    if (enrichment == null) {
      return 0;
    }
    Set<String> unknown = enrichment.unknown(Aspect.PROVISIONED_CONCURRENCY);
    Set<String> likely = new HashSet<>();
    before.forEach(
        (name, function) -> {
          if (!function.provisionedConcurrency().isEmpty()) {
            likely.add(name);
          }
        });
    likely.addAll(
        new ActiveFunctionFinder(clients.cloudWatch(), context.cloudWatchLimiter, counter)
            .functionsWith(List.of(LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS), false));
    Set<Integer> hours = sweepHoursDue(context.provisionedConcurrencySweptTo(), now);
    List<FunctionEnrichment.Task> tasks = new ArrayList<>();
    List<String> newForProvisioned = new ArrayList<>();
    List<String> newForTags = new ArrayList<>();
    for (FunctionSnapshot snapshot : pass.functions()) {
      String name = snapshot.key().name();
      boolean isNew = !before.containsKey(name);
      boolean provisioned =
          isNew
              || unknown.contains(name)
              || likely.contains(name)
              || hours.contains(sweepHour(name));
      boolean tags = !pass.tagsFromTaggingApi();
      if (provisioned || tags) {
        tasks.add(new FunctionEnrichment.Task(snapshot, provisioned, tags));
      }
      if (isNew) {
        newForProvisioned.add(name);
        if (tags) {
          newForTags.add(name);
        }
      }
    }
    enrichment.markPending(newForProvisioned, Aspect.PROVISIONED_CONCURRENCY, now);
    enrichment.markPending(newForTags, Aspect.TAGS, now);
    enrichment.submit(now, tasks);
    context.provisionedConcurrencySweptTo(now);
    return tasks.size();
  }

  /** The hour of the day (UTC) a function's provisioned concurrency is swept at. */
  static int sweepHour(String functionName) {
    return Math.floorMod(functionName.hashCode(), 24);
  }

  /**
   * Hours of the day whose sweep slice falls due in {@code (sweptTo, now]}: every hour after a day
   * or more, the current hour on the first pass.
   */
  static Set<Integer> sweepHoursDue(Instant sweptTo, Instant now) {
    long nowHour = Math.floorDiv(now.getEpochSecond(), 3600);
    long fromHour = sweptTo == null ? nowHour - 1 : Math.floorDiv(sweptTo.getEpochSecond(), 3600);
    Set<Integer> hours = new HashSet<>();
    for (long hour = Math.max(fromHour + 1, nowHour - 23); hour <= nowHour; hour++) {
      hours.add((int) Math.floorMod(hour, 24L));
    }
    return hours;
  }

  /**
   * Writes ListFunctions pages to the store as they arrive, on a thread of its own so the listing
   * never waits for the database: each write takes every page queued since the previous one (a
   * partial listing: it marks nothing deleted).
   */
  private final class PageWriter {

    private final Instant observedAt;
    private final Consumer<List<String>> written;
    private final List<FunctionSnapshot> queued = new ArrayList<>();
    private final Thread thread;
    private boolean listed;
    private RuntimeException failure;

    PageWriter(Instant observedAt, Consumer<List<String>> written) {
      this.observedAt = observedAt;
      this.written = written;
      this.thread =
          Thread.ofVirtual().name("inventory-pages-" + context.shard.key()).start(this::work);
    }

    /** Queues a page; throws if a write failed (the listing stops). */
    synchronized void add(List<FunctionSnapshot> page) {
      if (failure != null) {
        throw failure;
      }
      queued.addAll(page);
      notifyAll();
    }

    /** Writes what is queued, waits for it, and throws if a write failed. */
    void finish() {
      synchronized (this) {
        listed = true;
        notifyAll();
      }
      join();
      synchronized (this) {
        if (failure != null) {
          throw failure;
        }
      }
    }

    /** Drops what is queued and waits for the write in progress (the listing failed). */
    void stop() {
      synchronized (this) {
        queued.clear();
        listed = true;
        notifyAll();
      }
      join();
    }

    private void join() {
      CollectionInterruptedException.joinListing(thread);
    }

    private void work() {
      while (true) {
        List<FunctionSnapshot> batch;
        synchronized (this) {
          while (queued.isEmpty() && !listed) {
            try {
              wait();
            } catch (InterruptedException e) {
              failure = new CollectionInterruptedException("interrupted while listing", e);
              return;
            }
          }
          if (queued.isEmpty()) {
            return;
          }
          batch = List.copyOf(queued);
          queued.clear();
        }
        try {
          store.recordListing(
              new InventoryListing(
                  context.shard.accountId(), context.shard.region(), observedAt, batch, false));
        } catch (RuntimeException e) {
          synchronized (this) {
            failure = e;
          }
          return;
        }
        written.accept(batch.stream().map(snapshot -> snapshot.key().name()).toList());
      }
    }
  }

  private Map<String, LambdaFunction> stored() {
    Map<String, LambdaFunction> byName = new HashMap<>();
    for (LambdaFunction function :
        store.listFunctions(AccountScope.only(List.of(context.shard.accountId())), true)) {
      if (function.key().region().equals(context.shard.region())) {
        byName.put(function.key().name(), function);
      }
    }
    return byName;
  }
}
