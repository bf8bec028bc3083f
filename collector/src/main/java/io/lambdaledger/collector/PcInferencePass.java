package io.lambdaledger.collector;

import io.lambdaledger.collector.history.HistoryPass;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.db.HistoryStore;
import io.lambdaledger.db.HistoryStore.AllocationSpan;
import io.lambdaledger.db.HistoryStore.Cursor;
import io.lambdaledger.db.HistoryStore.FirstObservation;
import io.lambdaledger.db.HistoryStore.Rebuilt;
import io.lambdaledger.db.UsageRollupStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Infers provisioned concurrency before first sight where CloudTrail cannot tell: for each function
 * observed with provisioned concurrency (the evidence that it may have had some before), over the
 * part of {@code [from, first sight)} that CloudTrail's history does not cover (all of it when
 * CloudTrail was denied; what is older than its 90 days otherwise, unless CloudTrail saw the
 * function created). Four hourly series per alias ({@code ProvisionedConcurrencyInvocations},
 * {@code ProvisionedConcurrentExecutions}, {@code ProvisionedConcurrencyUtilization} per {@code
 * Resource}, the function's {@code Invocations}), read once per function and range through the
 * shard's GetMetricData path (its rate limit, its call counter and so its CloudWatch cost), then
 * {@link PcInference}. Functions with nothing to infer cost nothing.
 */
record PcInferencePass(
    ShardContext context,
    ShardClients clients,
    HistoryStore history,
    UsageRollupStore rollups,
    CallCounter counter) {

  /** What a pass did. */
  record Outcome(int functions, int queries, int spans) {}

  private static final Logger LOG = LoggerFactory.getLogger(PcInferencePass.class);

  private static final Duration PERIOD = PcInference.HOUR;

  /** One function's alias and the range to infer it over. */
  record Target(String functionName, String qualifier, Instant from, Instant to, boolean atTo) {}

  /**
   * Infers what is still uncovered since {@code from} (a run's window start) at {@code now}.
   *
   * @return what was done (nothing when no function needs it)
   */
  Outcome run(Instant from, Instant now) {
    List<Target> targets = targets(from, now);
    if (targets.isEmpty()) {
      return new Outcome(0, 0, 0);
    }
    Instant start = targets.stream().map(Target::from).min(Instant::compareTo).orElseThrow();
    Instant end =
        targets.stream().map(target -> ceilHour(target.to())).max(Instant::compareTo).orElseThrow();
    TimeWindow window = new TimeWindow(start, end);
    List<MetricQuery> queries = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Target target = targets.get(i);
      queries.add(query(i, target, null, LambdaMetric.INVOCATIONS));
      queries.add(query(i, target, target.qualifier(), PROVISIONED_INVOCATIONS));
      queries.add(query(i, target, target.qualifier(), EXECUTIONS));
      queries.add(query(i, target, target.qualifier(), UTILIZATION));
    }
    MetricDataReader reader =
        new MetricDataReader(
            clients.cloudWatch(),
            context.cloudWatchLimiter,
            counter,
            WindowCollector.MAX_REREQUESTS);
    int perCall = QueryPlanner.queriesPerCall(window.periods(PERIOD));
    perCall -= perCall % 4; // a target's four queries in one call
    Map<String, List<AllocationSpan>> byFunction = new java.util.LinkedHashMap<>();
    java.util.Set<String> unread = new java.util.HashSet<>();
    int spans = 0;
    for (int first = 0; first < queries.size(); first += perCall) {
      List<MetricQuery> call = queries.subList(first, Math.min(first + perCall, queries.size()));
      MetricDataReader.BatchResult result = reader.read(new MetricBatch(window, PERIOD, call));
      for (int q = 0; q < call.size(); q += 4) {
        int index = first / 4 + q / 4;
        Target target = targets.get(index);
        if (!result.isComplete()) {
          unread.add(target.functionName());
          continue;
        }
        List<AllocationSpan> found =
            PcInference.infer(
                target.qualifier(),
                target.from(),
                target.to(),
                new PcInference.Series(
                    result.series().series(call.get(q).id()).points(),
                    result.series().series(call.get(q + 1).id()).points(),
                    result.series().series(call.get(q + 2).id()).points(),
                    result.series().series(call.get(q + 3).id()).points()),
                target.atTo());
        spans += found.size();
        byFunction.computeIfAbsent(target.functionName(), name -> new ArrayList<>()).addAll(found);
      }
    }
    if (!unread.isEmpty()) {
      LOG.warn(
          "shard={} event=pc-inference-incomplete functions={}: inferred at the next run",
          context.shard,
          unread.size());
    }
    List<Rebuilt> inferred = new ArrayList<>();
    for (Target target : targets) {
      List<AllocationSpan> found = byFunction.remove(target.functionName());
      if (found != null && !unread.contains(target.functionName())) {
        inferred.add(
            new Rebuilt(target.functionName(), target.from(), target.to(), List.of(), found));
      }
    }
    List<FunctionKey> written =
        history.replace(context.shard.accountId(), context.shard.region(), inferred);
    if (!written.isEmpty()) {
      rollups.recompute(written, start, end);
    }
    LOG.info(
        "shard={} event=history source=cloudwatch from={} to={} functions={} queries={} spans={}",
        context.shard,
        start,
        end,
        written.size(),
        queries.size(),
        spans);
    return new Outcome(written.size(), queries.size(), spans);
  }

  private static final LambdaMetric PROVISIONED_INVOCATIONS =
      LambdaMetric.PROVISIONED_CONCURRENCY_INVOCATIONS;
  private static final LambdaMetric EXECUTIONS = LambdaMetric.PROVISIONED_CONCURRENT_EXECUTIONS;
  private static final LambdaMetric UTILIZATION = LambdaMetric.PROVISIONED_CONCURRENCY_UTILIZATION;

  private static MetricQuery query(
      int index, Target target, String qualifier, LambdaMetric metric) {
    return new MetricQuery(
        "p" + index + "_" + metric.ordinal(), target.functionName(), qualifier, metric);
  }

  /**
   * The functions observed with provisioned concurrency whose history since {@code from} CloudTrail
   * does not cover and that were not inferred from there (or earlier) yet: one target per alias.
   */
  List<Target> targets(Instant from, Instant now) {
    String account = context.shard.accountId();
    String region = context.shard.region();
    Instant oldest = ceilHour(now.minus(PeriodRules.ONE_HOUR_RETENTION));
    Instant start = floorHour(from.isBefore(oldest) ? oldest : from);
    Optional<Cursor> cursor = history.cursor(account, region, HistoryPass.CLOUDTRAIL);
    Instant cloudTrailFrom =
        cursor
            .filter(read -> read.readFrom().isBefore(read.readTo()))
            .map(Cursor::readFrom)
            .orElse(null);
    Map<String, Instant> inferredFrom = history.inferredFrom(account, region);
    Map<String, Instant> known =
        cloudTrailFrom == null ? Map.of() : history.earliestConfigurations(account, region);
    List<Target> targets = new ArrayList<>();
    for (FirstObservation first : history.firstObservations(account, region).values()) {
      if (first.provisioned().isEmpty()) {
        continue;
      }
      boolean coveredByCloudTrail = first.rebuilt() && cloudTrailFrom != null;
      if (coveredByCloudTrail
          && known.getOrDefault(first.functionName(), first.at()).isAfter(cloudTrailFrom)) {
        continue; // CloudTrail saw it created: it did not exist before
      }
      Instant to =
          coveredByCloudTrail && cloudTrailFrom.isBefore(first.at()) ? cloudTrailFrom : first.at();
      Instant done = inferredFrom.get(first.functionName());
      if (!start.isBefore(to) || (done != null && !done.isAfter(start))) {
        continue;
      }
      boolean atTo = to.equals(first.at());
      first.provisioned().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(
              entry ->
                  targets.add(
                      new Target(
                          first.functionName(),
                          entry.getKey(),
                          start,
                          to,
                          atTo && entry.getValue() > 0)));
    }
    targets.sort(
        java.util.Comparator.comparing(Target::functionName).thenComparing(Target::qualifier));
    return targets;
  }

  private static Instant floorHour(Instant instant) {
    return instant.truncatedTo(ChronoUnit.HOURS);
  }

  private static Instant ceilHour(Instant instant) {
    Instant floor = floorHour(instant);
    return floor.equals(instant) ? floor : floor.plus(PERIOD);
  }
}
