package io.lambdaledger.core.model;

import java.util.Collection;
import java.util.Set;

/**
 * Which accounts someone may see: all of them, or exactly the listed ones. An empty list means
 * none, never all.
 */
public record AccountScope(boolean unrestricted, Set<String> accountIds) {

  private static final AccountScope ALL = new AccountScope(true, Set.of());

  public AccountScope {
    accountIds = Set.copyOf(accountIds);
    if (unrestricted && !accountIds.isEmpty()) {
      throw new IllegalArgumentException("an unrestricted scope lists no accounts");
    }
  }

  /** Every account. */
  public static AccountScope all() {
    return ALL;
  }

  /** Exactly these accounts (none if empty). */
  public static AccountScope only(Collection<String> accountIds) {
    return new AccountScope(false, Set.copyOf(accountIds));
  }

  public boolean includes(String accountId) {
    return unrestricted || accountIds.contains(accountId);
  }
}
