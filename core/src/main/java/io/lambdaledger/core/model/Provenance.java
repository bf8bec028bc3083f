package io.lambdaledger.core.model;

/**
 * Where a configuration or provisioned concurrency period comes from, strongest first: what the
 * collector listed, what CloudTrail's management events say, what weaker evidence suggests, and
 * nothing at all.
 */
public enum Provenance {
  /** Listed by the collector (ListFunctions, ListProvisionedConcurrencyConfigs). */
  OBSERVED,
  /** Rebuilt from Lambda's management events in CloudTrail (the last 90 days). */
  CLOUDTRAIL,
  /** Deduced from weaker evidence: CloudWatch provisioned concurrency metrics, a lone delete. */
  INFERRED,
  /** No evidence: the configuration was assumed, provisioned concurrency is not known. */
  UNKNOWN;

  /** The weaker of the two. */
  public Provenance weakest(Provenance other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** Whether a line priced with it deserves a warning (INFERRED or UNKNOWN). */
  public boolean uncertain() {
    return this == INFERRED || this == UNKNOWN;
  }
}
