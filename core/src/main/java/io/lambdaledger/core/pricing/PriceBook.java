package io.lambdaledger.core.pricing;

import io.lambdaledger.core.model.Architecture;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One version of the Lambda price list: every price for every region it covers, the free tier, and
 * where the prices come from. Immutable; validated on construction so that every covered region has
 * all five price groups for both architectures and contiguous duration tiers.
 */
public final class PriceBook {

  private static final Comparator<Price> ORDER =
      Comparator.comparing(Price::region)
          .thenComparing(Price::architecture)
          .thenComparing(Price::group)
          .thenComparing(price -> price.range().begin());

  private final String version;
  private final LocalDate effectiveDate;
  private final String source;
  private final FreeTierAllowance freeTier;
  private final List<Price> prices;
  private final Map<String, EnumMap<Architecture, RegionRates>> rates;

  /**
   * Builds and validates a price book.
   *
   * @param version a unique name for this version, e.g. {@code bundled-2026.1} or {@code
   *     aws-20261101T000000}
   * @param effectiveDate the first day these prices apply
   * @param source where the prices come from (free text)
   * @param freeTier the monthly free tier
   * @param prices every regional price dimension, in any order
   * @throws IllegalArgumentException naming the first region, group or tier that is missing,
   *     duplicated or not contiguous
   */
  public PriceBook(
      String version,
      LocalDate effectiveDate,
      String source,
      FreeTierAllowance freeTier,
      List<Price> prices) {
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("price book version must not be blank");
    }
    this.version = version;
    this.effectiveDate = Objects.requireNonNull(effectiveDate, "effectiveDate");
    this.source = source == null ? "" : source;
    this.freeTier = Objects.requireNonNull(freeTier, "freeTier");
    List<Price> sorted = new ArrayList<>(prices);
    sorted.sort(ORDER);
    this.prices = Collections.unmodifiableList(sorted);
    this.rates = resolve(sorted);
  }

  /** The snapshot bundled with Lambda Ledger (see {@code docs/cost-model.md}). */
  public static PriceBook bundled() {
    return BundledPriceBook.BOOK;
  }

  public String version() {
    return version;
  }

  public LocalDate effectiveDate() {
    return effectiveDate;
  }

  public String source() {
    return source;
  }

  public FreeTierAllowance freeTier() {
    return freeTier;
  }

  /** Every price, ordered by region, architecture, group and range. */
  public List<Price> prices() {
    return prices;
  }

  /** The prices of one region (empty if the book does not cover it). */
  public List<Price> prices(String region) {
    return prices.stream().filter(price -> price.region().equals(region)).toList();
  }

  /** The region codes this book covers, sorted. */
  public SortedSet<String> regions() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(rates.keySet()));
  }

  public boolean hasRegion(String region) {
    return rates.containsKey(region);
  }

  /**
   * The rates for one region and architecture.
   *
   * @throws IllegalArgumentException if the book does not cover the region
   */
  public RegionRates rates(String region, Architecture architecture) {
    EnumMap<Architecture, RegionRates> byArchitecture = rates.get(region);
    if (byArchitecture == null) {
      throw new IllegalArgumentException(
          "unknown region '" + region + "' (price book " + version + " covers " + regions() + ")");
    }
    return byArchitecture.get(architecture);
  }

  @Override
  public String toString() {
    return "PriceBook["
        + version
        + ", effective "
        + effectiveDate
        + ", "
        + rates.size()
        + " regions]";
  }

  private static Map<String, EnumMap<Architecture, RegionRates>> resolve(List<Price> sorted) {
    Map<String, Map<Architecture, Map<PriceGroup, List<Price>>>> grouped = new TreeMap<>();
    for (Price price : sorted) {
      grouped
          .computeIfAbsent(price.region(), region -> new EnumMap<>(Architecture.class))
          .computeIfAbsent(price.architecture(), architecture -> new EnumMap<>(PriceGroup.class))
          .computeIfAbsent(price.group(), group -> new ArrayList<>())
          .add(price);
    }
    Map<String, EnumMap<Architecture, RegionRates>> resolved = new HashMap<>();
    grouped.forEach(
        (region, byArchitecture) -> {
          EnumMap<Architecture, RegionRates> regionRates = new EnumMap<>(Architecture.class);
          for (Architecture architecture : Architecture.values()) {
            Map<PriceGroup, List<Price>> byGroup = byArchitecture.get(architecture);
            if (byGroup == null) {
              throw new IllegalArgumentException(
                  "price book: region " + region + " has no " + architecture + " prices");
            }
            regionRates.put(architecture, resolve(region, architecture, byGroup));
          }
          resolved.put(region, regionRates);
        });
    return resolved;
  }

  private static RegionRates resolve(
      String region, Architecture architecture, Map<PriceGroup, List<Price>> byGroup) {
    String where = "price book: region " + region + " " + architecture + " ";
    for (PriceGroup group : PriceGroup.values()) {
      List<Price> list = byGroup.get(group);
      if (list == null) {
        throw new IllegalArgumentException(where + "has no " + group.key() + " price");
      }
      if (group != PriceGroup.DURATION
          && (list.size() != 1 || !list.get(0).range().equals(TierRange.ALL))) {
        throw new IllegalArgumentException(
            where + group.key() + " must have exactly one price for 0-Inf, found " + list.size());
      }
    }
    List<DurationTier> tiers = new ArrayList<>();
    BigDecimal expectedBegin = BigDecimal.ZERO;
    for (Price price : byGroup.get(PriceGroup.DURATION)) {
      TierRange range = price.range();
      if (expectedBegin == null || range.begin().compareTo(expectedBegin) != 0) {
        throw new IllegalArgumentException(
            where + "duration tiers must be contiguous from 0 to Inf; unexpected tier " + range);
      }
      tiers.add(new DurationTier(range, price.unitPrice()));
      expectedBegin = range.end();
    }
    if (expectedBegin != null) {
      throw new IllegalArgumentException(where + "last duration tier must end at Inf");
    }
    return new RegionRates(
        region,
        architecture,
        byGroup.get(PriceGroup.REQUESTS).get(0).unitPrice(),
        tiers,
        byGroup.get(PriceGroup.EPHEMERAL_STORAGE).get(0).unitPrice(),
        byGroup.get(PriceGroup.PROVISIONED_CONCURRENCY).get(0).unitPrice(),
        byGroup.get(PriceGroup.PROVISIONED_DURATION).get(0).unitPrice(),
        usageTypes(byGroup));
  }

  private static Map<PriceGroup, String> usageTypes(Map<PriceGroup, List<Price>> byGroup) {
    Map<PriceGroup, String> usageTypes = new EnumMap<>(PriceGroup.class);
    byGroup.forEach((group, list) -> usageTypes.put(group, list.get(0).usageType()));
    return usageTypes;
  }
}
