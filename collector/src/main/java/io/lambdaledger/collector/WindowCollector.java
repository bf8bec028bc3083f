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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
final class WindowCollector {

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

  private final ShardContext context;
  private final ShardClients clients;
  private final MetricSampleStore sampleStore;
  private final UsageRollupStore rollupStore;
  private final CallCounter counter;
  private final int callsInFlight;

  WindowCollector(
      ShardContext context,
      ShardClients clients,
      MetricSampleStore sampleStore,
      UsageRollupStore rollupStore,
      CallCounter counter,
      int callsInFlight) {
    this.context = context;
    this.clients = clients;
    this.sampleStore = sampleStore;
    this.rollupStore = rollupStore;
    this.counter = counter;
    this.callsInFlight = callsInFlight;
  }

  /**
   * Reads and stores the window.
   *
   * @param coverage how far ListMetrics vouches for the window ({@link MetricSelection})
   */
  Outcome collect(
      TimeWindow window,
      Duration period,
      MetricSelection.Coverage coverage,
      ShardInventory inventory,
      Instant now) {
    long listStarted = System.nanoTime();
    SeriesListing listing =
        new ActiveFunctionFinder(clients.cloudWatch(), context.cloudWatchLimiter, counter)
            .list(MetricSelection.LISTED, coverage == MetricSelection.Coverage.LISTED);
    Timings timings = new Timings();
    timings.list.add(System.nanoTime() - listStarted);
    Set<String> names = listing.functions();
    Map<String, LambdaFunction> known = inventory.knowing(names, now);
    Set<String> selected = new TreeSet<>(names);
    if (coverage == MetricSelection.Coverage.UNVOUCHED) {
      selected.addAll(known.keySet());
    }
    List<String> unknown = new ArrayList<>();
    Set<String> candidates = new TreeSet<>();
    Set<String> withProvisionedConcurrency = new TreeSet<>();
    for (String name : selected) {
      LambdaFunction function = known.get(name);
      if (function == null) {
        unknown.add(name);
      } else {
        candidates.add(name);
        if (!function.provisionedConcurrency().isEmpty()) {
          withProvisionedConcurrency.add(name);
        }
      }
    }
    if (!unknown.isEmpty()) {
      LOG.warn(
          "shard={} event=functions-not-in-inventory count={} first={}: their metrics are skipped",
          context.shard,
          unknown.size(),
          unknown.get(0));
    }
    MetricSelection.Plan plan =
        MetricSelection.plan(coverage, listing, candidates, withProvisionedConcurrency);
    long seriesListed =
        coverage == MetricSelection.Coverage.LISTED ? listing.seriesCount() : plan.mostQueries();
    if (plan.first().isEmpty() || window.isEmpty()) {
      return new Outcome(0, 0, seriesListed, 0, Set.of(), List.of(), timings);
    }
    return new PlanRun(plan, window, period, now, timings, seriesListed).run();
  }

  /** One plan's calls: the first requests at once, the follow-ups as their functions qualify. */
  private final class PlanRun {

    private final MetricSelection.Plan plan;
    private final TimeWindow window;
    private final Duration period;
    private final Instant collectedAt;
    private final Timings timings;
    private final long seriesListed;
    private final MetricDataReader reader =
        new MetricDataReader(
            clients.cloudWatch(), context.cloudWatchLimiter, counter, MAX_REREQUESTS);
    private final SampleAssembler firstAssembler;
    private final SampleAssembler followUpAssembler = new SampleAssembler(Map.of());

    /** First-phase data of functions waiting for their follow-up metrics. */
    private final Map<String, SampleAssembler.FunctionData> held = new ConcurrentHashMap<>();

    /** First-phase data that qualified for follow-ups, not yet planned. */
    private final java.util.Queue<SampleAssembler.FunctionData> qualified =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final AtomicLong written = new AtomicLong();
    private final Set<FunctionKey> touched = ConcurrentHashMap.newKeySet();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger followUpQueries = new AtomicInteger();
    private int followUpIndex;

    PlanRun(
        MetricSelection.Plan plan,
        TimeWindow window,
        Duration period,
        Instant collectedAt,
        Timings timings,
        long seriesListed) {
      this.plan = plan;
      this.window = window;
      this.period = period;
      this.collectedAt = collectedAt;
      this.timings = timings;
      this.seriesListed = seriesListed;
      Map<String, Integer> metricsPerFunction = HashMap.newHashMap(plan.first().size());
      plan.first()
          .forEach(function -> metricsPerFunction.put(function.name(), function.metrics().size()));
      this.firstAssembler = new SampleAssembler(metricsPerFunction);
    }

    Outcome run() {
      List<MetricBatch> batches = QueryPlanner.plan(plan.first(), window, period);
      int threads = Math.max(1, Math.min(callsInFlight, batches.size()));
      List<Future<?>> all = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
        ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(pool);
        Set<Future<?>> firstPhase = new java.util.HashSet<>();
        for (MetricBatch batch : batches) {
          Future<?> future = done.submit(() -> readFirst(batch), null);
          firstPhase.add(future);
          all.add(future);
        }
        int outstanding = batches.size();
        while (outstanding > 0) {
          Future<?> future = take(done, all);
          outstanding--;
          firstPhase.remove(future);
          if (!awaited(future, all)) {
            break;
          }
          for (MetricBatch followUp : followUps(firstPhase.isEmpty())) {
            all.add(done.submit(() -> readFollowUp(followUp), null));
            outstanding++;
          }
        }
      }
      int pending = firstAssembler.pendingCount() + followUpAssembler.pendingCount() + held.size();
      if (pending > 0 && problems.isEmpty()) {
        problems.add(pending + " functions without all their metrics");
      }
      return new Outcome(
          plan.first().size(),
          QueryPlanner.queryCount(plan.first()) + followUpQueries.get(),
          seriesListed,
          written.get(),
          Set.copyOf(touched),
          List.copyOf(problems),
          timings);
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

    private Future<?> take(ExecutorCompletionService<Void> done, List<Future<?>> all) {
      try {
        return done.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        all.forEach(other -> other.cancel(true));
        throw new CollectionInterruptedException("interrupted while collecting " + window, e);
      }
    }

    /** False when the call failed: the others are cancelled and the failure recorded. */
    private boolean awaited(Future<?> future, List<Future<?>> all) {
      try {
        future.get();
        return true;
      } catch (ExecutionException e) {
        problems.add(rootMessage(e.getCause()));
        all.forEach(other -> other.cancel(true));
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        all.forEach(other -> other.cancel(true));
        throw new CollectionInterruptedException("interrupted while collecting " + window, e);
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

    @Override
    public String toString() {
      return "listMs="
          + list.sum() / 1_000_000
          + " readMs="
          + read.sum() / 1_000_000
          + " writeMs="
          + write.sum() / 1_000_000
          + " rollupMs="
          + rollup.sum() / 1_000_000;
    }
  }

  /** One sample per period in which any metric has a datapoint; missing counters are zero. */
  static List<MetricSample> toSamples(
      FunctionKey key, SampleAssembler.FunctionData data, Instant collectedAt) {
    List<MetricSample> samples = new ArrayList<>();
    int periodSeconds = (int) data.period().toSeconds();
    for (Instant start : data.periodsWithData()) {
      Double iteratorAge = data.value(LambdaMetric.ITERATOR_AGE, start);
      Double duration = data.value(LambdaMetric.DURATION, start);
      samples.add(
          MetricSample.builder(key, start, periodSeconds)
              .invocations(count(data, LambdaMetric.INVOCATIONS, start))
              .durationMsSum(duration == null ? BigDecimal.ZERO : BigDecimal.valueOf(duration))
              .errors(count(data, LambdaMetric.ERRORS, start))
              .throttles(count(data, LambdaMetric.THROTTLES, start))
              .deadLetterErrors(count(data, LambdaMetric.DEAD_LETTER_ERRORS, start))
              .iteratorAgeMaxMs(iteratorAge == null ? null : BigDecimal.valueOf(iteratorAge))
              .provisionedConcurrencyInvocations(
                  count(data, LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS, start))
              .provisionedConcurrencySpilloverInvocations(
                  count(data, LambdaMetric.PROVISIONED_CONCURRENCY_SPILLOVER_INVOCATIONS, start))
              .collectedAt(collectedAt)
              .build());
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
