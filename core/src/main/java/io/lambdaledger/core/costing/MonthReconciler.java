package io.lambdaledger.core.costing;

import io.lambdaledger.core.bill.BilledAmount;
import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.ledger.BilledMonths;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Reconciles a month: reads its imported bill, prices the stored usage of the days the bill covers
 * (from the month's first day through the last billed day) over every account, and hands {@link
 * Reconciliation} the lines and bill lines of the caller's accounts.
 */
public final class MonthReconciler {

  /** The bill covers only part of the month: the estimate is compared over the same days. */
  public static final String BILL_PARTIAL_MONTH = "BILL_PARTIAL_MONTH";

  private final UsageReader usage;
  private final BilledMonths bill;
  private final PriceBooks priceBooks;
  private final MonthPricing pricing;

  public MonthReconciler(UsageReader usage, BilledMonths bill, PriceBooks priceBooks) {
    this.usage = usage;
    this.bill = bill;
    this.priceBooks = priceBooks;
    this.pricing = new MonthPricing(priceBooks);
  }

  /** The month reconciled, or empty when no bill of the month is imported. */
  public Optional<ReconciledMonth> reconcile(YearMonth month, AccountScope scope) {
    List<BilledAmount> billed = bill.amounts(month);
    if (billed.isEmpty()) {
      return Optional.empty();
    }
    LocalDate last = month.atDay(1);
    for (BilledAmount amount : billed) {
      if (amount.usageDate().isAfter(last)) {
        last = amount.usageDate();
      }
    }
    LocalDate endDay = last.plusDays(1).isAfter(month.atEndOfMonth()) ? null : last.plusDays(1);
    Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end =
        (endDay == null ? month.plusMonths(1).atDay(1) : endDay)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
    PricedMonth priced = pricing.price(month, usage.totals(start, end));
    PriceBook book;
    try {
      book = priceBooks.inForce(month);
    } catch (NoSuchElementException e) {
      book = priceBooks.versions().get(0);
    }
    List<CostWarning> warnings = new ArrayList<>();
    if (endDay != null) {
      warnings.add(
          new CostWarning(
              BILL_PARTIAL_MONTH,
              "the imported bill covers "
                  + month.atDay(1)
                  + " to "
                  + last
                  + "; the estimate is compared over the same days"));
    }
    warnings.addAll(priced.warnings(scope));
    return Optional.of(
        Reconciliation.of(month, book, priced.lines(scope), billed, scope).withWarnings(warnings));
  }
}
