package io.lambdaledger.core.model;

/**
 * Provisioned concurrency allocated to one qualifier (alias or version) of a function.
 *
 * @param qualifier the alias or version the configuration applies to
 * @param allocated concurrent executions allocated (billed while enabled, used or not)
 */
public record ProvisionedConcurrency(String qualifier, int allocated) {

  public ProvisionedConcurrency {
    FunctionKey.requireText(qualifier, "qualifier");
    if (allocated < 0) {
      throw new IllegalArgumentException("allocated must not be negative, was " + allocated);
    }
  }
}
