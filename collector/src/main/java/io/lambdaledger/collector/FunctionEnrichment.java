package io.lambdaledger.collector;

import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.core.model.ProvisionedConcurrency;
import io.lambdaledger.db.FunctionUnknownStore;
import io.lambdaledger.db.FunctionUnknownStore.Aspect;
import io.lambdaledger.db.FunctionUnknownStore.Reason;
import io.lambdaledger.db.InventoryStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-function inventory reads that need one Lambda call per function — provisioned concurrency
 * ({@code ListProvisionedConcurrencyConfigs}) and, when the tagging API cannot be used, tags
 * ({@code ListTags}) — run here, on one background thread per shard, beside collection: the first
 * metrics never wait for them. Every call waits for the shard's Lambda rate limit (shared with the
 * inventory's ListFunctions). Until a function's aspect is read it is recorded as unknown ({@link
 * FunctionUnknownStore}), and a call that is denied or unsupported is recorded the same way, with
 * the call, the HTTP status and the AWS error code, and not tried again for a day.
 */
final class FunctionEnrichment implements AutoCloseable {

  /** One function to read, from the listing that named it. */
  record Task(FunctionSnapshot snapshot, boolean provisionedConcurrency, boolean tags) {}

  private record Queued(Instant observedAt, Task task) {}

  /** Functions written to the inventory at once. */
  static final int WRITE_BATCH = 50;

  /** How long a refused call is not tried again. */
  static final Duration REFUSAL_MEMORY = Duration.ofDays(1);

  private static final Logger LOG = LoggerFactory.getLogger(FunctionEnrichment.class);

  private final ShardContext context;
  private final InventoryReader reader;
  private final InventoryStore inventory;
  private final FunctionUnknownStore unknowns;
  private final Clock clock;
  private final Deque<Queued> queue = new ArrayDeque<>();
  private final Map<Aspect, AwsCallException> refused = new EnumMap<>(Aspect.class);
  private final Map<Aspect, Instant> refusedAt = new EnumMap<>(Aspect.class);
  private CallCounter calls = new CallCounter();
  private Thread worker;
  private boolean busy;
  private boolean closed;

  FunctionEnrichment(
      ShardContext context,
      ShardClients clients,
      InventoryStore inventory,
      FunctionUnknownStore unknowns,
      Clock clock) {
    this.context = context;
    this.inventory = inventory;
    this.unknowns = unknowns;
    this.clock = clock;
    this.reader = new InventoryReader(clients, context.lambdaLimiter, new CallCounter());
  }

  /** Queues functions to read (a function already queued is read once, from the newer listing). */
  synchronized void submit(Instant observedAt, List<Task> tasks) {
    if (closed || tasks.isEmpty()) {
      return;
    }
    Set<String> names = new TreeSet<>();
    tasks.forEach(task -> names.add(task.snapshot().key().name()));
    queue.removeIf(queued -> names.contains(queued.task().snapshot().key().name()));
    tasks.forEach(task -> queue.add(new Queued(observedAt, task)));
    if (worker == null) {
      worker = Thread.ofVirtual().name("enrichment-" + context.shard.key()).start(this::work);
    }
    notifyAll();
  }

  /** Records the functions' aspect as not yet known (until their read is done). */
  void markPending(List<String> names, Aspect aspect, Instant since) {
    if (!names.isEmpty()) {
      mark(names, aspect, Reason.PENDING, "read beside collection, not yet done", since);
    }
  }

  /** Records the shard's functions' aspect as unknown, for {@code reason}, since {@code at}. */
  private void mark(List<String> names, Aspect aspect, Reason reason, String detail, Instant at) {
    unknowns.mark(
        context.shard.accountId(), context.shard.region(), names, aspect, reason, detail, at);
  }

  /** Functions whose aspect is still to read: pending, or failed for a passing reason. */
  Set<String> unknown(Aspect aspect) {
    Set<String> names = new TreeSet<>();
    for (FunctionUnknownStore.Unknown row :
        unknowns.list(context.shard.accountId(), context.shard.region())) {
      if (row.aspect() == aspect
          && (row.reason() == Reason.PENDING || row.reason() == Reason.FAILED)) {
        names.add(row.functionName());
      }
    }
    return names;
  }

  /** Functions still to read. */
  synchronized int pending() {
    return queue.size() + (busy ? 1 : 0);
  }

  /**
   * Waits until every queued function is read (or the time is up).
   *
   * @return whether everything was read
   */
  synchronized boolean awaitIdle(Duration atMost) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (!queue.isEmpty() || busy) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** Calls made since the last time they were taken (to add them to a run's count). */
  synchronized CallCounter takeCalls() {
    CallCounter taken = calls;
    calls = new CallCounter();
    return taken;
  }

  /** What cannot be read at all, one line per refused call, or null when everything can. */
  synchronized String unread() {
    if (refused.isEmpty()) {
      return null;
    }
    List<String> lines = new ArrayList<>();
    refused.forEach(
        (aspect, failure) ->
            lines.add(failure.getMessage() + " (" + affects(aspect) + " not known)"));
    return String.join("; ", lines);
  }

  /** Whether this aspect's call was refused within the last day (so it is not asked now). */
  synchronized boolean refused(Aspect aspect) {
    Instant at = refusedAt.get(aspect);
    if (at != null && at.isBefore(clock.instant().minus(REFUSAL_MEMORY))) {
      refused.remove(aspect);
      refusedAt.remove(aspect);
      return false;
    }
    return at != null;
  }

  private void work() {
    while (true) {
      List<Queued> batch = next();
      if (batch == null) {
        return;
      }
      try {
        read(batch);
      } catch (RuntimeException e) {
        LOG.warn(
            "shard={} event=enrichment-failed functions={} error=\"{}\"",
            context.shard,
            batch.size(),
            WindowCollector.rootMessage(e));
      } finally {
        synchronized (this) {
          busy = false;
          notifyAll();
        }
      }
    }
  }

  /** The next functions of one listing, up to a write batch; null once closed. */
  private synchronized List<Queued> next() {
    while (queue.isEmpty() && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        return null;
      }
    }
    if (closed) {
      return null;
    }
    List<Queued> batch = new ArrayList<>();
    Instant observedAt = queue.peek().observedAt();
    while (!queue.isEmpty()
        && batch.size() < WRITE_BATCH
        && queue.peek().observedAt().equals(observedAt)) {
      batch.add(queue.poll());
    }
    busy = true;
    return batch;
  }

  private void read(List<Queued> batch) {
    Instant observedAt = batch.get(0).observedAt();
    List<FunctionSnapshot> read = new ArrayList<>();
    Map<Aspect, List<String>> known = new EnumMap<>(Aspect.class);
    Map<Aspect, List<String>> refusedNames = new EnumMap<>(Aspect.class);
    Map<Aspect, List<String>> failedNames = new EnumMap<>(Aspect.class);
    Map<Aspect, String> failure = new EnumMap<>(Aspect.class);
    for (Queued queued : batch) {
      Task task = queued.task();
      FunctionSnapshot snapshot = task.snapshot();
      String name = snapshot.key().name();
      List<ProvisionedConcurrency> provisioned = snapshot.provisionedConcurrency();
      Map<String, String> tags = snapshot.tags();
      boolean changed = false;
      if (task.provisionedConcurrency()) {
        try {
          provisioned = readAspect(Aspect.PROVISIONED_CONCURRENCY, name, snapshot);
          known.computeIfAbsent(Aspect.PROVISIONED_CONCURRENCY, a -> new ArrayList<>()).add(name);
          changed = true;
        } catch (AwsCallException e) {
          sortFailure(Aspect.PROVISIONED_CONCURRENCY, name, e, refusedNames, failedNames, failure);
        }
      }
      if (task.tags()) {
        try {
          tags = readTags(name, snapshot);
          known.computeIfAbsent(Aspect.TAGS, a -> new ArrayList<>()).add(name);
          changed = true;
        } catch (AwsCallException e) {
          sortFailure(Aspect.TAGS, name, e, refusedNames, failedNames, failure);
        }
      }
      if (changed) {
        read.add(
            new FunctionSnapshot(
                snapshot.key(),
                snapshot.arn(),
                snapshot.runtime(),
                snapshot.packageType(),
                snapshot.configuration(),
                tags,
                provisioned,
                snapshot.lastModified()));
      }
    }
    if (!read.isEmpty()) {
      inventory.recordListing(
          new InventoryListing(
              context.shard.accountId(), context.shard.region(), observedAt, read, false));
    }
    Instant now = clock.instant();
    known.forEach(
        (aspect, names) ->
            unknowns.resolve(context.shard.accountId(), context.shard.region(), names, aspect));
    refusedNames.forEach(
        (aspect, names) -> {
          AwsCallException refusal = refusal(aspect);
          mark(
              names,
              aspect,
              refusal != null && refusal.denied() ? Reason.DENIED : Reason.UNSUPPORTED,
              refusal == null ? null : refusal.getMessage(),
              now);
        });
    failedNames.forEach(
        (aspect, names) -> mark(names, aspect, Reason.FAILED, failure.get(aspect), now));
  }

  private List<ProvisionedConcurrency> readAspect(
      Aspect aspect, String name, FunctionSnapshot snapshot) {
    AwsCallException refusal = refusal(aspect);
    if (refusal != null) {
      throw refusal;
    }
    try {
      CallCounter counter = new CallCounter();
      List<ProvisionedConcurrency> configs = reader.provisionedConcurrency(name, counter);
      addCalls(counter);
      return configs;
    } catch (AwsCallException e) {
      addCall("ListProvisionedConcurrencyConfigs");
      throw e;
    }
  }

  private Map<String, String> readTags(String name, FunctionSnapshot snapshot) {
    AwsCallException refusal = refusal(Aspect.TAGS);
    if (refusal != null) {
      throw refusal;
    }
    addCall("ListTags");
    return reader.listTags(snapshot.arn());
  }

  private void sortFailure(
      Aspect aspect,
      String name,
      AwsCallException e,
      Map<Aspect, List<String>> refusedNames,
      Map<Aspect, List<String>> failedNames,
      Map<Aspect, String> failure) {
    if (e.denied() || e.unsupported()) {
      boolean first = remember(aspect, e);
      if (first) {
        LOG.warn(
            "shard={} event=enrichment-refused {} affects=\"{}\": metrics are collected all the"
                + " same",
            context.shard,
            e.getMessage(),
            affects(aspect));
      }
      refusedNames.computeIfAbsent(aspect, a -> new ArrayList<>()).add(name);
    } else {
      failedNames.computeIfAbsent(aspect, a -> new ArrayList<>()).add(name);
      failure.put(aspect, e.getMessage());
    }
  }

  private synchronized AwsCallException refusal(Aspect aspect) {
    return refused(aspect) ? refused.get(aspect) : null;
  }

  private synchronized boolean remember(Aspect aspect, AwsCallException e) {
    boolean first = !refused.containsKey(aspect);
    if (first) {
      refused.put(aspect, e);
      refusedAt.put(aspect, clock.instant());
    }
    return first;
  }

  private synchronized void addCalls(CallCounter counter) {
    calls.addAll(counter);
  }

  private synchronized void addCall(String operation) {
    calls.call(operation);
  }

  static String affects(Aspect aspect) {
    return switch (aspect) {
      case PROVISIONED_CONCURRENCY -> "provisioned concurrency (its cost and the spill-over split)";
      case TAGS -> "tags (grouping and filtering by tag)";
    };
  }

  @Override
  public synchronized void close() {
    closed = true;
    queue.clear();
    notifyAll();
    if (worker != null) {
      worker.interrupt();
    }
  }
}
