package io.lambdaledger.collector;

import io.lambdaledger.core.model.CollectionRunResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a process keeps about one shard between runs: how to reach it, its rate limiters (shared by
 * every run of the shard, so two runs together still stay under the limit), when provisioned
 * concurrency was last read for every function, a lock so the same process never runs the shard
 * twice at once, and the outcomes of runs that could not be recorded (the database was away when
 * they ended), to record when it is back.
 */
final class ShardContext {

  final Shard shard;
  final AwsAccount account;
  final String accountName;
  final String payerAccountId;
  final RateLimiter cloudWatchLimiter;
  final RateLimiter lambdaLimiter;
  final RateLimiter taggingLimiter;
  final CollectionBudget budget;

  /** CloudTrail LookupEvents: 2 requests per second per account and region. */
  final RateLimiter cloudTrailLimiter = new RateLimiter(2);

  final ReentrantLock running = new ReentrantLock();
  private Instant provisionedConcurrencySweptTo;
  private String taggingProblem;
  private volatile FunctionEnrichment enrichment;
  private final Map<Long, CollectionRunResult> unrecorded = new LinkedHashMap<>();

  ShardContext(
      Shard shard,
      AwsAccount account,
      String accountName,
      String payerAccountId,
      CollectorSettings settings,
      CollectionBudget budget) {
    this.shard = shard;
    this.account = account;
    this.accountName = accountName;
    this.payerAccountId = payerAccountId == null ? shard.accountId() : payerAccountId;
    this.cloudWatchLimiter = new RateLimiter(settings.getMetricDataTps());
    this.lambdaLimiter = new RateLimiter(settings.lambdaTps());
    this.taggingLimiter = new RateLimiter(settings.lambdaTps());
    this.budget = budget;
    budget.known(shard);
  }

  /** Up to when the daily provisioned-concurrency sweep has been queued; null before the first. */
  synchronized Instant provisionedConcurrencySweptTo() {
    return provisionedConcurrencySweptTo;
  }

  synchronized void provisionedConcurrencySweptTo(Instant at) {
    provisionedConcurrencySweptTo = at;
  }

  /** Why the tagging API could not be used at the last inventory pass, or null. */
  synchronized String taggingProblem() {
    return taggingProblem;
  }

  synchronized void taggingProblem(String problem) {
    taggingProblem = problem;
  }

  /** The shard's per-function enrichment, or null where none runs (a plain inventory refresh). */
  FunctionEnrichment enrichment() {
    return enrichment;
  }

  void enrichment(FunctionEnrichment value) {
    enrichment = value;
  }

  synchronized void unrecorded(long runId, CollectionRunResult result) {
    unrecorded.put(runId, result);
  }

  /** Outcomes still to record, by run id, oldest first. */
  synchronized Map<Long, CollectionRunResult> unrecorded() {
    return Map.copyOf(unrecorded);
  }

  synchronized void recorded(long runId) {
    unrecorded.remove(runId);
  }
}
