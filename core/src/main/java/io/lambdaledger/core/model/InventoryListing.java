package io.lambdaledger.core.model;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one inventory pass saw in one account and region (a shard).
 *
 * @param observedAt when the listing was taken: configuration changes take effect at this instant
 * @param complete true when every page was read; only a complete listing marks the functions it
 *     does not contain as deleted
 */
public record InventoryListing(
    String accountId,
    String region,
    Instant observedAt,
    List<FunctionSnapshot> functions,
    boolean complete) {

  public InventoryListing {
    FunctionKey.requireText(accountId, "accountId");
    FunctionKey.requireText(region, "region");
    Objects.requireNonNull(observedAt, "observedAt");
    functions = List.copyOf(functions);
    Set<String> names = new HashSet<>();
    for (FunctionSnapshot function : functions) {
      FunctionKey key = function.key();
      if (!key.accountId().equals(accountId) || !key.region().equals(region)) {
        throw new IllegalArgumentException(
            key + " does not belong to shard " + accountId + "/" + region);
      }
      if (!names.add(key.name())) {
        throw new IllegalArgumentException("duplicate function in listing: " + key);
      }
    }
  }
}
