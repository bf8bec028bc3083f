package io.lambdaledger.collector;

/**
 * An AWS account to collect: reached with the default credentials when {@code roleArn} is null,
 * else by assuming that role (with the external ID its trust policy requires, if any). {@code
 * accountId} is null for the default credentials' account until STS names it.
 */
public record AwsAccount(String accountId, String roleArn, String externalId) {

  /** The account the default credentials belong to. */
  public static AwsAccount defaultCredentials() {
    return new AwsAccount(null, null, null);
  }

  public boolean assumesRole() {
    return roleArn != null && !roleArn.isBlank();
  }
}
