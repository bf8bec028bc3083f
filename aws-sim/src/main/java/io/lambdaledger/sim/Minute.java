package io.lambdaledger.sim;

/**
 * What one function did in one minute (or, summed, in a longer span): a reusable mutable
 * accumulator, so generating and aggregating millions of minutes allocates nothing.
 *
 * <p>Durations are integer microseconds, so sums are exact. Minimum and maximum fields are only
 * meaningful when the matching count is positive.
 */
final class Minute {

  long invocations;
  long errors;
  long throttles;
  long deadLetterErrors;
  long durationMicros;
  long minDurationMicros;
  long maxDurationMicros;

  /** Sum over invocations of ceil(duration in ms): what AWS bills. */
  long billedMs;

  long provisionedInvocations;
  long provisionedBilledMs;
  long iteratorAgeSumMs;
  long minIteratorAgeMs;
  long maxIteratorAgeMs;

  /** Minutes with a concurrency sample (1 for an active minute). */
  long concurrencySamples;

  long concurrencySum;
  long minConcurrency;
  long maxConcurrency;
  long provisionedExecutionsSum;
  long minProvisionedExecutions;
  long maxProvisionedExecutions;

  /** On-demand invocations that started a new execution environment (INIT ran first). */
  long coldStarts;

  /** Sum of INIT durations in microseconds (not part of CloudWatch's Duration). */
  long initMicros;

  /**
   * What INIT adds to the billed milliseconds: per cold start ceil((duration + init) / 1 ms) minus
   * ceil(duration / 1 ms); zero where INIT was not billed (managed ZIP runtimes before 2025-08-01).
   */
  long initBilledMs;

  /** Index of the configuration in force during the minute (single minutes only). */
  int configIndex;

  void reset() {
    invocations = 0;
    errors = 0;
    throttles = 0;
    deadLetterErrors = 0;
    durationMicros = 0;
    minDurationMicros = Long.MAX_VALUE;
    maxDurationMicros = 0;
    billedMs = 0;
    provisionedInvocations = 0;
    provisionedBilledMs = 0;
    iteratorAgeSumMs = 0;
    minIteratorAgeMs = Long.MAX_VALUE;
    maxIteratorAgeMs = 0;
    concurrencySamples = 0;
    concurrencySum = 0;
    minConcurrency = Long.MAX_VALUE;
    maxConcurrency = 0;
    provisionedExecutionsSum = 0;
    minProvisionedExecutions = Long.MAX_VALUE;
    maxProvisionedExecutions = 0;
    coldStarts = 0;
    initMicros = 0;
    initBilledMs = 0;
    configIndex = 0;
  }

  Minute() {
    reset();
  }

  boolean active() {
    return invocations > 0 || throttles > 0;
  }

  /** Adds another span of the same function (a later or earlier minute). */
  void add(Minute m) {
    invocations += m.invocations;
    errors += m.errors;
    throttles += m.throttles;
    deadLetterErrors += m.deadLetterErrors;
    durationMicros += m.durationMicros;
    minDurationMicros = Math.min(minDurationMicros, m.minDurationMicros);
    maxDurationMicros = Math.max(maxDurationMicros, m.maxDurationMicros);
    billedMs += m.billedMs;
    provisionedInvocations += m.provisionedInvocations;
    provisionedBilledMs += m.provisionedBilledMs;
    coldStarts += m.coldStarts;
    initMicros += m.initMicros;
    initBilledMs += m.initBilledMs;
    iteratorAgeSumMs += m.iteratorAgeSumMs;
    minIteratorAgeMs = Math.min(minIteratorAgeMs, m.minIteratorAgeMs);
    maxIteratorAgeMs = Math.max(maxIteratorAgeMs, m.maxIteratorAgeMs);
    concurrencySamples += m.concurrencySamples;
    concurrencySum += m.concurrencySum;
    minConcurrency = Math.min(minConcurrency, m.minConcurrency);
    maxConcurrency = Math.max(maxConcurrency, m.maxConcurrency);
    provisionedExecutionsSum += m.provisionedExecutionsSum;
    minProvisionedExecutions = Math.min(minProvisionedExecutions, m.minProvisionedExecutions);
    maxProvisionedExecutions = Math.max(maxProvisionedExecutions, m.maxProvisionedExecutions);
  }

  /**
   * Adds another function's same minute, for a Region-wide aggregate: per-invocation samples are
   * pooled, but concurrency adds up (the Region runs both functions at once).
   */
  void addConcurrently(Minute m) {
    long concurrency = concurrencySum + m.concurrencySum;
    long provisioned = provisionedExecutionsSum + m.provisionedExecutionsSum;
    boolean sampled = concurrencySamples > 0 || m.concurrencySamples > 0;
    add(m);
    concurrencySamples = sampled ? 1 : 0;
    concurrencySum = concurrency;
    minConcurrency = sampled ? concurrency : Long.MAX_VALUE;
    maxConcurrency = concurrency;
    provisionedExecutionsSum = provisioned;
    minProvisionedExecutions = sampled ? provisioned : Long.MAX_VALUE;
    maxProvisionedExecutions = provisioned;
  }
}
