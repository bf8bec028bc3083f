package io.lambdaledger.collector;

import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a process keeps about one shard between runs: how to reach it, its rate limiters (shared by
 * every run of the shard, so two runs together still stay under the limit), when provisioned
 * concurrency was last read for every function, and a lock so the same process never runs the shard
 * twice at once.
 */
final class ShardContext {

  final Shard shard;
  final AwsAccount account;
  final String accountName;
  final String payerAccountId;
  final RateLimiter cloudWatchLimiter;
  final RateLimiter lambdaLimiter;
  final ReentrantLock running = new ReentrantLock();
  private Instant lastFullProvisionedConcurrencySweep;

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
}
