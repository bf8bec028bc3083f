package io.lambdaledger.reports;

/**
 * The Lambda charges a report line can carry, in the order the columns and FOCUS rows appear. Usage
 * types follow the AWS naming ({@code lambda-billing.md} §1.5): the arm64 variant adds {@code
 * -ARM}, and every region but us-east-1 prefixes its billing code.
 */
enum ChargeKind {
  REQUESTS("request_cost", "Request", "Requests", "Requests", "Lambda requests"),
  DURATION("duration_cost", "Lambda-GB-Second", "GB-Seconds", "Duration", "Lambda duration"),
  EPHEMERAL_STORAGE(
      "ephemeral_storage_cost",
      "Lambda-Storage-GB-Second",
      "GB-Seconds",
      "Ephemeral Storage",
      "Lambda ephemeral storage above 512 MB"),
  PROVISIONED_CONCURRENCY(
      "provisioned_concurrency_cost",
      "Lambda-Provisioned-Concurrency",
      "GB-Seconds",
      "Provisioned Concurrency",
      "Lambda provisioned concurrency"),
  PROVISIONED_DURATION(
      "provisioned_duration_cost",
      "Lambda-Provisioned-GB-Second",
      "GB-Seconds",
      "Provisioned Duration",
      "Lambda duration on provisioned concurrency");

  private final String csvColumn;
  private final String usageType;
  private final String unit;
  private final String meter;
  private final String description;

  ChargeKind(String csvColumn, String usageType, String unit, String meter, String description) {
    this.csvColumn = csvColumn;
    this.usageType = usageType;
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

  /** The AWS usage type, e.g. {@code EU-Lambda-GB-Second-ARM} for eu-west-1 and arm64. */
  String usageType(String region, String architecture) {
    String prefix = AwsRegions.billingCode(region).map(code -> code + "-").orElse("");
    String suffix = "arm64".equals(architecture) ? "-ARM" : "";
    return prefix + usageType + suffix;
  }
}
