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
 */
public record FunctionProvenance(
    FunctionKey function, YearMonth month, Provenance provenance, BigDecimal pcGbSecondsAtRisk) {

  /** Whether a line of this function and month should carry a warning. */
  public boolean warns() {
    return provenance.uncertain();
  }
}
