package io.lambdaledger.core.pricing;

/** Where a unit price comes from. */
public enum PriceBasis {
  /** Read from AWS (Price List, pricing page or AWS-calculator data). */
  PUBLISHED,
  /**
   * Computed from another price by a documented rule (for example tier 2 = 90 % of tier 1) because
   * no published value was available for that region.
   */
  DERIVED;

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static PriceBasis parse(String value) {
    for (PriceBasis basis : values()) {
      if (basis.id().equalsIgnoreCase(value.trim())) {
        return basis;
      }
    }
    throw new IllegalArgumentException(
        "unknown price basis '" + value + "' (expected published or derived)");
  }
}
