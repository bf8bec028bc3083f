package io.lambdaledger.reports;

import io.lambdaledger.core.pricing.PriceGroup;

/**
 * The Lambda charges a report line can carry, in the order the columns and FOCUS rows appear; one
 * per price group of the cost engine.
 */
enum ChargeKind {
  REQUESTS(PriceGroup.REQUESTS, "request_cost", "Requests", "Requests", "Lambda requests"),
  DURATION(PriceGroup.DURATION, "duration_cost", "GB-Seconds", "Duration", "Lambda duration"),
  EPHEMERAL_STORAGE(
      PriceGroup.EPHEMERAL_STORAGE,
      "ephemeral_storage_cost",
      "GB-Seconds",
      "Ephemeral Storage",
      "Lambda ephemeral storage above 512 MB"),
  PROVISIONED_CONCURRENCY(
      PriceGroup.PROVISIONED_CONCURRENCY,
      "provisioned_concurrency_cost",
      "GB-Seconds",
      "Provisioned Concurrency",
      "Lambda provisioned concurrency"),
  PROVISIONED_DURATION(
      PriceGroup.PROVISIONED_DURATION,
      "provisioned_duration_cost",
      "GB-Seconds",
      "Provisioned Duration",
      "Lambda duration on provisioned concurrency");

  private final PriceGroup priceGroup;
  private final String csvColumn;
  private final String unit;
  private final String meter;
  private final String description;

  ChargeKind(
      PriceGroup priceGroup, String csvColumn, String unit, String meter, String description) {
    this.priceGroup = priceGroup;
    this.csvColumn = csvColumn;
    this.unit = unit;
    this.meter = meter;
    this.description = description;
  }

  /** The plain-CSV column holding this charge's cost. */
  String csvColumn() {
    return csvColumn;
  }

  /** The FOCUS PricingUnit and ConsumedUnit (FOCUS UnitFormat; AWS's GB is 1,024 MB). */
  String unit() {
    return unit;
  }

  /** The FOCUS SkuMeter. */
  String meter() {
    return meter;
  }

  /** Human description, completed with the architecture by the FOCUS writer. */
  String description() {
    return description;
  }

  /** The cost engine's price group of this charge. */
  PriceGroup priceGroup() {
    return priceGroup;
  }
}
