package io.lambdaledger.core.ledger;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the collection runs started in a period did and cost.
 *
 * @param calls AWS API calls of every operation
 * @param lastSuccess the latest finish of a successful run in scope, ever (null if none)
 */
public record CollectionSpend(
    long runs, long calls, long metricsRequested, BigDecimal cloudWatchCost, Instant lastSuccess) {}
