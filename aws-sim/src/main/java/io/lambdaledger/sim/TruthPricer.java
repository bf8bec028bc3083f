package io.lambdaledger.sim;

import io.lambdaledger.core.cost.BilledDuration;
import io.lambdaledger.core.cost.CostEngine;
import io.lambdaledger.core.cost.CostOptions;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.cost.LineCost;
import io.lambdaledger.core.cost.PayerCost;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Prices ground truth with the cost engine: one usage line per function configuration, with the
 * exact billed milliseconds (on-demand with billed INIT, and provisioned apart) and provisioned
 * concurrency seconds; the payer is the account itself, or the first account under consolidated
 * billing. Then each payer's Compute Savings Plan covers the compute (duration and provisioned
 * concurrency) of a seeded share of its functions at {@link #SAVINGS_PLAN_RATE} of the on-demand
 * price, and a promotional credit of {@link #CREDIT_SHARE} of its on-demand charges is applied.
 */
final class TruthPricer {

  /** The Savings Plan price as a share of on-demand (Compute Savings Plans: up to 17 % off). */
  static final BigDecimal SAVINGS_PLAN_RATE = new BigDecimal("0.83");

  /** Share of functions whose compute the Savings Plan covers. */
  static final int SAVINGS_PLAN_COVERED_PERCENT = 40;

  /** The credit: this share of each payer's on-demand charges, rounded down to the cent. */
  static final BigDecimal CREDIT_SHARE = new BigDecimal("0.05");

  private final CostEngine engine;
  private final PriceBooks books;
  private final String organizationPayer;
  private final long seed;

  /**
   * @param organizationPayer the payer of every account, or null when each account pays for itself
   */
  TruthPricer(PriceBooks books, String organizationPayer, long seed) {
    this.engine = new CostEngine(books);
    this.books = books;
    this.organizationPayer = organizationPayer;
    this.seed = seed;
  }

  MonthlyBill price(YearMonth month, Instant from, Instant to, List<FunctionTruth> functions) {
    PriceBook book = bookFor(month);
    CostReport report = engine.price(book, lines(functions, true), CostOptions.DEFAULT);
    CostReport withoutInit = engine.price(book, lines(functions, false), CostOptions.DEFAULT);
    Set<String> covered = new HashSet<>();
    Map<String, BigDecimal> coveredByPayer = new LinkedHashMap<>();
    for (LineCost line : report.lines()) {
      if (!savingsPlanCovers(line.line().function())) {
        continue;
      }
      BigDecimal compute =
          line.charges()
              .duration()
              .add(line.charges().provisionedConcurrency())
              .add(line.charges().provisionedDuration());
      if (compute.signum() > 0) {
        covered.add(line.line().function());
        coveredByPayer.merge(line.line().payer(), compute, BigDecimal::add);
      }
    }
    List<MonthlyBill.PayerAdjustments> payers = new ArrayList<>();
    for (PayerCost payer : report.payers()) {
      BigDecimal spCovered = coveredByPayer.getOrDefault(payer.payer(), BigDecimal.ZERO);
      BigDecimal fee = spCovered.multiply(SAVINGS_PLAN_RATE).setScale(2, RoundingMode.HALF_UP);
      BigDecimal credit =
          payer.total().multiply(CREDIT_SHARE).setScale(2, RoundingMode.DOWN).negate();
      payers.add(
          new MonthlyBill.PayerAdjustments(
              payer.payer(), savingsPlanArn(payer.payer()), spCovered, fee, credit));
    }
    return new MonthlyBill(
        month, from, to, report, report.total().subtract(withoutInit.total()), payers, covered);
  }

  /** The ARN of the payer's Compute Savings Plan (one per payer, id derived from the seed). */
  String savingsPlanArn(String payer) {
    long id = Math.floorMod(Rng.hash(seed, 0x5AF1L, Long.parseLong(payer)), 1L << 48);
    return String.format(
        "arn:aws:savingsplans::%s:savingsplan/%08x-%04x-4%03x-8%03x-%012x",
        payer, id & 0xffffffffL, id >>> 32, id & 0xfff, (id >>> 12) & 0xfff, id);
  }

  private boolean savingsPlanCovers(String functionArn) {
    return Math.floorMod(Rng.hash(seed, 0x5A71L, functionArn.hashCode()), 100)
        < SAVINGS_PLAN_COVERED_PERCENT;
  }

  private List<UsageLine> lines(List<FunctionTruth> functions, boolean withInit) {
    List<UsageLine> lines = new ArrayList<>();
    for (FunctionTruth f : functions) {
      for (ConfigUsage c : f.configs()) {
        long onDemandMs =
            c.billedMs() - c.provisionedBilledMs() + (withInit ? c.initBilledMs() : 0);
        lines.add(
            UsageLine.builder()
                .payer(organizationPayer != null ? organizationPayer : f.account())
                .account(f.account())
                .region(f.region())
                .function(f.arn())
                .architecture(Architecture.parse(c.architecture()))
                .memoryMb(c.memoryMb())
                .ephemeralStorageMb(c.ephemeralStorageMb())
                .requests(c.invocations() - c.provisionedInvocations())
                .duration(BilledDuration.billedMs(onDemandMs))
                .provisionedConcurrencySeconds(
                    UsageLine.provisionedConcurrencySeconds(
                        c.provisionedConcurrency(), c.provisionedSeconds()))
                .provisionedRequests(c.provisionedInvocations())
                .provisionedDuration(BilledDuration.billedMs(c.provisionedBilledMs()))
                .build());
      }
    }
    return lines;
  }

  PriceBook bookFor(YearMonth month) {
    try {
      return books.inForce(month);
    } catch (NoSuchElementException e) {
      return books.versions().get(0);
    }
  }
}
