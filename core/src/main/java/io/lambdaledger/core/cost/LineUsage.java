package io.lambdaledger.core.cost;

import java.math.BigDecimal;

/**
 * What one line used and how much of it was billable. Free-tier shares are this line's part of the
 * payer's free tier (pro rata, see {@code docs/cost-model.md}), so they can be fractional.
 *
 * @param requests on-demand plus provisioned requests
 * @param freeRequests requests covered by the free tier
 * @param billableRequests {@code requests - freeRequests}
 * @param billedDurationMs on-demand billed milliseconds priced (the lower bound if bounded)
 * @param gbSeconds on-demand GB-seconds: billed ms / 1000 x memory MB / 1024
 * @param freeGbSeconds GB-seconds covered by the free tier
 * @param billableGbSeconds {@code gbSeconds - freeGbSeconds}
 * @param gbSecondsUpperBound on-demand GB-seconds if every invocation rounded up by a full ms
 *     (equal to {@code gbSeconds} when the duration is exact)
 * @param ephemeralStorageGbSeconds billed ms (on-demand and provisioned) / 1000 x (storage MB -
 *     512) / 1024
 * @param provisionedConcurrencyGbSeconds concurrency-seconds x memory MB / 1024
 * @param provisionedDurationGbSeconds provisioned billed ms / 1000 x memory MB / 1024
 */
public record LineUsage(
    long requests,
    BigDecimal freeRequests,
    BigDecimal billableRequests,
    BigDecimal billedDurationMs,
    BigDecimal gbSeconds,
    BigDecimal freeGbSeconds,
    BigDecimal billableGbSeconds,
    BigDecimal gbSecondsUpperBound,
    BigDecimal ephemeralStorageGbSeconds,
    BigDecimal provisionedConcurrencyGbSeconds,
    BigDecimal provisionedDurationGbSeconds) {}
