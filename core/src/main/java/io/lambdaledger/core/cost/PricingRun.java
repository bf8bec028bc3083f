package io.lambdaledger.core.cost;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.FreeTierAllowance;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceGroup;
import io.lambdaledger.core.pricing.RegionRates;
import io.lambdaledger.core.pricing.TierRange;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pricing of a list of lines with one price book. Not reusable; not thread-safe.
 *
 * <p>Each line's usage of each price group is held as an integer weight: requests, MB x ms of
 * billed duration (on-demand duration, ephemeral storage, provisioned duration), or MB x s of
 * provisioned concurrency; GB-seconds are weight x {@link PriceGroup.Weight#pricedUnits()}. The
 * payer's free tier is given out in whole units (requests, MB x ms) by largest remainder, first to
 * its buckets (region x architecture) by usage, then to the bucket's lines by usage. Within a
 * bucket and group every line's exact charge is its billable weight times the bucket's net price
 * per unit (the average after volume tiers), so the invoice line's cents are apportioned by
 * billable weight.
 */
final class PricingRun {

  /** Precision of pro-rata ratios (34 significant digits, IEEE 754 decimal128). */
  static final MathContext RATIO_PRECISION = MathContext.DECIMAL128;

  private static final int REQ = PriceGroup.REQUESTS.ordinal();
  private static final int DUR = PriceGroup.DURATION.ordinal();
  private static final int EPH = PriceGroup.EPHEMERAL_STORAGE.ordinal();
  private static final int PC = PriceGroup.PROVISIONED_CONCURRENCY.ordinal();
  private static final int PCD = PriceGroup.PROVISIONED_DURATION.ordinal();
  private static final PriceGroup[] GROUPS = PriceGroup.values();

  /** Priced units per unit of weight, by group: the factor each group's enum constant carries. */
  private static final BigDecimal[] UNIT = new BigDecimal[GROUPS.length];

  static {
    for (PriceGroup group : GROUPS) {
      UNIT[group.ordinal()] = group.weight().pricedUnits();
    }
  }

  private final PriceBook book;
  private final List<UsageLine> lines;
  private final CostOptions options;
  private final FreeTierAllowance allowance;

  private final long[][] weight;
  private final long[][] upperWeight;
  private final BigDecimal[][] exact;
  private final long[][] cents;
  private final long[] freeRequests;
  private final long[] freeDuration;
  private final BigDecimal[] credit;
  private final BigDecimal[] upperExtra;

  PricingRun(PriceBook book, List<UsageLine> lines, CostOptions options) {
    this.book = book;
    this.lines = List.copyOf(lines);
    this.options = options;
    this.allowance = book.freeTier();
    int n = this.lines.size();
    weight = new long[n][];
    upperWeight = new long[n][];
    exact = new BigDecimal[n][GROUPS.length];
    cents = new long[n][GROUPS.length];
    freeRequests = new long[n];
    freeDuration = new long[n];
    credit = new BigDecimal[n];
    upperExtra = new BigDecimal[n];
  }

  CostReport run() {
    Map<String, Map<BucketKey, Members>> payers = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      UsageLine line = lines.get(i);
      if (!book.hasRegion(line.region())) {
        throw new IllegalArgumentException(
            "unknown region '"
                + line.region()
                + "' for function "
                + line.function()
                + " (price book "
                + book.version()
                + ")");
      }
      weight[i] = weights(line, line.duration().lowerMs(), line.provisionedDuration().lowerMs());
      upperWeight[i] =
          line.hasDurationBound()
              ? weights(line, line.duration().upperMs(), line.provisionedDuration().upperMs())
              : weight[i];
      payers
          .computeIfAbsent(line.payer(), payer -> new TreeMap<>())
          .computeIfAbsent(new BucketKey(line.region(), line.architecture()), key -> new Members())
          .add(i);
    }
    List<PayerCost> payerCosts = new ArrayList<>();
    payers.forEach((payer, buckets) -> payerCosts.add(pricePayer(payer, buckets)));
    return report(payerCosts);
  }

  /** The line's weight in each group, for the given billed milliseconds. */
  private static long[] weights(UsageLine line, long onDemandMs, long provisionedMs) {
    try {
      long memory = line.memoryMb();
      long extraStorageMb = line.ephemeralStorageMb() - UsageLine.FREE_EPHEMERAL_STORAGE_MB;
      long[] w = new long[GROUPS.length];
      w[REQ] = Math.addExact(line.requests(), line.provisionedRequests());
      w[DUR] = Math.multiplyExact(onDemandMs, memory);
      w[EPH] = Math.multiplyExact(Math.addExact(onDemandMs, provisionedMs), extraStorageMb);
      w[PC] = Math.multiplyExact(line.provisionedConcurrencySeconds(), memory);
      w[PCD] = Math.multiplyExact(provisionedMs, memory);
      return w;
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "usage of function " + line.function() + " is too large to price", e);
    }
  }

  private PayerCost pricePayer(String payer, Map<BucketKey, Members> buckets) {
    List<Bucket> priced = new ArrayList<>(buckets.size());
    buckets.forEach(
        (key, members) ->
            priced.add(
                new Bucket(
                    payer, key, members.indexes(), book.rates(key.region(), key.architecture()))));
    int n = priced.size();
    long[] bucketRequests = new long[n];
    long[] bucketDuration = new long[n];
    long[] bucketDurationUpper = new long[n];
    for (int b = 0; b < n; b++) {
      bucketRequests[b] = priced.get(b).freeTierRequests;
      bucketDuration[b] = priced.get(b).total[DUR];
      bucketDurationUpper[b] = priced.get(b).upperTotal[DUR];
    }
    long freeMbMs = allowedMbMs();
    long[] requestsFree = shareFreeTier(allowance.requests(), bucketRequests, payer);
    long[] durationFree = shareFreeTier(freeMbMs, bucketDuration, payer);
    long[] durationFreeUpper = shareFreeTier(freeMbMs, bucketDurationUpper, payer);

    long[] payerCents = new long[GROUPS.length];
    BigDecimal[] payerExact = new BigDecimal[GROUPS.length];
    Arrays.fill(payerExact, BigDecimal.ZERO);
    BigDecimal payerCredit = BigDecimal.ZERO;
    long payerFreeRequests = 0;
    long payerFreeDuration = 0;
    long upperCents = 0;
    List<InvoiceLine> invoice = new ArrayList<>();
    for (int b = 0; b < n; b++) {
      Bucket bucket = priced.get(b);
      bucket.price(requestsFree[b], durationFree[b]);
      for (int g = 0; g < GROUPS.length; g++) {
        payerCents[g] += bucket.cents[g];
        payerExact[g] = payerExact[g].add(bucket.charge[g]);
        if (bucket.total[g] != 0) {
          invoice.add(bucket.invoiceLine(g));
        }
      }
      payerCredit = payerCredit.add(bucket.credit());
      payerFreeRequests += requestsFree[b];
      payerFreeDuration += durationFree[b];
      upperCents += bucket.upperBoundCents(durationFreeUpper[b]);
    }
    Charges payerCharges = Charges.of(toMoney(payerCents));
    return new PayerCost(
        payer,
        payerCharges,
        Charges.of(payerExact),
        payerCharges.total(),
        BigDecimal.valueOf(upperCents, 2),
        new FreeTierUse(
            BigDecimal.valueOf(payerFreeRequests), quantity(DUR, payerFreeDuration), payerCredit),
        invoice);
  }

  /** The free GB-seconds allowance in MB x ms (whole units). */
  private long allowedMbMs() {
    return allowance.gbSeconds().divideToIntegralValue(UNIT[DUR]).longValueExact();
  }

  /**
   * A payer's free allowance given out to its buckets in proportion to their usage, in whole units
   * by largest remainder; nothing without the free tier.
   */
  private long[] shareFreeTier(long allowed, long[] usage, String payer) {
    long used = 0;
    for (long value : usage) {
      used = add(used, value, payer);
    }
    long free = options.freeTier() ? Math.min(allowed, used) : 0;
    return CentAllocation.apportion(free, usage, used);
  }

  /** One payer's usage in one region and architecture: where tiers apply and cents are rounded. */
  private final class Bucket {
    final String payer;
    final BucketKey key;
    final int[] members;
    final RegionRates rates;
    final long[] total = new long[GROUPS.length];
    final long[] upperTotal = new long[GROUPS.length];
    final BigDecimal[] charge = new BigDecimal[GROUPS.length];
    final long[] cents = new long[GROUPS.length];
    long bucketFreeRequests;
    long bucketFreeDuration;

    /**
     * Requests the free tier can apply to: on-demand ones. Requests served by provisioned
     * concurrency get none ("The Lambda free tier does not apply to functions enabling Provisioned
     * Concurrency", docs/cost-model.md section 7).
     */
    long freeTierRequests;

    Bucket(String payer, BucketKey key, int[] members, RegionRates rates) {
      this.payer = payer;
      this.key = key;
      this.members = members;
      this.rates = rates;
      for (int i : members) {
        freeTierRequests = add(freeTierRequests, lines.get(i).requests(), payer);
        for (int g = 0; g < GROUPS.length; g++) {
          total[g] = add(total[g], weight[i][g], payer);
          upperTotal[g] = add(upperTotal[g], upperWeight[i][g], payer);
        }
      }
    }

    /** Prices the bucket with its share of the free tier and allocates both to its lines. */
    void price(long freeRequestsShare, long freeDurationShare) {
      bucketFreeRequests = freeRequestsShare;
      bucketFreeDuration = freeDurationShare;
      BigDecimal[] perUnit = charges();
      long[] lineFreeRequests = shareFreeRequestsWithLines(freeRequestsShare);
      long[] lineFreeDuration = shareWithLines(freeDurationShare, DUR);
      BigDecimal freeDurationValue = rates.firstTierDuration().multiply(UNIT[DUR]);
      for (int k = 0; k < members.length; k++) {
        int i = members[k];
        freeRequests[i] = lineFreeRequests[k];
        freeDuration[i] = lineFreeDuration[k];
        credit[i] =
            BigDecimal.valueOf(lineFreeRequests[k])
                .multiply(rates.request())
                .add(BigDecimal.valueOf(lineFreeDuration[k]).multiply(freeDurationValue));
      }
      for (int g = 0; g < GROUPS.length; g++) {
        long[] free = g == REQ ? lineFreeRequests : g == DUR ? lineFreeDuration : null;
        allocate(g, free, perUnit[g]);
      }
      for (int i : members) {
        upperExtra[i] = upperExtra(i, perUnit);
      }
    }

    /**
     * What line {@code i} would cost more if its bounded durations were at their upper bound,
     * priced at the bucket's net unit prices without giving it more free tier: the line's own
     * bound, which does not depend on the other lines unless the bucket reaches a second tier.
     */
    private BigDecimal upperExtra(int i, BigDecimal[] perUnit) {
      if (upperWeight[i] == weight[i]) {
        return BigDecimal.ZERO;
      }
      BigDecimal extra = BigDecimal.ZERO;
      for (int g : new int[] {DUR, EPH, PCD}) {
        long more = upperWeight[i][g] - weight[i][g];
        if (more != 0) {
          extra = extra.add(BigDecimal.valueOf(more).multiply(perUnit[g]));
        }
      }
      return extra;
    }

    /**
     * Sets the bucket's exact charges (section 6 of docs/cost-model.md) and returns each group's
     * net price per unit of billable weight.
     */
    private BigDecimal[] charges() {
      BigDecimal firstTier = rates.firstTierDuration();
      BigDecimal gbSeconds = quantity(DUR, total[DUR]);
      BigDecimal durationCost = rates.durationCost(gbSeconds);
      charge[REQ] = BigDecimal.valueOf(billable(REQ)).multiply(rates.request());
      charge[DUR] = durationCost.subtract(quantity(DUR, bucketFreeDuration).multiply(firstTier));
      charge[EPH] = quantity(EPH, total[EPH]).multiply(rates.ephemeralStorage());
      charge[PC] = quantity(PC, total[PC]).multiply(rates.provisionedConcurrency());
      charge[PCD] = quantity(PCD, total[PCD]).multiply(rates.provisionedDuration());
      for (int g = 0; g < GROUPS.length; g++) {
        cents[g] = Money.wholeCents(charge[g]);
      }
      BigDecimal[] perUnit = new BigDecimal[GROUPS.length];
      perUnit[REQ] = rates.request();
      perUnit[DUR] =
          reachesSecondTier(gbSeconds)
              ? charge[DUR].divide(BigDecimal.valueOf(billable(DUR)), RATIO_PRECISION)
              : firstTier.multiply(UNIT[DUR]);
      perUnit[EPH] = rates.ephemeralStorage().multiply(UNIT[EPH]);
      perUnit[PC] = rates.provisionedConcurrency().multiply(UNIT[PC]);
      perUnit[PCD] = rates.provisionedDuration().multiply(UNIT[PCD]);
      return perUnit;
    }

    /** The bucket's free units of one group given out to its lines by usage. */
    private long[] shareWithLines(long free, int group) {
      long[] lineWeights = new long[members.length];
      for (int k = 0; k < members.length; k++) {
        lineWeights[k] = weight[members[k]][group];
      }
      return CentAllocation.apportion(free, lineWeights, total[group]);
    }

    /** The bucket's free requests given out to its lines by their on-demand requests. */
    private long[] shareFreeRequestsWithLines(long free) {
      long[] lineWeights = new long[members.length];
      for (int k = 0; k < members.length; k++) {
        lineWeights[k] = lines.get(members[k]).requests();
      }
      return CentAllocation.apportion(free, lineWeights, freeTierRequests);
    }

    /** Each line's exact charge and its cents of the invoice line, by billable weight. */
    private void allocate(int group, long[] lineFree, BigDecimal perUnit) {
      long billableTotal = billable(group);
      long[] billableWeights = new long[members.length];
      for (int k = 0; k < members.length; k++) {
        int i = members[k];
        long lineBillable = weight[i][group] - (lineFree == null ? 0 : lineFree[k]);
        billableWeights[k] = lineBillable;
        exact[i][group] =
            lineBillable == 0
                ? BigDecimal.ZERO
                : lineBillable == billableTotal
                    ? charge[group]
                    : BigDecimal.valueOf(lineBillable).multiply(perUnit);
      }
      long[] allocated = CentAllocation.apportion(cents[group], billableWeights, billableTotal);
      for (int k = 0; k < members.length; k++) {
        PricingRun.this.cents[members[k]][group] = allocated[k];
      }
    }

    /** The bucket's weight of one group after the free tier. */
    private long billable(int group) {
      if (group == REQ) {
        return total[REQ] - bucketFreeRequests;
      }
      if (group == DUR) {
        return total[DUR] - bucketFreeDuration;
      }
      return total[group];
    }

    /** True when the bucket's duration goes past the first volume tier. */
    private boolean reachesSecondTier(BigDecimal gbSeconds) {
      TierRange firstRange = rates.durationTiers().get(0).range();
      return !firstRange.isUnbounded() && gbSeconds.compareTo(firstRange.end()) > 0;
    }

    BigDecimal credit() {
      return BigDecimal.valueOf(bucketFreeRequests)
          .multiply(rates.request())
          .add(quantity(DUR, bucketFreeDuration).multiply(rates.firstTierDuration()));
    }

    InvoiceLine invoiceLine(int g) {
      return new InvoiceLine(
          payer,
          key.region(),
          key.architecture(),
          GROUPS[g],
          rates.usageType(GROUPS[g]),
          quantity(g, billable(g)),
          charge[g],
          BigDecimal.valueOf(cents[g], 2));
    }

    /** This bucket's cents if every bounded duration were at its upper bound. */
    long upperBoundCents(long freeDurationUpper) {
      BigDecimal gbSeconds = quantity(DUR, upperTotal[DUR]);
      BigDecimal[] upperCharge = charge.clone();
      upperCharge[DUR] =
          rates
              .durationCost(gbSeconds)
              .subtract(quantity(DUR, freeDurationUpper).multiply(rates.firstTierDuration()));
      upperCharge[EPH] = quantity(EPH, upperTotal[EPH]).multiply(rates.ephemeralStorage());
      upperCharge[PCD] = quantity(PCD, upperTotal[PCD]).multiply(rates.provisionedDuration());
      long sum = 0;
      for (BigDecimal value : upperCharge) {
        sum += Money.wholeCents(value);
      }
      return sum;
    }
  }

  private static BigDecimal quantity(int group, long weight) {
    return weight == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(weight).multiply(UNIT[group]);
  }

  private static long add(long sum, long value, String payer) {
    try {
      return Math.addExact(sum, value);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("usage of payer " + payer + " is too large to price", e);
    }
  }

  private CostReport report(List<PayerCost> payerCosts) {
    List<LineCost> lineCosts = new ArrayList<>(lines.size());
    int bounded = 0;
    for (int i = 0; i < lines.size(); i++) {
      UsageLine line = lines.get(i);
      if (line.hasDurationBound()) {
        bounded++;
      }
      lineCosts.add(
          new LineCost(
              line,
              Charges.of(toMoney(cents[i])),
              Charges.of(exact[i]),
              credit[i],
              upperExtra[i],
              usage(i)));
    }
    Charges charges = Charges.ZERO;
    BigDecimal total = BigDecimal.ZERO.setScale(2);
    BigDecimal upperTotal = BigDecimal.ZERO.setScale(2);
    FreeTierUse freeTier = FreeTierUse.NONE;
    for (PayerCost payerCost : payerCosts) {
      charges = charges.plus(payerCost.charges());
      total = total.add(payerCost.total());
      upperTotal = upperTotal.add(payerCost.upperBoundTotal());
      freeTier = freeTier.plus(payerCost.freeTier());
    }
    return new CostReport(
        book.version(),
        "USD",
        charges,
        total,
        upperTotal,
        freeTier,
        payerCosts,
        lineCosts,
        CostWarning.ofBoundedDurations(bounded, total, upperTotal));
  }

  private LineUsage usage(int i) {
    UsageLine line = lines.get(i);
    long[] w = weight[i];
    BigDecimal gbSeconds = quantity(DUR, w[DUR]);
    return new LineUsage(
        line.totalRequests(),
        BigDecimal.valueOf(freeRequests[i]),
        BigDecimal.valueOf(w[REQ] - freeRequests[i]),
        BigDecimal.valueOf(line.duration().lowerMs()),
        gbSeconds,
        quantity(DUR, freeDuration[i]),
        quantity(DUR, w[DUR] - freeDuration[i]),
        upperWeight[i] == w ? gbSeconds : quantity(DUR, upperWeight[i][DUR]),
        quantity(EPH, w[EPH]),
        quantity(PC, w[PC]),
        quantity(PCD, w[PCD]));
  }

  private static BigDecimal[] toMoney(long[] cents) {
    BigDecimal[] money = new BigDecimal[cents.length];
    for (int g = 0; g < cents.length; g++) {
      money[g] = BigDecimal.valueOf(cents[g], 2);
    }
    return money;
  }

  /** Indexes of the lines of one bucket, in input order. */
  private static final class Members {
    private int[] items = new int[8];
    private int size;

    void add(int index) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
      }
      items[size++] = index;
    }

    int[] indexes() {
      return size == items.length ? items : Arrays.copyOf(items, size);
    }
  }

  /** Payer-level grouping key: volume tiers and invoice lines are per region and architecture. */
  private record BucketKey(String region, Architecture architecture)
      implements Comparable<BucketKey> {
    @Override
    public int compareTo(BucketKey other) {
      int byRegion = region.compareTo(other.region);
      return byRegion != 0 ? byRegion : architecture.compareTo(other.architecture);
    }
  }
}
