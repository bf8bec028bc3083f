package io.lambdaledger.core.model;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * How sure the history is that priced one function in one month.
 *
 * @param provenance the weakest provenance of the configuration and provisioned concurrency periods
 *     in force during the month, UNKNOWN when the function had usage before any history
 * @param pcGbSecondsAtRisk provisioned concurrency GB-seconds that may be wrong (to be priced at
 *     the region's PC rate): those of INFERRED periods in the month, zero when the history is
 *     OBSERVED or CLOUDTRAIL; null when it cannot be bounded (UNKNOWN history)
 * @param inferredConcurrency what CloudWatch's provisioned concurrency metrics inferred for the
 *     month (the bound used, the GB-seconds priced from it, how much may be missing); null when
 *     nothing was inferred from them. Present whatever {@code provenance} is: with CloudTrail
 *     denied the configuration is UNKNOWN, and the inferred PC is still what it is.
 */
public record FunctionProvenance(
    FunctionKey function,
    YearMonth month,
    Provenance provenance,
    BigDecimal pcGbSecondsAtRisk,
    InferredConcurrency inferredConcurrency) {

  /** Without anything inferred from CloudWatch. */
  public FunctionProvenance(
      FunctionKey function, YearMonth month, Provenance provenance, BigDecimal pcGbSecondsAtRisk) {
    this(function, month, provenance, pcGbSecondsAtRisk, null);
  }

  /** Whether a line of this function and month should carry a warning. */
  public boolean warns() {
    return provenance.uncertain();
  }
}
