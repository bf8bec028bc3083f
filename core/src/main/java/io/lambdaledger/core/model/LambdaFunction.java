package io.lambdaledger.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A function as stored: identity, current (or, once deleted, last known) configuration, tags,
 * provisioned concurrency, and when it was seen.
 *
 * @param runtime nullable
 * @param configuration the current configuration, or the last known one of a deleted function
 * @param provisionedConcurrency current allocations (empty once deleted)
 * @param deletedAt nullable: when a complete listing no longer contained the function
 * @param lastActivity nullable: start of the latest hour with at least one invocation
 */
public record LambdaFunction(
    FunctionKey key,
    String arn,
    String runtime,
    String packageType,
    String payerAccountId,
    FunctionConfiguration configuration,
    Map<String, String> tags,
    List<ProvisionedConcurrency> provisionedConcurrency,
    Instant firstSeen,
    Instant lastSeen,
    Instant deletedAt,
    Instant lastActivity) {

  public LambdaFunction {
    FunctionSnapshot.requireDescription(key, arn, packageType, configuration);
    Objects.requireNonNull(payerAccountId, "payerAccountId");
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(lastSeen, "lastSeen");
    tags = Map.copyOf(tags);
    provisionedConcurrency = List.copyOf(provisionedConcurrency);
  }

  public boolean isDeleted() {
    return deletedAt != null;
  }
}
