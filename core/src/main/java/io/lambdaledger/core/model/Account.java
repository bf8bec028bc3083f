package io.lambdaledger.core.model;

/**
 * An AWS account whose functions are collected.
 *
 * @param name nullable display name
 * @param payerAccountId the account that pays: itself, or the management account of its AWS
 *     Organization under consolidated billing. The free tier and volume tiers are per payer.
 */
public record Account(String accountId, String name, String payerAccountId) {

  public Account {
    FunctionKey.requireText(accountId, "accountId");
    FunctionKey.requireText(payerAccountId, "payerAccountId");
  }

  /** An account that pays for itself. */
  public static Account standalone(String accountId) {
    return new Account(accountId, null, accountId);
  }
}
