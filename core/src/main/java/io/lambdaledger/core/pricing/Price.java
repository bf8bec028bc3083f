package io.lambdaledger.core.pricing;

import io.lambdaledger.core.model.Architecture;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price dimension of the Lambda price list: a unit price for one region, price group,
 * architecture and usage range. The fields mirror what {@code GetProducts} returns so a stored or
 * simulated price list can be rendered back in AWS's shape.
 *
 * @param region region code, e.g. {@code eu-west-1}
 * @param location price-list location name, e.g. {@code EU (Ireland)}
 * @param usageType AWS usage type, e.g. {@code EU-Lambda-GB-Second-ARM}
 * @param group price group (derived from the usage type when parsed)
 * @param architecture architecture (derived from the usage type when parsed)
 * @param range usage range within the month this price applies to
 * @param unitPrice USD per unit (request or GB-second)
 * @param unit unit as AWS writes it (display only; AWS is inconsistent)
 * @param sku product SKU
 * @param rateCode price-dimension rate code ({@code SKU.OFFERTERM.DIMENSION})
 * @param description price-dimension description
 * @param basis published or derived
 */
public record Price(
    String region,
    String location,
    String usageType,
    PriceGroup group,
    Architecture architecture,
    TierRange range,
    BigDecimal unitPrice,
    String unit,
    String sku,
    String rateCode,
    String description,
    PriceBasis basis) {

  public Price {
    requireText(region, "region");
    requireText(usageType, "usageType");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(basis, "basis");
    if (unitPrice == null || unitPrice.signum() < 0) {
      throw new IllegalArgumentException(
          "price " + usageType + " in " + region + ": unit price must be zero or more");
    }
    location = location == null ? "" : location;
    unit = unit == null ? "" : unit;
    sku = sku == null ? "" : sku;
    rateCode = rateCode == null ? "" : rateCode;
    description = description == null ? "" : description;
  }

  /**
   * Builds a price from a price-list usage type, deriving group and architecture from it (the
   * constructor {@code prices refresh} uses for each {@code GetProducts} price dimension).
   *
   * @throws IllegalArgumentException if the usage type is not one of the five priced groups
   */
  public static Price fromUsageType(
      String region,
      String location,
      String usageType,
      TierRange range,
      BigDecimal unitPrice,
      String unit,
      String sku,
      String rateCode,
      String description,
      PriceBasis basis) {
    UsageType parsed =
        UsageTypes.parse(usageType)
            .filter(type -> !type.isFreeTier())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "usage type '" + usageType + "' is not a priced Lambda usage type"));
    return new Price(
        region,
        location,
        usageType,
        parsed.group(),
        parsed.architecture(),
        range,
        unitPrice,
        unit,
        sku,
        rateCode,
        description,
        basis);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("price " + name + " must not be blank");
    }
  }
}
