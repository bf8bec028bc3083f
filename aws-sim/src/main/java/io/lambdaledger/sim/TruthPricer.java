package io.lambdaledger.sim;

import io.lambdaledger.core.cost.BilledDuration;
import io.lambdaledger.core.cost.CostEngine;
import io.lambdaledger.core.cost.CostOptions;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Prices ground truth with the cost engine: one usage line per function configuration, with the
 * exact billed milliseconds (on-demand and provisioned apart) and provisioned concurrency seconds;
 * the payer is the account itself, or the first account under consolidated billing.
 */
final class TruthPricer {

  private final CostEngine engine;
  private final PriceBooks books;
  private final String organizationPayer;

  /**
   * @param organizationPayer the payer of every account, or null when each account pays for itself
   */
  TruthPricer(PriceBooks books, String organizationPayer) {
    this.engine = new CostEngine(books);
    this.books = books;
    this.organizationPayer = organizationPayer;
  }

  MonthlyBill price(YearMonth month, Instant from, Instant to, List<FunctionTruth> functions) {
    List<UsageLine> lines = new ArrayList<>();
    for (FunctionTruth f : functions) {
      for (ConfigUsage c : f.configs()) {
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
                .duration(BilledDuration.billedMs(c.billedMs() - c.provisionedBilledMs()))
                .provisionedConcurrencySeconds(
                    UsageLine.provisionedConcurrencySeconds(
                        c.provisionedConcurrency(), c.provisionedSeconds()))
                .provisionedRequests(c.provisionedInvocations())
                .provisionedDuration(BilledDuration.billedMs(c.provisionedBilledMs()))
                .build());
      }
    }
    CostReport report = engine.price(bookFor(month), lines, CostOptions.DEFAULT);
    return new MonthlyBill(month, from, to, report);
  }

  private PriceBook bookFor(YearMonth month) {
    try {
      return books.inForce(month);
    } catch (NoSuchElementException e) {
      return books.versions().get(0);
    }
  }
}
