package io.lambdaledger.core.pricing;

import io.lambdaledger.core.model.Architecture;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The unit prices that apply to one region and architecture, resolved from a {@link PriceBook}.
 *
 * @param request USD per request
 * @param durationTiers on-demand duration tiers, ascending, the first starting at 0 GB-s and the
 *     last unbounded
 * @param ephemeralStorage USD per GB-second of storage configured above 512 MB
 * @param provisionedConcurrency USD per GB-second of configured provisioned concurrency
 * @param provisionedDuration USD per GB-second of duration served by provisioned concurrency
 * @param usageTypes the AWS usage type of each price group in this region and architecture
 */
public record RegionRates(
    String region,
    Architecture architecture,
    BigDecimal request,
    List<DurationTier> durationTiers,
    BigDecimal ephemeralStorage,
    BigDecimal provisionedConcurrency,
    BigDecimal provisionedDuration,
    Map<PriceGroup, String> usageTypes) {

  public RegionRates {
    durationTiers = List.copyOf(durationTiers);
    usageTypes = Map.copyOf(usageTypes);
  }

  /** The AWS usage type of {@code group} here, e.g. {@code EU-Request-ARM}. */
  public String usageType(PriceGroup group) {
    return usageTypes.get(group);
  }

  /** The tier-1 duration rate: the rate the free GB-seconds would have cost. */
  public BigDecimal firstTierDuration() {
    return durationTiers.get(0).unitPrice();
  }

  /**
   * Graduated cost of {@code gbSeconds} of on-demand duration in one month: each tier's rate
   * applies only to the GB-seconds inside its range. Exact (no rounding).
   */
  public BigDecimal durationCost(BigDecimal gbSeconds) {
    BigDecimal cost = BigDecimal.ZERO;
    for (DurationTier tier : durationTiers) {
      BigDecimal portion = tier.range().portionOf(gbSeconds);
      if (portion.signum() == 0) {
        break;
      }
      cost = cost.add(portion.multiply(tier.unitPrice()));
    }
    return cost;
  }

  /** The unit price of a single-rate group; for {@link PriceGroup#DURATION} the tier-1 rate. */
  public BigDecimal rate(PriceGroup group) {
    return switch (group) {
      case REQUESTS -> request;
      case DURATION -> firstTierDuration();
      case EPHEMERAL_STORAGE -> ephemeralStorage;
      case PROVISIONED_CONCURRENCY -> provisionedConcurrency;
      case PROVISIONED_DURATION -> provisionedDuration;
    };
  }
}
