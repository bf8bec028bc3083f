package io.lambdaledger.core.pricing;

import io.lambdaledger.core.model.Architecture;

/**
 * A Lambda usage type understood by the price book, e.g. {@code EUW2-Lambda-GB-Second-ARM} is
 * region prefix {@code EUW2}, group {@link PriceGroup#DURATION}, architecture arm64.
 *
 * @param regionPrefix the billing-code prefix ({@code ""} for us-east-1, {@code Global} for the
 *     free tier)
 */
public record UsageType(String regionPrefix, PriceGroup group, Architecture architecture) {

  /** The prefix of the account-wide free-tier usage types ({@code Global-Request}, ...). */
  public static final String FREE_TIER_PREFIX = "Global";

  /** True for {@code Global-Request} and {@code Global-Lambda-GB-Second}. */
  public boolean isFreeTier() {
    return FREE_TIER_PREFIX.equals(regionPrefix);
  }

  /** The usage-type string as AWS writes it. */
  public String text() {
    String suffix = architecture == Architecture.ARM64 ? "-ARM" : "";
    String body = group.usageTypeSuffix() + suffix;
    return regionPrefix.isEmpty() ? body : regionPrefix + "-" + body;
  }
}
