package io.lambdaledger.core.bill;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The export version imported for one billing period.
 *
 * @param exportUri {@code s3://bucket/prefix/export-name}
 * @param billingPeriod {@code YYYY-MM}
 * @param table {@code CUR2} or {@code FOCUS}
 * @param version the export's execution (its manifest's id and time): a new one is a restatement
 */
public record BillImport(
    String exportUri,
    String billingPeriod,
    String table,
    String version,
    long lineItems,
    BigDecimal billedTotal,
    Instant importedAt) {}
