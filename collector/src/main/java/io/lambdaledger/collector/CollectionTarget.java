package io.lambdaledger.collector;

import java.util.List;

/**
 * A configured account and the regions to collect in it.
 *
 * @param name nullable display name
 * @param payerAccountId nullable: the account pays for itself
 */
public record CollectionTarget(
    AwsAccount account, String name, String payerAccountId, List<String> regions) {

  public CollectionTarget {
    regions = List.copyOf(regions);
    if (regions.isEmpty()) {
      throw new IllegalArgumentException("a collection target needs at least one region");
    }
  }
}
