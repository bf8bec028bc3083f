package io.lambdaledger.core.cost;

import io.lambdaledger.core.pricing.Architecture;
import io.lambdaledger.core.pricing.FreeTierAllowance;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceGroup;
import io.lambdaledger.core.pricing.RegionRates;
import io.lambdaledger.core.pricing.TierRange;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One pricing of a list of lines with one price book. Not reusable; not thread-safe. */
final class PricingRun {

  /** Precision of pro-rata shares (34 significant digits, IEEE 754 decimal128). */
  static final MathContext SHARE_PRECISION = MathContext.DECIMAL128;

  /** MB x ms to GB-s: 1 / (1024 x 1000), exact. */
  static final BigDecimal MB_MS_TO_GB_S = new BigDecimal("0.0000009765625");

  /** MB x s to GB-s: 1 / 1024, exact. */
  static final BigDecimal MB_S_TO_GB_S = new BigDecimal("0.0009765625");

  private static final int REQ = PriceGroup.REQUESTS.ordinal();
  private static final int DUR = PriceGroup.DURATION.ordinal();
  private static final int EPH = PriceGroup.EPHEMERAL_STORAGE.ordinal();
  private static final int PC = PriceGroup.PROVISIONED_CONCURRENCY.ordinal();
  private static final int PCD = PriceGroup.PROVISIONED_DURATION.ordinal();
  private static final int GROUPS = PriceGroup.values().length;
  private static final PriceGroup[] GROUP = PriceGroup.values();

  private final PriceBook book;
  private final List<UsageLine> lines;
  private final CostOptions options;
  private final FreeTierAllowance allowance;

  /** Per line: quantity priced of each group (lower bound) and its upper bound. */
  private final BigDecimal[][] quantity;

  private final BigDecimal[][] upper;
  private final BigDecimal[][] exact;
  private final BigDecimal[][] cents;
  private final BigDecimal[] freeRequests;
  private final BigDecimal[] freeGbSeconds;
  private final BigDecimal[] credit;

  PricingRun(PriceBook book, List<UsageLine> lines, CostOptions options) {
    this.book = book;
    this.lines = List.copyOf(lines);
    this.options = options;
    this.allowance = book.freeTier();
    int n = this.lines.size();
    quantity = new BigDecimal[n][];
    upper = new BigDecimal[n][];
    exact = new BigDecimal[n][GROUPS];
    cents = new BigDecimal[n][GROUPS];
    freeRequests = new BigDecimal[n];
    freeGbSeconds = new BigDecimal[n];
    credit = new BigDecimal[n];
  }

  CostReport run() {
    Map<String, Map<BucketKey, List<Integer>>> payers = new TreeMap<>();
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
      quantity[i] = quantities(line, false);
      upper[i] = line.hasDurationBound() ? quantities(line, true) : quantity[i];
      payers
          .computeIfAbsent(line.payer(), payer -> new TreeMap<>())
          .computeIfAbsent(
              new BucketKey(line.region(), line.architecture()), key -> new ArrayList<>())
          .add(i);
    }
    List<PayerCost> payerCosts = new ArrayList<>();
    payers.forEach((payer, buckets) -> payerCosts.add(pricePayer(payer, buckets)));
    return report(payerCosts);
  }

  /** Quantities of one line per price group: requests, then GB-seconds. */
  private static BigDecimal[] quantities(UsageLine line, boolean upperBound) {
    BigDecimal memory = BigDecimal.valueOf(line.memoryMb());
    BigDecimal onDemandMs = upperBound ? line.duration().upperMs() : line.duration().lowerMs();
    BigDecimal provisionedMs =
        upperBound ? line.provisionedDuration().upperMs() : line.provisionedDuration().lowerMs();
    int extraStorageMb = line.ephemeralStorageMb() - UsageLine.FREE_EPHEMERAL_STORAGE_MB;
    BigDecimal[] q = new BigDecimal[GROUPS];
    q[REQ] = BigDecimal.valueOf(line.totalRequests());
    q[DUR] = gbSeconds(onDemandMs, memory);
    q[EPH] =
        extraStorageMb == 0
            ? BigDecimal.ZERO
            : gbSeconds(onDemandMs.add(provisionedMs), BigDecimal.valueOf(extraStorageMb));
    q[PC] =
        BigDecimal.valueOf(line.provisionedConcurrencySeconds())
            .multiply(memory)
            .multiply(MB_S_TO_GB_S);
    q[PCD] = gbSeconds(provisionedMs, memory);
    return q;
  }

  private static BigDecimal gbSeconds(BigDecimal milliseconds, BigDecimal megabytes) {
    if (milliseconds.signum() == 0) {
      return BigDecimal.ZERO;
    }
    return milliseconds.multiply(megabytes).multiply(MB_MS_TO_GB_S);
  }

  private PayerCost pricePayer(String payer, Map<BucketKey, List<Integer>> buckets) {
    BigDecimal totalRequests = BigDecimal.ZERO;
    BigDecimal totalGbSeconds = BigDecimal.ZERO;
    BigDecimal totalGbSecondsUpper = BigDecimal.ZERO;
    for (List<Integer> bucket : buckets.values()) {
      for (int i : bucket) {
        totalRequests = totalRequests.add(quantity[i][REQ]);
        totalGbSeconds = totalGbSeconds.add(quantity[i][DUR]);
        totalGbSecondsUpper = totalGbSecondsUpper.add(upper[i][DUR]);
      }
    }
    FreePool requestPool =
        new FreePool(
            freeAmount(BigDecimal.valueOf(allowance.requests()), totalRequests), totalRequests);
    FreePool gbSecondPool =
        new FreePool(freeAmount(allowance.gbSeconds(), totalGbSeconds), totalGbSeconds);
    FreePool gbSecondPoolUpper =
        new FreePool(freeAmount(allowance.gbSeconds(), totalGbSecondsUpper), totalGbSecondsUpper);

    BigDecimal[] payerCents = zeros();
    BigDecimal[] payerExact = zeros();
    BigDecimal payerCredit = BigDecimal.ZERO;
    BigDecimal upperTotal = BigDecimal.ZERO;
    List<InvoiceLine> invoice = new ArrayList<>();
    for (Map.Entry<BucketKey, List<Integer>> entry : buckets.entrySet()) {
      BucketKey key = entry.getKey();
      List<Integer> members = entry.getValue();
      RegionRates rates = book.rates(key.region(), key.architecture());
      BigDecimal firstTier = rates.firstTierDuration();

      BigDecimal[] used = zeros();
      BigDecimal[] usedUpper = zeros();
      for (int i : members) {
        for (int g = 0; g < GROUPS; g++) {
          used[g] = used[g].add(quantity[i][g]);
          usedUpper[g] = usedUpper[g].add(upper[i][g]);
        }
      }
      BigDecimal bucketFreeRequests = requestPool.share(used[REQ]);
      BigDecimal bucketFreeGbSeconds = gbSecondPool.share(used[DUR]);
      BigDecimal durationCost = rates.durationCost(used[DUR]);

      BigDecimal[] charge = new BigDecimal[GROUPS];
      charge[REQ] = used[REQ].subtract(bucketFreeRequests).multiply(rates.request());
      charge[DUR] = durationCost.subtract(bucketFreeGbSeconds.multiply(firstTier));
      charge[EPH] = used[EPH].multiply(rates.ephemeralStorage());
      charge[PC] = used[PC].multiply(rates.provisionedConcurrency());
      charge[PCD] = used[PCD].multiply(rates.provisionedDuration());

      BigDecimal averageDurationRate = averageRate(rates, used[DUR], durationCost);
      for (int i : members) {
        BigDecimal lineFreeRequests = requestPool.share(quantity[i][REQ]);
        BigDecimal lineFreeGbSeconds = gbSecondPool.share(quantity[i][DUR]);
        freeRequests[i] = lineFreeRequests;
        freeGbSeconds[i] = lineFreeGbSeconds;
        credit[i] =
            lineFreeRequests.multiply(rates.request()).add(lineFreeGbSeconds.multiply(firstTier));
        exact[i][REQ] = quantity[i][REQ].subtract(lineFreeRequests).multiply(rates.request());
        exact[i][DUR] =
            members.size() == 1
                ? charge[DUR]
                : quantity[i][DUR]
                    .multiply(averageDurationRate)
                    .subtract(lineFreeGbSeconds.multiply(firstTier));
        exact[i][EPH] = quantity[i][EPH].multiply(rates.ephemeralStorage());
        exact[i][PC] = quantity[i][PC].multiply(rates.provisionedConcurrency());
        exact[i][PCD] = quantity[i][PCD].multiply(rates.provisionedDuration());
      }

      BigDecimal[] quantityBilled = used.clone();
      quantityBilled[REQ] = used[REQ].subtract(bucketFreeRequests);
      quantityBilled[DUR] = used[DUR].subtract(bucketFreeGbSeconds);
      for (int g = 0; g < GROUPS; g++) {
        BigDecimal amount = charge[g].setScale(2, RoundingMode.HALF_UP);
        payerCents[g] = payerCents[g].add(amount);
        payerExact[g] = payerExact[g].add(charge[g]);
        allocate(members, g, amount);
        if (used[g].signum() != 0) {
          invoice.add(
              new InvoiceLine(
                  payer,
                  key.region(),
                  key.architecture(),
                  GROUP[g],
                  rates.usageType(GROUP[g]),
                  quantityBilled[g],
                  charge[g],
                  amount));
        }
      }
      payerCredit =
          payerCredit
              .add(bucketFreeRequests.multiply(rates.request()))
              .add(bucketFreeGbSeconds.multiply(firstTier));

      BigDecimal[] chargeUpper = charge.clone();
      chargeUpper[DUR] =
          rates
              .durationCost(usedUpper[DUR])
              .subtract(gbSecondPoolUpper.share(usedUpper[DUR]).multiply(firstTier));
      chargeUpper[EPH] = usedUpper[EPH].multiply(rates.ephemeralStorage());
      chargeUpper[PCD] = usedUpper[PCD].multiply(rates.provisionedDuration());
      for (BigDecimal value : chargeUpper) {
        upperTotal = upperTotal.add(value.setScale(2, RoundingMode.HALF_UP));
      }
    }
    Charges payerCharges = Charges.of(payerCents);
    return new PayerCost(
        payer,
        payerCharges,
        Charges.of(payerExact),
        payerCharges.total(),
        upperTotal,
        new FreeTierUse(requestPool.free(), gbSecondPool.free(), payerCredit),
        invoice);
  }

  private BigDecimal freeAmount(BigDecimal allowed, BigDecimal used) {
    return options.freeTier() ? allowed.min(used) : BigDecimal.ZERO;
  }

  /**
   * The bucket's average on-demand duration rate after volume tiers: the tier-1 rate unless the
   * bucket reaches tier 2.
   */
  private static BigDecimal averageRate(
      RegionRates rates, BigDecimal gbSeconds, BigDecimal durationCost) {
    TierRange firstRange = rates.durationTiers().get(0).range();
    if (gbSeconds.signum() == 0
        || firstRange.isUnbounded()
        || gbSeconds.compareTo(firstRange.end()) <= 0) {
      return rates.firstTierDuration();
    }
    return durationCost.divide(gbSeconds, SHARE_PRECISION);
  }

  private void allocate(List<Integer> members, int group, BigDecimal amount) {
    BigDecimal[] shares = new BigDecimal[members.size()];
    for (int k = 0; k < shares.length; k++) {
      shares[k] = exact[members.get(k)][group];
    }
    BigDecimal[] allocated = CentAllocation.allocate(shares, amount);
    for (int k = 0; k < shares.length; k++) {
      cents[members.get(k)][group] = allocated[k];
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
          new LineCost(line, Charges.of(cents[i]), Charges.of(exact[i]), credit[i], usage(i)));
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
        warnings(bounded, total, upperTotal));
  }

  private LineUsage usage(int i) {
    UsageLine line = lines.get(i);
    BigDecimal[] q = quantity[i];
    return new LineUsage(
        line.totalRequests(),
        freeRequests[i],
        q[REQ].subtract(freeRequests[i]),
        line.duration().lowerMs(),
        q[DUR],
        freeGbSeconds[i],
        q[DUR].subtract(freeGbSeconds[i]),
        upper[i][DUR],
        q[EPH],
        q[PC],
        q[PCD]);
  }

  private static List<CostWarning> warnings(int bounded, BigDecimal total, BigDecimal upperTotal) {
    if (bounded == 0) {
      return List.of();
    }
    String lines = bounded == 1 ? "1 line prices" : bounded + " lines price";
    return List.of(
        new CostWarning(
            CostWarning.INIT_NOT_IN_METRICS,
            lines
                + " duration from the CloudWatch Duration metric, which excludes INIT (cold start)"
                + " time; AWS bills INIT for on-demand ZIP functions on managed runtimes since"
                + " 2025-08-01 and always for custom runtimes and container images, so the bill can"
                + " be higher."),
        new CostWarning(
            CostWarning.DURATION_ROUNDING_BOUND,
            lines
                + " duration from CloudWatch sums; AWS rounds each invocation up to 1 ms, so the"
                + " bill can be up to $"
                + upperTotal.subtract(total).toPlainString()
                + " higher (at most $"
                + upperTotal.toPlainString()
                + ")."));
  }

  private static BigDecimal[] zeros() {
    BigDecimal[] values = new BigDecimal[GROUPS];
    java.util.Arrays.fill(values, BigDecimal.ZERO);
    return values;
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

  /**
   * A payer's free allowance of one kind, shared pro rata: a part of the usage gets {@code free x
   * part / used}, exact when the part is all of the usage or the allowance covers everything.
   */
  private record FreePool(BigDecimal free, BigDecimal used) {
    BigDecimal share(BigDecimal part) {
      if (free.signum() == 0 || part.signum() == 0) {
        return BigDecimal.ZERO;
      }
      if (part.compareTo(used) == 0) {
        return free;
      }
      if (free.compareTo(used) == 0) {
        return part;
      }
      return part.multiply(free).divide(used, SHARE_PRECISION);
    }
  }
}
