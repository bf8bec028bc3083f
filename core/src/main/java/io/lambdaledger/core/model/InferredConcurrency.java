package io.lambdaledger.core.model;

import java.math.BigDecimal;

/**
 * What CloudWatch's provisioned concurrency metrics told about one function in one month, where
 * CloudTrail could not (older than its 90 days, or denied).
 *
 * @param allocatedAtLeast the largest amount inferred in the month
 * @param bound the weakest rule an amount of the month was inferred with ({@link
 *     InferenceBound#EXECUTIONS} is a lower bound, {@link InferenceBound#UTILIZATION} the amount)
 * @param gbSeconds provisioned concurrency GB-seconds priced from inferred periods of the month
 * @param mayBeLowByGbSeconds GB-seconds of the month's periods with no evidence, had {@code
 *     allocatedAtLeast} been allocated then too: how much provisioned concurrency the month may be
 *     missing (to be priced at the region's PC rate)
 */
public record InferredConcurrency(
    int allocatedAtLeast,
    InferenceBound bound,
    BigDecimal gbSeconds,
    BigDecimal mayBeLowByGbSeconds) {}
