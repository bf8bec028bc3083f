package io.lambdaledger.core.pricing;

import io.lambdaledger.core.model.Architecture;
import java.util.Optional;

/**
 * Maps AWS usage-type strings to price groups by suffix, as the Price List, CUR and Cost Explorer
 * write them: an optional region billing-code prefix ({@code USE2-}, {@code EU-}; none in
 * us-east-1), the group suffix, and {@code -ARM} for arm64.
 */
public final class UsageTypes {

  private UsageTypes() {}

  /**
   * Parses a usage type such as {@code Request}, {@code USE1-Lambda-GB-Second-ARM}, {@code
   * APS3-Lambda-Provisioned-Concurrency} or {@code Global-Lambda-GB-Second}.
   *
   * @return empty for usage types that are not one of the five priced groups (Lambda@Edge,
   *     streaming, SnapStart, ...), so callers can skip them
   */
  public static Optional<UsageType> parse(String usageType) {
    if (usageType == null) {
      return Optional.empty();
    }
    String body = usageType.trim();
    Architecture architecture = Architecture.X86_64;
    if (body.endsWith("-ARM")) {
      architecture = Architecture.ARM64;
      body = body.substring(0, body.length() - "-ARM".length());
    }
    for (PriceGroup group : PriceGroup.values()) {
      String suffix = group.usageTypeSuffix();
      if (body.equals(suffix)) {
        return Optional.of(new UsageType("", group, architecture));
      }
      if (body.endsWith("-" + suffix)) {
        String prefix = body.substring(0, body.length() - suffix.length() - 1);
        if (isBillingCode(prefix)) {
          return Optional.of(new UsageType(prefix, group, architecture));
        }
      }
    }
    return Optional.empty();
  }

  /** A region billing code is one token of letters and digits: {@code USE2}, {@code EU}. */
  private static boolean isBillingCode(String prefix) {
    if (prefix.isEmpty()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (!Character.isLetterOrDigit(prefix.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
