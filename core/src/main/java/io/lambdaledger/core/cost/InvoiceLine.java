package io.lambdaledger.core.cost;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.PriceGroup;
import java.math.BigDecimal;

/**
 * One line of a payer's bill: one charge component in one region and architecture, the level at
 * which AWS rounds to cents.
 *
 * @param usageType AWS usage type, e.g. {@code EU-Lambda-GB-Second-ARM}
 * @param quantity billable units (requests or GB-seconds) after the free tier
 * @param exact unrounded charge
 * @param amount {@code exact} rounded half-up to cents
 */
public record InvoiceLine(
    String payer,
    String region,
    Architecture architecture,
    PriceGroup group,
    String usageType,
    BigDecimal quantity,
    BigDecimal exact,
    BigDecimal amount) {}
