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

  /** CloudTrail LookupEvents: 2 requests per second per account and region. */
  final RateLimiter cloudTrailLimiter = new RateLimiter(2);

  final ReentrantLock running = new ReentrantLock();
  private Instant lastFullProvisionedConcurrencySweep;
  private final Map<Long, CollectionRunResult> unrecorded = new LinkedHashMap<>();

  ShardContext(
      Shard shard,
      AwsAccount account,
      String accountName,
      String payerAccountId,
      CollectorSettings settings) {
    this.shard = shard;
    this.account = account;
    this.accountName = accountName;
    this.payerAccountId = payerAccountId == null ? shard.accountId() : payerAccountId;
    this.cloudWatchLimiter = new RateLimiter(settings.getMetricDataTps());
    this.lambdaLimiter = new RateLimiter(settings.lambdaTps());
  }

  synchronized Instant lastFullProvisionedConcurrencySweep() {
    return lastFullProvisionedConcurrencySweep;
  }

  synchronized void fullProvisionedConcurrencySweepDone(Instant at) {
    lastFullProvisionedConcurrencySweep = at;
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
