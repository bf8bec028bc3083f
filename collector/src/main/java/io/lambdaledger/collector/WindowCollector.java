package io.lambdaledger.collector;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.model.MetricSample;
import io.lambdaledger.db.MetricSampleStore;
import io.lambdaledger.db.SampleWrite;
import io.lambdaledger.db.UsageRollupStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Reads one window of one shard: finds the active functions, plans the GetMetricData calls, runs
 * them a few at a time, and as soon as all of a function's metrics are in, upserts its samples and
 * recomputes its hourly and daily rollups for the window (so database work overlaps the calls still
 * waiting on CloudWatch).
 */
record WindowCollector(
    ShardContext context,
    ShardClients clients,
    MetricSampleStore sampleStore,
    UsageRollupStore rollupStore,
    CallCounter counter,
    int callsInFlight) {

  /** What reading a window did. */
  record Outcome(
      int activeFunctions,
      int queries,
      long seriesListed,
      long samplesWritten,
      Set<FunctionKey> touched,
      List<String> problems,
      Timings timings) {

    boolean complete() {
      return problems.isEmpty();
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(WindowCollector.class);

  /** How often ids that came back PartialData or InternalError are asked for again. */
  static final int MAX_REREQUESTS = 3;

  /** What the run's loop waits for. */
  private sealed interface Event {}

  /** The inventory has these functions stored (their metrics can be read and stored). */
  private record Written(List<String> names) implements Event {}

  /** The inventory listing is over: every function it will write is written, or it failed. */
  private record Listed(RuntimeException failure) implements Event {}

  /** A GetMetricData call (with its writes) is done. */
  private record CallDone(boolean firstPhase, Throwable failure) implements Event {}

  /**
   * Reads and stores the window.
   *
   * <p>When the shard's inventory must be listed (it is due, or CloudWatch lists functions it does
   * not know), its ListFunctions pages are written as they arrive and each function's metrics are
   * read as soon as its configuration is stored, so the first metrics never wait for the whole
   * listing (at 10 calls a second, 50 functions a page, 50,000 functions take 100 s to list). A
   * function is never read before its page is stored: its samples need its row, its rollups its
   * configuration as this listing found it.
   *
   * @param coverage how far ListMetrics vouches for the window ({@link MetricSelection})
   */
  Outcome collect(
      TimeWindow window,
      Duration period,
      MetricSelection.Coverage coverage,
      ShardInventory inventory,
      Instant now) {
    Timings timings = new Timings();
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    InventoryStream stream = null;
    // what the store holds before any listing of this run (read here, before a listing thread
    // starts replacing it)
    Map<String, LambdaFunction> known;
    if (coverage == MetricSelection.Coverage.UNVOUCHED) {
      // every known function is a candidate: list the shard (if due) before choosing
      known = inventory.functions(now);
    } else {
      known = inventory.current();
      if (inventory.isDue(now)) {
        // ListFunctions pages beside the ListMetrics listing (each under its own service's limit)
        stream = new InventoryStream(inventory, now, events);
      }
    }
    try {
      long listStarted = System.nanoTime();
      SeriesListing listing =
          new ActiveFunctionFinder(clients.cloudWatch(), context.cloudWatchLimiter, counter)
              .list(MetricSelection.LISTED, coverage == MetricSelection.Coverage.LISTED);
      timings.list.add(System.nanoTime() - listStarted);
      Set<String> names = listing.functions();
      if (coverage == MetricSelection.Coverage.UNVOUCHED) {
        known = inventory.knowing(names, now);
      } else if (stream == null && !inventory.refreshed() && !known.keySet().containsAll(names)) {
        stream = new InventoryStream(inventory, now, events);
      }
      Set<String> selected = new TreeSet<>(names);
      if (coverage == MetricSelection.Coverage.UNVOUCHED) {
        selected.addAll(known.keySet());
      }
      List<String> unknown = new ArrayList<>();
      Set<String> candidates = new TreeSet<>();
      Set<String> withProvisionedConcurrency = new TreeSet<>();
      for (String name : selected) {
        LambdaFunction function = known.get(name);
        if (function == null && stream == null) {
          unknown.add(name);
        } else {
          // while the shard is listed, an unknown function may be on a page still to come
          candidates.add(name);
          if (function != null && !function.provisionedConcurrency().isEmpty()) {
            withProvisionedConcurrency.add(name);
          }
        }
      }
      warnNotInInventory(unknown);
      MetricSelection.Plan plan =
          MetricSelection.plan(coverage, listing, candidates, withProvisionedConcurrency);
      long seriesListed =
          coverage == MetricSelection.Coverage.LISTED ? listing.seriesCount() : plan.mostQueries();
      if (plan.first().isEmpty() || window.isEmpty()) {
        if (stream != null) {
          stream.await();
        }
        return new Outcome(0, 0, seriesListed, 0, Set.of(), List.of(), timings);
      }
      if (stream == null) {
        events.add(new Written(List.copyOf(candidates)));
        events.add(new Listed(null));
      }
      Outcome outcome = new PlanRun(plan, window, period, now, timings, seriesListed, events).run();
      if (stream != null) {
        stream.await();
      }
      return outcome;
    } finally {
      if (stream != null) {
        stream.stop();
      }
    }
  }

  private void warnNotInInventory(List<String> unknown) {
    if (!unknown.isEmpty()) {
      LOG.warn(
          "shard={} event=functions-not-in-inventory count={} first={}: their metrics are skipped",
          context.shard,
          unknown.size(),
          unknown.get(0));
    }
  }

  /** The shard's listing, on a thread of its own, telling the run which functions are stored. */
  private static final class InventoryStream {

    private final Thread thread;
    private volatile RuntimeException failure;

    InventoryStream(ShardInventory inventory, Instant now, BlockingQueue<Event> events) {
      inventory.current();
      this.thread =
          Thread.ofVirtual()
              .name("inventory-stream")
              .start(
                  () -> {
                    RuntimeException failed = null;
                    try {
                      inventory.refreshStreaming(now, names -> events.add(new Written(names)));
                    } catch (RuntimeException e) {
                      failed = e;
                    }
                    failure = failed;
                    events.add(new Listed(failed));
                  });
    }

    /** Waits for the listing to end; throws its failure (the run fails as it did before). */
    void await() {
      CollectionInterruptedException.joinListing(thread);
      if (failure != null) {
        throw failure;
      }
    }

    /** Ends the listing if the run ends first (it failed or was interrupted), and waits for it. */
    void stop() {
      if (thread.isAlive()) {
        thread.interrupt();
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * One plan's calls: the first requests as their functions are stored in the inventory, in full
   * calls while the listing goes on, the follow-ups as their functions qualify.
   */
  private final class PlanRun {

    private final MetricSelection.Plan plan;
    private final TimeWindow window;
    private final Duration period;
    private final Instant collectedAt;
    private final Timings timings;
    private final long seriesListed;
    private final BlockingQueue<Event> events;
    private final MetricDataReader reader =
        new MetricDataReader(
            clients.cloudWatch(), context.cloudWatchLimiter, counter, MAX_REREQUESTS);
    private final SampleAssembler firstAssembler;
    private final SampleAssembler followUpAssembler = new SampleAssembler(Map.of());

    /** Each first-phase function's position in the plan (its query ids), until it is stored. */
    private final Map<String, Integer> notYetStored = new HashMap<>();

    /** First-phase queries of stored functions, not yet in a call. */
    private final List<MetricQuery> firstQueries = new ArrayList<>();

    /** First-phase data of functions waiting for their follow-up metrics. */
    private final Map<String, SampleAssembler.FunctionData> held = new ConcurrentHashMap<>();

    /** First-phase data that qualified for follow-ups, not yet planned. */
    private final java.util.Queue<SampleAssembler.FunctionData> qualified =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final AtomicLong written = new AtomicLong();
    private final Set<FunctionKey> touched = ConcurrentHashMap.newKeySet();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger followUpQueries = new AtomicInteger();
    private final List<Future<?>> all = new ArrayList<>();
    private int followUpIndex;
    private int activeFunctions;
    private int firstPhaseQueries;
    private int callsOpen;
    private int firstCallsOpen;

    PlanRun(
        MetricSelection.Plan plan,
        TimeWindow window,
        Duration period,
        Instant collectedAt,
        Timings timings,
        long seriesListed,
        BlockingQueue<Event> events) {
      this.plan = plan;
      this.window = window;
      this.period = period;
      this.collectedAt = collectedAt;
      this.timings = timings;
      this.seriesListed = seriesListed;
      this.events = events;
      Map<String, Integer> metricsPerFunction = HashMap.newHashMap(plan.first().size());
      for (int index = 0; index < plan.first().size(); index++) {
        ActiveFunction function = plan.first().get(index);
        metricsPerFunction.put(function.name(), function.metrics().size());
        notYetStored.put(function.name(), index);
      }
      this.firstAssembler = new SampleAssembler(metricsPerFunction);
    }

    Outcome run() {
      boolean listed = false;
      try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, callsInFlight))) {
        while (true) {
          submitFirst(pool, listed);
          for (MetricBatch followUp : followUps(listed && firstCallsOpen == 0)) {
            submit(pool, false, () -> readFollowUp(followUp));
          }
          if (listed && callsOpen == 0) {
            break;
          }
          Event event = take();
          if (event instanceof Written stored) {
            stored(stored.names());
          } else if (event instanceof Listed end) {
            listed = true;
            if (end.failure() != null) {
              // the run fails with the listing's error (thrown by the caller)
              all.forEach(other -> other.cancel(true));
              break;
            }
            notInInventory();
          } else if (event instanceof CallDone done) {
            callsOpen--;
            if (done.firstPhase()) {
              firstCallsOpen--;
            }
            if (done.failure() != null) {
              problems.add(rootMessage(done.failure()));
              all.forEach(other -> other.cancel(true));
              break;
            }
          }
        }
      }
      int pending = firstAssembler.pendingCount() + followUpAssembler.pendingCount() + held.size();
      if (pending > 0 && problems.isEmpty()) {
        problems.add(pending + " functions without all their metrics");
      }
      return new Outcome(
          activeFunctions,
          firstPhaseQueries + followUpQueries.get(),
          seriesListed,
          written.get(),
          Set.copyOf(touched),
          List.copyOf(problems),
          timings);
    }

    /** Queues the first-phase queries of functions the inventory has just stored. */
    private void stored(List<String> names) {
      for (String name : names) {
        Integer index = notYetStored.remove(name);
        if (index == null) {
          continue;
        }
        ActiveFunction function = plan.first().get(index);
        activeFunctions++;
        for (LambdaMetric metric : function.metrics()) {
          firstQueries.add(new MetricQuery(MetricQuery.idFor(index, metric), name, metric));
        }
      }
    }

    /** Functions CloudWatch lists that the complete listing did not contain: skipped. */
    private void notInInventory() {
      List<String> skipped = new ArrayList<>(new TreeSet<>(notYetStored.keySet()));
      notYetStored.clear();
      warnNotInInventory(skipped);
    }

    /**
     * Calls for the queued first-phase queries: full calls only while the listing goes on (so the
     * calls stay at their lower bound), the rest once it is over.
     */
    private void submitFirst(ExecutorService pool, boolean flush) {
      List<TimeWindow> slices =
          window.split(period.multipliedBy(QueryPlanner.MAX_DATAPOINTS_PER_CALL));
      int perCall = QueryPlanner.MAX_QUERIES_PER_CALL;
      for (TimeWindow slice : slices) {
        perCall = Math.min(perCall, QueryPlanner.queriesPerCall(slice.periods(period)));
      }
      while (firstQueries.size() >= perCall || (flush && !firstQueries.isEmpty())) {
        int size = Math.min(perCall, firstQueries.size());
        List<MetricQuery> call = List.copyOf(firstQueries.subList(0, size));
        firstQueries.subList(0, size).clear();
        firstPhaseQueries += call.size();
        for (TimeWindow slice : slices) {
          MetricBatch batch = new MetricBatch(slice, period, call);
          submit(pool, true, () -> readFirst(batch));
        }
      }
    }

    private void submit(ExecutorService pool, boolean firstPhase, Runnable call) {
      callsOpen++;
      if (firstPhase) {
        firstCallsOpen++;
      }
      all.add(
          pool.submit(
              () -> {
                Throwable failure = null;
                try {
                  call.run();
                } catch (Throwable e) {
                  failure = e;
                } finally {
                  events.add(new CallDone(firstPhase, failure));
                }
              }));
    }

    private Event take() {
      try {
        return events.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        all.forEach(other -> other.cancel(true));
        throw new CollectionInterruptedException("interrupted while collecting " + window, e);
      }
    }

    private void readFirst(MetricBatch batch) {
      List<SampleAssembler.FunctionData> complete = firstAssembler.accept(read(batch));
      List<SampleAssembler.FunctionData> finished = new ArrayList<>();
      for (SampleAssembler.FunctionData data : complete) {
        if (plan.afterInvocations().containsKey(data.functionName()) && data.hadInvocations()) {
          held.put(heldKey(data), data);
          qualified.add(data);
        } else {
          finished.add(data);
        }
      }
      store(finished);
    }

    private void readFollowUp(MetricBatch batch) {
      List<SampleAssembler.FunctionData> finished = new ArrayList<>();
      for (SampleAssembler.FunctionData data : followUpAssembler.accept(read(batch))) {
        SampleAssembler.FunctionData first = held.remove(heldKey(data));
        finished.add(first == null ? data : first.with(data));
      }
      store(finished);
    }

    /**
     * Follow-up calls for the functions that qualified so far: full calls only, unless the first
     * phase is over and the rest must go too.
     */
    private List<MetricBatch> followUps(boolean flush) {
      List<MetricBatch> batches = new ArrayList<>();
      SampleAssembler.FunctionData data;
      while ((data = qualified.poll()) != null) {
        List<LambdaMetric> metrics = plan.afterInvocations().get(data.functionName());
        followUpAssembler.expect(data.functionName(), metrics.size());
        int index = followUpIndex++;
        List<MetricQuery> queries =
            pendingQueries.computeIfAbsent(data.window(), slice -> new ArrayList<>());
        for (LambdaMetric metric : metrics) {
          queries.add(
              new MetricQuery(MetricQuery.idFor(index, metric), data.functionName(), metric));
        }
      }
      for (Map.Entry<TimeWindow, List<MetricQuery>> entry : pendingQueries.entrySet()) {
        TimeWindow slice = entry.getKey();
        List<MetricQuery> queries = entry.getValue();
        int perCall = QueryPlanner.queriesPerCall(slice.periods(period));
        while (queries.size() >= perCall || (flush && !queries.isEmpty())) {
          int size = Math.min(perCall, queries.size());
          List<MetricQuery> call = new ArrayList<>(queries.subList(0, size));
          queries.subList(0, size).clear();
          followUpQueries.addAndGet(call.size());
          batches.add(new MetricBatch(slice, period, call));
        }
      }
      return batches;
    }

    private final Map<TimeWindow, List<MetricQuery>> pendingQueries = new LinkedHashMap<>();

    private MetricDataReader.BatchResult read(MetricBatch batch) {
      long readStarted = System.nanoTime();
      MetricDataReader.BatchResult result = reader.read(batch);
      timings.read.add(System.nanoTime() - readStarted);
      if (!result.isComplete()) {
        problems.add(
            result.incompleteIds().size()
                + " queries still incomplete and "
                + result.failedIds().size()
                + " refused after "
                + MAX_REREQUESTS
                + " re-requests");
      }
      for (MetricQuery query : batch.queries()) {
        if (!result
            .series()
            .series(query.id())
            .points()
            .subMap(batch.window().start(), true, batch.window().end(), false)
            .isEmpty()) {
          counter.seriesWithData(1);
        }
      }
      return result;
    }

    private void store(List<SampleAssembler.FunctionData> finished) {
      List<MetricSample> samples = new ArrayList<>();
      List<FunctionKey> complete = new ArrayList<>();
      for (SampleAssembler.FunctionData data : finished) {
        FunctionKey key =
            new FunctionKey(context.shard.accountId(), context.shard.region(), data.functionName());
        samples.addAll(toSamples(key, data, collectedAt));
        complete.add(key);
      }
      if (!samples.isEmpty()) {
        long writeStarted = System.nanoTime();
        SampleWrite write = sampleStore.upsert(samples);
        timings.write.add(System.nanoTime() - writeStarted);
        timings.stored();
        written.addAndGet(write.written());
      }
      if (!complete.isEmpty()) {
        // while other calls wait on CloudWatch, this one brings its rollups up to date
        long rollupStarted = System.nanoTime();
        rollupStore.recompute(complete, window.start(), window.end());
        timings.rollup.add(System.nanoTime() - rollupStarted);
        touched.addAll(complete);
      }
    }
  }

  private static String heldKey(SampleAssembler.FunctionData data) {
    return data.functionName() + '|' + data.window();
  }

  /** Where a window's time went (summed over threads), for the run's log line. */
  static final class Timings {
    final java.util.concurrent.atomic.LongAdder list = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder read = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder write = new java.util.concurrent.atomic.LongAdder();
    final java.util.concurrent.atomic.LongAdder rollup =
        new java.util.concurrent.atomic.LongAdder();
    private final long started = System.nanoTime();
    private final AtomicLong firstStored = new AtomicLong(-1);
    private final AtomicLong lastStored = new AtomicLong(-1);

    /** Notes that samples were committed now. */
    void stored() {
      long elapsed = System.nanoTime() - started;
      firstStored.compareAndSet(-1, elapsed);
      lastStored.accumulateAndGet(elapsed, Math::max);
    }

    @Override
    public String toString() {
      return "listMs="
          + list.sum() / 1_000_000
          + " readMs="
          + read.sum() / 1_000_000
          + " writeMs="
          + write.sum() / 1_000_000
          + " rollupMs="
          + rollup.sum() / 1_000_000
          + " firstStoredMs="
          + millis(firstStored.get())
          + " lastStoredMs="
          + millis(lastStored.get());
    }

    /** Milliseconds, or -1 when nothing was stored. */
    private static long millis(long nanos) {
      return nanos < 0 ? -1 : nanos / 1_000_000;
    }
  }

  /** One sample per period in which any metric has a datapoint; missing counters are zero. */
  static List<MetricSample> toSamples(
      FunctionKey key, SampleAssembler.FunctionData data, Instant collectedAt) {
    List<MetricSample> samples = new ArrayList<>();
    int periodSeconds = (int) data.period().toSeconds();
    for (Instant start : data.periodsWithData()) {
      Double duration = data.value(LambdaMetric.DURATION, start);
      MetricSample.Builder sample =
          MetricSample.builder(key, start, periodSeconds)
              .invocations(count(data, LambdaMetric.INVOCATIONS, start))
              .durationMsSum(duration == null ? BigDecimal.ZERO : BigDecimal.valueOf(duration))
              .errors(count(data, LambdaMetric.ERRORS, start))
              .throttles(count(data, LambdaMetric.THROTTLES, start))
              .deadLetterErrors(count(data, LambdaMetric.DEAD_LETTER_ERRORS, start))
              .provisionedConcurrencyInvocations(
                  count(data, LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, start))
              .provisionedConcurrencySpilloverInvocations(
                  count(data, LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, start))
              .collectedAt(collectedAt);
      for (LambdaMetric gauge : LambdaMetric.gauges()) {
        Double maximum = data.value(gauge, start);
        sample.maximum(gauge.gauge(), maximum == null ? null : BigDecimal.valueOf(maximum));
      }
      samples.add(sample.build());
    }
    return samples;
  }

  private static long count(SampleAssembler.FunctionData data, LambdaMetric metric, Instant start) {
    Double value = data.value(metric, start);
    return value == null ? 0 : Math.round(value);
  }

  /**
   * What went wrong, in one line: the call, its HTTP status and AWS error code when an AWS call
   * failed (never {@code null}), else the root cause.
   */
  static String rootMessage(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AwsCallException call) {
        return call.getMessage();
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
        String service = aws.awsErrorDetails().serviceName();
        return AwsCallException.of(
                service == null || service.isBlank() ? "AWS" : service, "call", aws)
            .getMessage();
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
