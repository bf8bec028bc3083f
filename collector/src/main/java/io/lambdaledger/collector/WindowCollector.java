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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
   * @param activeSince ListMetrics with {@code RecentlyActive=PT3H} when true, else everything it
   *     lists (two weeks); {@code includeAllKnown} adds every function of the inventory
   */
  Outcome collect(
      TimeWindow window,
      Duration period,
      boolean recentOnly,
      boolean includeAllKnown,
      ShardInventory inventory,
      Instant now) {
    long listStarted = System.nanoTime();
    Set<String> names =
        new ActiveFunctionFinder(clients.cloudWatch(), context.cloudWatchLimiter, counter)
            .activeFunctionNames(recentOnly);
    Timings timings = new Timings();
    timings.list.add(System.nanoTime() - listStarted);
    Map<String, LambdaFunction> known = inventory.knowing(names, now);
    Set<String> selected = new TreeSet<>(names);
    if (includeAllKnown) {
      selected.addAll(known.keySet());
    }
    List<ActiveFunction> active = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String name : selected) {
      LambdaFunction function = known.get(name);
      if (function == null) {
        unknown.add(name);
      } else {
        active.add(
            new ActiveFunction(
                name, LambdaMetric.forFunction(!function.provisionedConcurrency().isEmpty())));
      }
    }
    if (!unknown.isEmpty()) {
      LOG.warn(
          "shard={} event=functions-not-in-inventory count={} first={}: their metrics are skipped",
          context.shard,
          unknown.size(),
          unknown.get(0));
    }
    if (active.isEmpty() || window.isEmpty()) {
      return new Outcome(0, 0, 0, Set.of(), List.of(), timings);
    }
    return readAll(active, window, period, now, timings);
  }

  private Outcome readAll(
      List<ActiveFunction> active,
      TimeWindow window,
      Duration period,
      Instant collectedAt,
      Timings timings) {
    List<MetricBatch> batches = QueryPlanner.plan(active, window, period);
    Map<String, Integer> metricsPerFunction = HashMap.newHashMap(active.size());
    active.forEach(function -> metricsPerFunction.put(function.name(), function.metrics().size()));
    SampleAssembler assembler = new SampleAssembler(metricsPerFunction);
    MetricDataReader reader =
        new MetricDataReader(
            clients.cloudWatch(), context.cloudWatchLimiter, counter, MAX_REREQUESTS);
    AtomicLong written = new AtomicLong();
    Set<FunctionKey> touched = ConcurrentHashMap.newKeySet();
    List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService pool =
        Executors.newFixedThreadPool(Math.min(callsInFlight, batches.size()))) {
      List<Future<?>> futures = new ArrayList<>(batches.size());
      for (MetricBatch batch : batches) {
        futures.add(
            pool.submit(
                () -> {
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
                  List<MetricSample> samples = new ArrayList<>();
                  List<FunctionKey> complete = new ArrayList<>();
                  for (SampleAssembler.FunctionData data : assembler.accept(result)) {
                    FunctionKey key =
                        new FunctionKey(
                            context.shard.accountId(), context.shard.region(), data.functionName());
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
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          problems.add(rootMessage(e.getCause()));
          futures.forEach(other -> other.cancel(true));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          futures.forEach(other -> other.cancel(true));
          throw new CollectionInterruptedException("interrupted while collecting " + window, e);
        }
      }
    }
    if (assembler.pendingCount() > 0 && problems.isEmpty()) {
      problems.add(assembler.pendingCount() + " functions without all their metrics");
    }
    return new Outcome(
        active.size(),
        QueryPlanner.queryCount(active),
        written.get(),
        Set.copyOf(touched),
        List.copyOf(problems),
        timings);
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

  /** What went wrong, in one line: the AWS error code when there is one, else the root cause. */
  static String rootMessage(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
        return aws.awsErrorDetails().serviceName()
            + " "
            + aws.awsErrorDetails().errorCode()
            + ": "
            + aws.awsErrorDetails().errorMessage();
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
