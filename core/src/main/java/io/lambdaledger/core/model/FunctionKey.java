package io.lambdaledger.core.model;

import java.util.Comparator;
import java.util.Objects;

/** Natural key of a Lambda function: its account, region and name. */
public record FunctionKey(String accountId, String region, String name)
    implements Comparable<FunctionKey> {

  private static final Comparator<FunctionKey> ORDER =
      Comparator.comparing(FunctionKey::accountId)
          .thenComparing(FunctionKey::region)
          .thenComparing(FunctionKey::name);

  public FunctionKey {
    requireText(accountId, "accountId");
    requireText(region, "region");
    requireText(name, "name");
  }

  /** Orders by account, then region, then name (the order reports list functions in). */
  @Override
  public int compareTo(FunctionKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return accountId + "/" + region + "/" + name;
  }

  static void requireText(String value, String component) {
    Objects.requireNonNull(value, component);
    if (value.isBlank()) {
      throw new IllegalArgumentException(component + " must not be blank");
    }
  }
}
