package io.lambdaledger.core.costing;

import io.lambdaledger.core.bill.BilledAmount;
import io.lambdaledger.core.bill.LineType;
import io.lambdaledger.core.cost.BilledDuration;
import io.lambdaledger.core.cost.GbSeconds;
import io.lambdaledger.core.cost.LineUsage;
import io.lambdaledger.core.cost.Money;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceGroup;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Estimate against bill: a month's priced lines (the estimate, over the days the bill covers) and
 * its imported bill, per function, with the variance explained in named causes ({@link
 * VarianceCause}). Pure.
 *
 * <p>Per function and charge (requests, duration, storage, PC, PC duration) the variance splits
 * into: the usage the bill has beyond the estimate, at the estimate's own unit price (duration: the
 * per-invocation rounding up to half its bound, then INIT; storage shares that split; PC and PC
 * duration: history gaps; requests: unexplained); the free tier and tier discounts allocated
 * differently (the bill's list cost less its on-demand cost, against the same for the estimate);
 * Savings Plans (negation lines, or covered usage billed at zero); and what is left, which is a
 * difference of unit prices and so unexplained. Credits, refunds and plan fees go to their causes
 * wherever they are; other lines without a function are unallocated.
 */
public final class Reconciliation {

  private Reconciliation() {}

  /**
   * @param book the price book the estimate was priced with (for its unit prices)
   * @param estimate the priced lines of the days the bill covers
   * @param billed the bill's amounts of the month
   * @param scope the accounts the caller may see: lines and bill lines of other accounts are left
   *     out
   */
  public static ReconciledMonth of(
      YearMonth month,
      PriceBook book,
      List<PricedLine> estimate,
      List<BilledAmount> billed,
      AccountScope scope) {
    Map<FunctionKey, Side> functions = new TreeMap<>();
    for (PricedLine line : estimate) {
      if (scope.includes(line.accountId())) {
        functions.computeIfAbsent(line.usage().function(), k -> new Side()).estimate(line, book);
      }
    }
    Map<String, Side> unallocated = new TreeMap<>();
    LocalDate from = null;
    LocalDate through = null;
    for (BilledAmount amount : billed) {
      if (!scope.includes(amount.usageAccount())) {
        continue;
      }
      from = from == null || amount.usageDate().isBefore(from) ? amount.usageDate() : from;
      through =
          through == null || amount.usageDate().isAfter(through) ? amount.usageDate() : through;
      FunctionKey function = functionOf(amount.functionArn());
      Side side =
          function == null
              ? unallocated.computeIfAbsent(amount.usageAccount(), k -> new Side())
              : functions.computeIfAbsent(function, k -> new Side());
      side.bill(amount, function == null);
    }
    List<ReconciledMonth.Reconciled> out = new ArrayList<>();
    functions.forEach(
        (function, side) ->
            out.add(
                new ReconciledMonth.Reconciled(
                    function, function.accountId(), side.reconcile(function.toString()))));
    unallocated.forEach(
        (account, side) ->
            out.add(
                new ReconciledMonth.Reconciled(
                    null, account, side.reconcile(ReconciledMonth.UNALLOCATED))));
    return new ReconciledMonth(month, from, through, out, List.of());
  }

  /**
   * The function an ARN names ({@code arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}), or
   * null when the line names none.
   */
  public static FunctionKey functionOf(String arn) {
    if (arn == null || arn.isBlank()) {
      return null;
    }
    String[] parts = arn.split(":");
    if (parts.length < 7 || !parts[2].equals("lambda") || !parts[5].equals("function")) {
      return null;
    }
    return new FunctionKey(parts[4], parts[3], parts[6]);
  }

  /** One charge of one function on both sides. */
  private static final class Charge {
    BigDecimal estimated = BigDecimal.ZERO;
    BigDecimal estimatedUsage = BigDecimal.ZERO;
    BigDecimal estimatedList = BigDecimal.ZERO;
    BigDecimal rate;
    BigDecimal billed = BigDecimal.ZERO;
    BigDecimal billedUsage = BigDecimal.ZERO;
    BigDecimal billedList = BigDecimal.ZERO;
    BigDecimal onDemand = BigDecimal.ZERO;
    BigDecimal negated = BigDecimal.ZERO;
    boolean covered;

    BigDecimal unitPrice() {
      if (estimatedUsage.signum() != 0) {
        return estimatedList.divide(estimatedUsage, MathContext.DECIMAL64);
      }
      if (rate != null) {
        return rate;
      }
      return billedUsage.signum() == 0
          ? BigDecimal.ZERO
          : billedList.divide(billedUsage, MathContext.DECIMAL64);
    }
  }

  /** Both sides of one function (or of one account's unallocated lines), accumulated. */
  private static final class Side {
    private final Map<PriceGroup, Charge> charges = new EnumMap<>(PriceGroup.class);
    private final Map<VarianceCause, BigDecimal> causes = new EnumMap<>(VarianceCause.class);
    private boolean estimated;
    private BigDecimal durationBoundGbSeconds = BigDecimal.ZERO;
    private BigDecimal provisionedBoundGbSeconds = BigDecimal.ZERO;
    private BigDecimal billedTotal = BigDecimal.ZERO;
    private BigDecimal netTotal = BigDecimal.ZERO;

    Side() {
      for (PriceGroup group : PriceGroup.values()) {
        charges.put(group, new Charge());
      }
    }

    void estimate(PricedLine line, PriceBook book) {
      estimated = true;
      UsageLine usageLine = line.cost().line();
      LineUsage usage = line.cost().usage();
      var rates = book.rates(usageLine.region(), usageLine.architecture());
      for (PriceGroup group : PriceGroup.values()) {
        Charge c = charges.get(group);
        BigDecimal quantity = quantity(usage, group);
        c.estimated = c.estimated.add(line.cost().charges().get(group));
        c.estimatedUsage = c.estimatedUsage.add(quantity);
        c.estimatedList = c.estimatedList.add(quantity.multiply(rates.rate(group)));
        c.rate = rates.rate(group);
      }
      durationBoundGbSeconds =
          durationBoundGbSeconds.add(usage.gbSecondsUpperBound().subtract(usage.gbSeconds()));
      BilledDuration pc = usageLine.provisionedDuration();
      provisionedBoundGbSeconds =
          provisionedBoundGbSeconds.add(
              GbSeconds.of(pc.upperMs() - pc.lowerMs(), usageLine.memoryMb()));
    }

    void bill(BilledAmount amount, boolean noFunction) {
      billedTotal = billedTotal.add(amount.billedCost());
      netTotal = netTotal.add(amount.netCost());
      PriceGroup group = groupOf(amount);
      switch (amount.lineType()) {
        case USAGE, FREE_TIER, SAVINGS_PLAN_COVERED, SAVINGS_PLAN_NEGATION -> {
          if (group == null || noFunction) {
            add(noFunction ? VarianceCause.UNALLOCATED : VarianceCause.UNEXPLAINED, amount);
            return;
          }
          Charge c = charges.get(group);
          c.billed = c.billed.add(amount.billedCost());
          if (amount.lineType() == LineType.SAVINGS_PLAN_NEGATION) {
            c.negated = c.negated.add(amount.billedCost());
          } else {
            c.billedUsage = c.billedUsage.add(amount.usageAmount());
            c.billedList = c.billedList.add(amount.listCost());
            c.onDemand = c.onDemand.add(amount.billedCost());
            c.covered |= amount.lineType() == LineType.SAVINGS_PLAN_COVERED;
          }
        }
        case SAVINGS_PLAN_FEE -> add(VarianceCause.SAVINGS_PLANS, amount);
        case CREDIT, REFUND -> add(VarianceCause.CREDITS_REFUNDS, amount);
        case TAX, OTHER ->
            add(noFunction ? VarianceCause.UNALLOCATED : VarianceCause.UNEXPLAINED, amount);
      }
    }

    private void add(VarianceCause cause, BilledAmount amount) {
      causes.merge(cause, amount.billedCost(), BigDecimal::add);
    }

    /** The variance, split by cause, rounded to cents; what rounding leaves is unexplained. */
    ReconciledItem reconcile(String key) {
      Charge duration = charges.get(PriceGroup.DURATION);
      Charge provisioned = charges.get(PriceGroup.PROVISIONED_DURATION);
      // Duration the estimate put on provisioned concurrency and the bill on demand (CloudWatch
      // does not split them) is a PC history gap, not INIT.
      // Provisioned invocations are rounded up per invocation too: half their bound, expected.
      BigDecimal provisionedRounding = provisionedBoundGbSeconds.divide(BigDecimal.TWO);
      BigDecimal shifted =
          duration
              .billedUsage
              .subtract(duration.estimatedUsage)
              .min(
                  provisioned
                      .estimatedUsage
                      .add(provisionedRounding)
                      .subtract(provisioned.billedUsage))
              .max(BigDecimal.ZERO);
      BigDecimal durationGap =
          duration.billedUsage.subtract(duration.estimatedUsage).subtract(shifted);
      BigDecimal rounding = BigDecimal.ZERO;
      BigDecimal initShare = BigDecimal.ZERO;
      if (durationGap.signum() > 0) {
        rounding = durationGap.min(durationBoundGbSeconds.divide(BigDecimal.TWO));
        initShare = durationGap.subtract(rounding).divide(durationGap, MathContext.DECIMAL64);
      }
      for (Map.Entry<PriceGroup, Charge> e : charges.entrySet()) {
        Charge c = e.getValue();
        if (c.estimated.signum() == 0 && c.billed.signum() == 0 && c.billedUsage.signum() == 0) {
          continue;
        }
        if (!estimated) {
          causes.merge(VarianceCause.SAVINGS_PLANS, c.negated, BigDecimal::add);
          continue; // the rest of a function the estimate does not know is unexplained
        }
        BigDecimal price = c.unitPrice();
        BigDecimal gap = c.billedUsage.subtract(c.estimatedUsage);
        BigDecimal gapCost = gap.multiply(price);
        switch (e.getKey()) {
          case REQUESTS -> {
            // Requests are counted, not estimated: a difference stays unexplained.
          }
          case DURATION -> {
            if (durationGap.signum() > 0) {
              causes.merge(VarianceCause.HISTORY_GAPS, shifted.multiply(price), BigDecimal::add);
              causes.merge(VarianceCause.ROUNDING, rounding.multiply(price), BigDecimal::add);
              causes.merge(
                  VarianceCause.INIT,
                  durationGap.subtract(rounding).multiply(price),
                  BigDecimal::add);
            } else {
              causes.merge(VarianceCause.HISTORY_GAPS, gapCost, BigDecimal::add);
            }
          }
          case EPHEMERAL_STORAGE -> {
            if (gap.signum() > 0 && initShare.signum() > 0) {
              BigDecimal init = gapCost.multiply(initShare);
              causes.merge(VarianceCause.INIT, init, BigDecimal::add);
              causes.merge(VarianceCause.ROUNDING, gapCost.subtract(init), BigDecimal::add);
            } else {
              causes.merge(VarianceCause.HISTORY_GAPS, gapCost, BigDecimal::add);
            }
          }
          case PROVISIONED_DURATION -> {
            BigDecimal round = gap.max(BigDecimal.ZERO).min(provisionedRounding).multiply(price);
            causes.merge(VarianceCause.ROUNDING, round, BigDecimal::add);
            causes.merge(VarianceCause.HISTORY_GAPS, gapCost.subtract(round), BigDecimal::add);
          }
          case PROVISIONED_CONCURRENCY ->
              causes.merge(VarianceCause.HISTORY_GAPS, gapCost, BigDecimal::add);
        }
        if (c.covered && c.negated.signum() == 0) {
          // FOCUS bills covered usage at zero: its on-demand cost is not on the bill, so the plan
          // explains everything between the estimate (with the usage gap) and what is billed.
          causes.merge(
              VarianceCause.SAVINGS_PLANS,
              c.billed.subtract(c.estimated).subtract(gapCost),
              BigDecimal::add);
        } else {
          BigDecimal estimateDiscount = c.estimatedList.subtract(c.estimated);
          BigDecimal billDiscount = c.billedList.subtract(c.onDemand);
          causes.merge(
              VarianceCause.FREE_TIER, estimateDiscount.subtract(billDiscount), BigDecimal::add);
          causes.merge(VarianceCause.SAVINGS_PLANS, c.negated, BigDecimal::add);
        }
      }
      BigDecimal estimate = Money.ZERO_CENTS;
      for (Charge c : charges.values()) {
        estimate = estimate.add(c.estimated);
      }
      estimate = Money.cents(estimate);
      BigDecimal billed = Money.cents(billedTotal);
      BigDecimal variance = billed.subtract(estimate);
      return new ReconciledItem(key, estimate, billed, Money.cents(netTotal), inCents(variance));
    }

    /**
     * The causes in cents adding up to {@code variance}: what no cause explains (the variance less
     * the exact causes) is rounded to cents, and the named causes share the rest by largest
     * remainder, so rounding alone never shows as unexplained.
     */
    private Map<VarianceCause, BigDecimal> inCents(BigDecimal variance) {
      List<VarianceCause> named = new ArrayList<>();
      BigDecimal exactNamed = BigDecimal.ZERO;
      for (VarianceCause cause : VarianceCause.values()) {
        if (cause != VarianceCause.UNEXPLAINED) {
          named.add(cause);
          exactNamed = exactNamed.add(causes.getOrDefault(cause, BigDecimal.ZERO));
        }
      }
      BigDecimal unexplained = Money.cents(variance.subtract(exactNamed));
      long target = variance.subtract(unexplained).movePointRight(2).longValueExact();
      Map<VarianceCause, BigDecimal> explained = new EnumMap<>(VarianceCause.class);
      long given = 0;
      for (VarianceCause cause : named) {
        BigDecimal floor =
            causes.getOrDefault(cause, BigDecimal.ZERO).setScale(2, RoundingMode.FLOOR);
        explained.put(cause, floor);
        given += floor.movePointRight(2).longValueExact();
      }
      List<VarianceCause> byRemainder = new ArrayList<>(named);
      byRemainder.sort(
          Comparator.comparing(
                  (VarianceCause c) ->
                      causes.getOrDefault(c, BigDecimal.ZERO).subtract(explained.get(c)))
              .reversed());
      for (int i = 0; given != target; i++) {
        VarianceCause cause = byRemainder.get(i % byRemainder.size());
        long step = given < target ? 1 : -1;
        explained.put(cause, explained.get(cause).add(BigDecimal.valueOf(step, 2)));
        given += step;
      }
      explained.put(VarianceCause.UNEXPLAINED, unexplained);
      return explained;
    }
  }

  private static PriceGroup groupOf(BilledAmount amount) {
    return switch (amount.chargeKind()) {
      case REQUESTS -> PriceGroup.REQUESTS;
      case DURATION -> PriceGroup.DURATION;
      case EPHEMERAL_STORAGE -> PriceGroup.EPHEMERAL_STORAGE;
      case PROVISIONED_CONCURRENCY -> PriceGroup.PROVISIONED_CONCURRENCY;
      case PROVISIONED_DURATION -> PriceGroup.PROVISIONED_DURATION;
      case OTHER -> null;
    };
  }

  private static BigDecimal quantity(LineUsage usage, PriceGroup group) {
    return switch (group) {
      case REQUESTS -> BigDecimal.valueOf(usage.requests());
      case DURATION -> usage.gbSeconds();
      case EPHEMERAL_STORAGE -> usage.ephemeralStorageGbSeconds();
      case PROVISIONED_CONCURRENCY -> usage.provisionedConcurrencyGbSeconds();
      case PROVISIONED_DURATION -> usage.provisionedDurationGbSeconds();
    };
  }
}
