package io.lambdaledger.core.pricing;

import io.lambdaledger.core.model.Architecture;

/**
 * A kind of Lambda charge, as AWS groups its price list. Each group has a usage-type suffix (the
 * part after the region prefix, before an optional {@code -ARM}) and a price-list {@code group}
 * attribute.
 */
public enum PriceGroup {
  /** Invocation requests, per request. */
  REQUESTS("requests", "Request", "AWS-Lambda-Requests", "Requests"),
  /** On-demand duration, per GB-second, with volume tiers. */
  DURATION("duration", "Lambda-GB-Second", "AWS-Lambda-Duration", "Lambda-GB-Second"),
  /** Ephemeral storage configured above the free 512 MB, per GB-second of billed duration. */
  EPHEMERAL_STORAGE(
      "ephemeralStorage", "Lambda-Storage-GB-Second", "AWS-Lambda-Storage-Duration", "GB-Seconds"),
  /** Configured provisioned concurrency, per GB-second for the period it is enabled. */
  PROVISIONED_CONCURRENCY(
      "provisionedConcurrency",
      "Lambda-Provisioned-Concurrency",
      "AWS-Lambda-Provisioned-Concurrency",
      "Lambda-GB-Second"),
  /** Duration of invocations served by provisioned concurrency, per GB-second. */
  PROVISIONED_DURATION(
      "provisionedDuration",
      "Lambda-Provisioned-GB-Second",
      "AWS-Lambda-Duration-Provisioned",
      "Lambda-GB-Second");

  private final String key;
  private final String usageTypeSuffix;
  private final String awsGroup;
  private final String unit;

  PriceGroup(String key, String usageTypeSuffix, String awsGroup, String unit) {
    this.key = key;
    this.usageTypeSuffix = usageTypeSuffix;
    this.awsGroup = awsGroup;
    this.unit = unit;
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
