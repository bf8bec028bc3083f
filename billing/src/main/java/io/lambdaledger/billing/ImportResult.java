package io.lambdaledger.billing;

import java.math.BigDecimal;

/**
 * What importing one billing period of an export did.
 *
 * @param outcome {@code IMPORTED} (first version), {@code REPLACED} (a restated version replaced
 *     the earlier one) or {@code UNCHANGED} (this version was imported before: nothing written)
 * @param rowsRead rows in the data files (every service)
 * @param lambdaLines rows kept (Lambda lines and Savings Plan fees)
 * @param storedLines lines stored after summing each file's lines per day
 * @param billedTotal the period's billed total in this export
 */
public record ImportResult(
    String exportUri,
    String billingPeriod,
    String table,
    String version,
    Outcome outcome,
    long rowsRead,
    long lambdaLines,
    long storedLines,
    BigDecimal billedTotal) {

  public enum Outcome {
    IMPORTED,
    REPLACED,
    UNCHANGED
  }
}
