package io.lambdaledger.core.pricing;

import io.lambdaledger.core.model.Architecture;
import java.math.BigDecimal;

/**
 * A kind of Lambda charge, as AWS groups its price list. Each group has a usage-type suffix (the
 * part after the region prefix, before an optional {@code -ARM}) and a price-list {@code group}
 * attribute.
 */
public enum PriceGroup {
  /** Invocation requests, per request. */
  REQUESTS("requests", "Request", "AWS-Lambda-Requests", "Requests", Weight.REQUEST),
  /** On-demand duration, per GB-second, with volume tiers. */
  DURATION("duration", "Lambda-GB-Second", "AWS-Lambda-Duration", "Lambda-GB-Second", Weight.MB_MS),
  /** Ephemeral storage configured above the free 512 MB, per GB-second of billed duration. */
  EPHEMERAL_STORAGE(
      "ephemeralStorage",
      "Lambda-Storage-GB-Second",
      "AWS-Lambda-Storage-Duration",
      "GB-Seconds",
      Weight.MB_MS),
  /** Configured provisioned concurrency, per GB-second for the period it is enabled. */
  PROVISIONED_CONCURRENCY(
      "provisionedConcurrency",
      "Lambda-Provisioned-Concurrency",
      "AWS-Lambda-Provisioned-Concurrency",
      "Lambda-GB-Second",
      Weight.MB_S),
  /** Duration of invocations served by provisioned concurrency, per GB-second. */
  PROVISIONED_DURATION(
      "provisionedDuration",
      "Lambda-Provisioned-GB-Second",
      "AWS-Lambda-Duration-Provisioned",
      "Lambda-GB-Second",
      Weight.MB_MS);

  private final String key;
  private final String usageTypeSuffix;
  private final String awsGroup;
  private final String unit;
  private final Weight weight;

  PriceGroup(String key, String usageTypeSuffix, String awsGroup, String unit, Weight weight) {
    this.key = key;
    this.usageTypeSuffix = usageTypeSuffix;
    this.awsGroup = awsGroup;
    this.unit = unit;
    this.weight = weight;
  }

  /**
   * The whole unit the cost engine counts this group's usage in (so that shares are exact), and how
   * many priced units (requests or GB-seconds) one of it is.
   */
  public enum Weight {
    /** One request. */
    REQUEST(BigDecimal.ONE),
    /** One MB of memory (or storage) for one billed millisecond: 1 / 1,024,000 GB-s. */
    MB_MS(new BigDecimal("0.0000009765625")),
    /** One MB of configured concurrency for one second: 1 / 1024 GB-s. */
    MB_S(new BigDecimal("0.0009765625"));

    private final BigDecimal pricedUnits;

    Weight(BigDecimal pricedUnits) {
      this.pricedUnits = pricedUnits;
    }

    /** Priced units (requests or GB-seconds) per unit of weight. */
    public BigDecimal pricedUnits() {
      return pricedUnits;
    }
  }

  /** The unit of weight the engine counts this group's usage in. */
  public Weight weight() {
    return weight;
  }

  /** The stable camel-case name used in JSON and reports, e.g. {@code ephemeralStorage}. */
  public String key() {
    return key;
  }

  /** The usage-type suffix for x86_64, e.g. {@code Lambda-GB-Second}. */
  public String usageTypeSuffix() {
    return usageTypeSuffix;
  }

  /** The price-list {@code group} attribute, e.g. {@code AWS-Lambda-Duration-ARM} for arm64. */
  public String awsGroup(Architecture architecture) {
    return architecture == Architecture.ARM64 ? awsGroup + "-ARM" : awsGroup;
  }

  /** The unit AWS writes on this group's price dimensions (AWS is not consistent; display only). */
  public String unit() {
    return unit;
  }
}
