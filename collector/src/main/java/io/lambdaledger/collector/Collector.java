package io.lambdaledger.collector;

import io.lambdaledger.core.model.Account;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.FunctionUnknownStore;
import io.lambdaledger.db.HistoryStore;
import io.lambdaledger.db.InventoryStore;
import io.lambdaledger.db.MetricSampleStore;
import io.lambdaledger.db.UsageRollupStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's entry point: one cycle over every configured account and region ({@link
 * #runOnce}), one shard ({@link #runShard}), a backfill ({@link #backfill}) and retention ({@link
 * #applyRetention}). Thread-safe; a shard never runs twice at once in one process (a second request
 * waits), and across processes the scheduler's database lock keeps them apart.
 */
public final class Collector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

  /** A run still RUNNING this long after it started was left by a process that went away. */
  static final Duration STALE_RUN = Duration.ofHours(1);

  /** Longest a one-off run waits for the per-function reads after its metrics are stored. */
  public static final Duration ENRICHMENT_WAIT = Duration.ofHours(1);

  private final AwsClientFactory clientFactory;
  private final List<CollectionTarget> targets;
  private final CollectorSettings settings;
  private final Clock clock;
  private final InventoryStore inventoryStore;
  private final ShardCollector.Stores stores;
  private final MetricSampleStore sampleStore;
  private final RunRecorder runs;
  private final FunctionUnknownStore unknowns;
  private final CollectionBudget budget;
  private final String instance;
  private Map<Shard, ShardContext> contexts;
  private final Map<Shard, ShardClients> clients = new LinkedHashMap<>();

  /**
   * @param clientFactory owned by the caller (closed by it)
   * @param targets the configured accounts and regions
   */
  public Collector(
      Database database,
      AwsClientFactory clientFactory,
      List<CollectionTarget> targets,
      CollectorSettings settings,
      Clock clock) {
    this(database, clientFactory, targets, settings, clock, instanceName());
  }

  /**
   * @param instance names this process in the recorded runs (default: {@code host:pid})
   */
  public Collector(
      Database database,
      AwsClientFactory clientFactory,
      List<CollectionTarget> targets,
      CollectorSettings settings,
      Clock clock,
      String instance) {
    this.clientFactory = clientFactory;
    this.targets = List.copyOf(targets);
    this.settings = settings;
    this.clock = clock;
    this.inventoryStore = new InventoryStore(database.dsl());
    this.sampleStore = new MetricSampleStore(database.dsl());
    this.stores =
        new ShardCollector.Stores(
            inventoryStore,
            sampleStore,
            new UsageRollupStore(database.dsl(), clock),
            new HistoryStore(database.dsl(), clock));
    this.runs = new StoreRunRecorder(database);
    this.unknowns = new FunctionUnknownStore(database.dsl());
    this.budget = CollectionBudget.of(settings);
    this.instance = instance;
  }

  public CollectorSettings settings() {
    return settings;
  }

  /** The CloudWatch budget and the cadence it buys each shard. */
  public CollectionBudget budget() {
    return budget;
  }

  /**
   * Every account and region to collect. Accounts configured without an id (the default
   * credentials) are named by STS on first use.
   *
   * @throws CollectorSetupException if STS cannot name the default credentials' account
   */
  public synchronized List<Shard> shards() {
    return List.copyOf(contexts().keySet());
  }

  /**
   * One cycle over every shard, at most {@code maxConcurrentShards} at once. A shard's failure is
   * reported in its line, never thrown; look at {@link CycleReport#succeeded()}.
   */
  public CycleReport runOnce() {
    List<Shard> shards = shards();
    abandonStaleRuns();
    List<ShardReport> reports = new ArrayList<>();
    try (ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(settings.maxConcurrentShards(), shards.size())))) {
      List<Future<ShardReport>> futures = new ArrayList<>();
      for (Shard shard : shards) {
        futures.add(pool.submit(() -> runShard(shard)));
      }
      for (Future<ShardReport> future : futures) {
        reports.add(await(future));
      }
    }
    return new CycleReport(reports);
  }

  /** One cycle of one shard (waits if this process is already running it). */
  public ShardReport runShard(Shard shard) {
    ShardContext context = context(shard);
    context.running.lock();
    try {
      return collectorFor(context).cycle();
    } finally {
      context.running.unlock();
    }
  }

  /**
   * Reads {@code [from, to)} of every shard day by day, each day with the period its age allows.
   * Days already recorded as succeeded are skipped, so running the same backfill again resumes it.
   */
  public CycleReport backfill(Instant from, Instant to, Progress progress) {
    Instant now = clock.instant();
    List<BackfillPlan.Chunk> chunks = BackfillPlan.chunks(from, to, now, settings.period());
    List<Shard> shards = shards();
    abandonStaleRuns();
    List<ShardReport> reports = Collections.synchronizedList(new ArrayList<>());
    progress.start("backfill", (long) chunks.size() * shards.size());
    try (ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(settings.maxConcurrentShards(), shards.size())))) {
      List<Future<?>> futures = new ArrayList<>();
      for (Shard shard : shards) {
        futures.add(pool.submit(() -> backfillShard(shard, chunks, progress, reports)));
      }
      futures.forEach(Collector::await);
      // a backfill prices what it read: wait for the provisioned concurrency of new functions
      awaitEnrichment(ENRICHMENT_WAIT);
    } finally {
      progress.finish();
    }
    return new CycleReport(reports);
  }

  private void backfillShard(
      Shard shard, List<BackfillPlan.Chunk> chunks, Progress progress, List<ShardReport> reports) {
    if (chunks.isEmpty()) {
      return;
    }
    ShardContext context = context(shard);
    TimeWindow range =
        new TimeWindow(
            chunks.get(0).window().start(), chunks.get(chunks.size() - 1).window().end());
    Set<TimeWindow> done = runs.succeededWindows(shard, range);
    context.running.lock();
    try {
      ShardCollector collector = collectorFor(context);
      knowProvisionedConcurrencyFirst(context);
      for (BackfillPlan.Chunk chunk : chunks) {
        if (done.contains(chunk.window())) {
          progress.advance(1, shard + " " + chunk.window().start() + " (done before)");
          continue;
        }
        ShardReport report = collector.window(chunk.window(), chunk.period());
        reports.add(report);
        progress.advance(1, shard + " " + chunk.window().start());
      }
    } finally {
      context.running.unlock();
    }
  }

  /**
   * A backfill is priced as it is read, and days older than the metric listing ask for the
   * provisioned-concurrency counters of the functions the inventory knows to have it: so before its
   * first day it lists the shard (if due) and waits for the per-function reads that queues.
   */
  private void knowProvisionedConcurrencyFirst(ShardContext context) {
    inventoryOf(context).functions(clock.instant());
    FunctionEnrichment enrichment = context.enrichment();
    if (enrichment != null) {
      try {
        enrichment.awaitIdle(ENRICHMENT_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectionInterruptedException("interrupted while reading the inventory", e);
      }
    }
  }

  /** The shard's inventory, read outside a cycle (its calls are not counted in a run). */
  private ShardInventory inventoryOf(ShardContext context) {
    return new ShardInventory(
        context,
        clientsFor(context),
        inventoryStore,
        settings.inventoryInterval(),
        new CallCounter());
  }

  /**
   * Runs still RUNNING an hour after they started belong to a process that went away (killed,
   * crashed): they are marked ABANDONED so the record does not show them running for ever.
   */
  private void abandonStaleRuns() {
    Instant now = clock.instant();
    int abandoned = runs.abandonStale(now.minus(STALE_RUN), now);
    if (abandoned > 0) {
      LOG.info("event=runs-abandoned count={}", abandoned);
    }
  }

  /** Lists the shard's functions now, whether or not the inventory is due (benchmarks, demos). */
  void refreshInventory(Shard shard) {
    ShardContext context = context(shard);
    context.running.lock();
    try {
      inventoryOf(context).refreshNow(clock.instant());
    } finally {
      context.running.unlock();
    }
  }

  /** Deletes raw samples older than the retention; rollups are kept. Returns rows deleted. */
  public long applyRetention() {
    Instant cutoff = clock.instant().minus(Duration.ofDays(settings.sampleRetentionDays()));
    long deleted = sampleStore.deleteOlderThan(cutoff);
    if (deleted > 0) {
      LOG.info("event=retention cutoff={} samplesDeleted={}", cutoff, deleted);
    }
    return deleted;
  }

  private ShardCollector collectorFor(ShardContext context) {
    ShardClients shardClients = clientsFor(context);
    synchronized (this) {
      if (context.enrichment() == null) {
        context.enrichment(
            new FunctionEnrichment(context, shardClients, inventoryStore, unknowns, clock));
      }
    }
    return new ShardCollector(context, shardClients, stores, runs, settings, clock, instance);
  }

  /**
   * Waits until the per-function inventory reads queued by the cycles so far are done (a {@code
   * collect --once} process waits for them after its metrics are stored).
   *
   * @return whether they all finished within {@code atMost}
   */
  public boolean awaitEnrichment(Duration atMost) {
    Instant deadline = Instant.now().plus(atMost);
    List<ShardContext> all;
    synchronized (this) {
      all = contexts == null ? List.of() : List.copyOf(contexts.values());
    }
    for (ShardContext context : all) {
      FunctionEnrichment enrichment = context.enrichment();
      try {
        if (enrichment != null
            && !enrichment.awaitIdle(Duration.between(Instant.now(), deadline))) {
          return false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private synchronized ShardClients clientsFor(ShardContext context) {
    return clients.computeIfAbsent(
        context.shard, shard -> clientFactory.clientsFor(context.account, shard));
  }

  private synchronized ShardContext context(Shard shard) {
    ShardContext context = contexts().get(shard);
    if (context == null) {
      throw new IllegalArgumentException("not a configured account and region: " + shard);
    }
    return context;
  }

  private synchronized Map<Shard, ShardContext> contexts() {
    if (contexts == null) {
      Map<Shard, ShardContext> resolved = new LinkedHashMap<>();
      for (CollectionTarget target : targets) {
        String accountId;
        try {
          accountId = clientFactory.accountIdOf(target.account(), target.regions().get(0));
        } catch (RuntimeException e) {
          throw new CollectorSetupException(
              "cannot identify the account of the default credentials (STS GetCallerIdentity): "
                  + WindowCollector.rootMessage(e),
              e);
        }
        String payer = target.payerAccountId() == null ? accountId : target.payerAccountId();
        inventoryStore.upsertAccount(new Account(accountId, target.name(), payer));
        for (String region : target.regions()) {
          Shard shard = new Shard(accountId, region);
          resolved.put(
              shard,
              new ShardContext(shard, target.account(), target.name(), payer, settings, budget));
        }
      }
      contexts = resolved;
    }
    return contexts;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectionInterruptedException("interrupted while waiting for a shard", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** {@code host:pid} of this process. */
  public static String instanceName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + ":" + ProcessHandle.current().pid();
  }

  @Override
  public synchronized void close() {
    if (contexts != null) {
      contexts.values().stream()
          .map(ShardContext::enrichment)
          .filter(java.util.Objects::nonNull)
          .forEach(FunctionEnrichment::close);
    }
    clients.values().forEach(ShardClients::close);
    clients.clear();
  }
}
