package io.lambdaledger.api;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which AWS accounts a caller may see: every account, or only the listed ones. Every endpoint and
 * aggregate applies it before anything leaves the server.
 */
public record AccountScope(boolean everyAccount, Set<String> accounts) {

  public AccountScope {
    accounts = Set.copyOf(accounts);
    if (!everyAccount && accounts.isEmpty()) {
      throw new IllegalArgumentException("a scoped token needs at least one account");
    }
  }

  public static AccountScope all() {
    return new AccountScope(true, Set.of());
  }

  public static AccountScope only(Set<String> accounts) {
    return new AccountScope(false, accounts);
  }

  public boolean allows(String accountId) {
    return everyAccount || accounts.contains(accountId);
  }

  @Override
  public String toString() {
    return everyAccount ? "all accounts" : "accounts " + new TreeSet<>(accounts);
  }
}
