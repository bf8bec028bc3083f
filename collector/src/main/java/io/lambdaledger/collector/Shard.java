package io.lambdaledger.collector;

import java.util.Objects;

/** The unit of collection: one account in one region, collected by one process at a time. */
public record Shard(String accountId, String region) {

  public Shard {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(region, "region");
  }

  /** A stable name, used for the scheduler's task and in logs: {@code 123456789012/us-east-1}. */
  public String key() {
    return accountId + "/" + region;
  }

  @Override
  public String toString() {
    return key();
  }
}
