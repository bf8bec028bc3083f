package io.lambdaledger.core.pricing;

import java.math.BigDecimal;

/** One volume tier of on-demand duration: GB-seconds in {@code range} cost {@code unitPrice}. */
public record DurationTier(TierRange range, BigDecimal unitPrice) {}
