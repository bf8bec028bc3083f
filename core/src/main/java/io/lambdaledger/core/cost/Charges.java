package io.lambdaledger.core.cost;

import io.lambdaledger.core.pricing.PriceGroup;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * USD per charge component. Used both for cent amounts (scale 2, what the bill shows) and for exact
 * amounts (unrounded).
 */
public record Charges(
    BigDecimal requests,
    BigDecimal duration,
    BigDecimal ephemeralStorage,
    BigDecimal provisionedConcurrency,
    BigDecimal provisionedDuration) {

  /** Zero cents in every component. */
  public static final Charges ZERO = new Charges(cents(0), cents(0), cents(0), cents(0), cents(0));

  public Charges {
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(ephemeralStorage, "ephemeralStorage");
    Objects.requireNonNull(provisionedConcurrency, "provisionedConcurrency");
    Objects.requireNonNull(provisionedDuration, "provisionedDuration");
  }

  /** The sum of the components. */
  public BigDecimal total() {
    return requests
        .add(duration)
        .add(ephemeralStorage)
        .add(provisionedConcurrency)
        .add(provisionedDuration);
  }

  public Charges plus(Charges other) {
    return new Charges(
        requests.add(other.requests),
        duration.add(other.duration),
        ephemeralStorage.add(other.ephemeralStorage),
        provisionedConcurrency.add(other.provisionedConcurrency),
        provisionedDuration.add(other.provisionedDuration));
  }

  public BigDecimal get(PriceGroup group) {
    return switch (group) {
      case REQUESTS -> requests;
      case DURATION -> duration;
      case EPHEMERAL_STORAGE -> ephemeralStorage;
      case PROVISIONED_CONCURRENCY -> provisionedConcurrency;
      case PROVISIONED_DURATION -> provisionedDuration;
    };
  }

  /** Builds charges from an array indexed by {@link PriceGroup#ordinal()}. */
  static Charges of(BigDecimal[] byGroup) {
    return new Charges(
        byGroup[PriceGroup.REQUESTS.ordinal()],
        byGroup[PriceGroup.DURATION.ordinal()],
        byGroup[PriceGroup.EPHEMERAL_STORAGE.ordinal()],
        byGroup[PriceGroup.PROVISIONED_CONCURRENCY.ordinal()],
        byGroup[PriceGroup.PROVISIONED_DURATION.ordinal()]);
  }

  /** Every component negated (a difference of two cumulative figures). */
  public Charges negated() {
    return new Charges(
        requests.negate(),
        duration.negate(),
        ephemeralStorage.negate(),
        provisionedConcurrency.negate(),
        provisionedDuration.negate());
  }

  private static BigDecimal cents(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }
}
