package io.lambdaledger.core.model;

/**
 * How a provisioned concurrency period beyond CloudTrail's reach was inferred from CloudWatch's
 * per-alias metrics ({@code Resource} = {@code FunctionName:Qualifier}), strongest first.
 */
public enum InferenceBound {
  /**
   * {@code ProvisionedConcurrentExecutions ÷ ProvisionedConcurrencyUtilization} (both Maximum, per
   * hour): the allocated amount itself while it did not change within the hour.
   */
  UTILIZATION,
  /**
   * Only {@code ProvisionedConcurrencyInvocations > 0} and the peak {@code
   * ProvisionedConcurrentExecutions}: PC was there, at least that much of it.
   */
  EXECUTIONS,
  /**
   * The function was invoked and no invocation was served by provisioned concurrency: none was
   * allocated to the alias (or the traffic did not go through it).
   */
  UNSERVED,
  /** No evidence either way (no invocation at all): the period is UNKNOWN. */
  NO_EVIDENCE
}
