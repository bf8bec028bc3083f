package io.lambdaledger.core.cost;

import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceBooks;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

/**
 * Prices Lambda usage the way AWS bills it: volume tiers on each payer's aggregate per region and
 * architecture, the free tier once per payer across regions and architectures, each invoice line
 * rounded half-up to cents, and the cents allocated back to the input lines so that any grouping of
 * lines adds up exactly. Every rule is in {@code docs/cost-model.md}.
 *
 * <p>Pure and thread-safe: one engine can price many months concurrently.
 */
public final class CostEngine {

  private final PriceBooks priceBooks;

  public CostEngine(PriceBooks priceBooks) {
    this.priceBooks = Objects.requireNonNull(priceBooks, "priceBooks");
  }

  /**
   * Prices one month of usage with the price book in force for that month.
   *
   * @param lines usage of every function of every payer in the month; several payers may be mixed
   * @throws java.util.NoSuchElementException if no price book is in force for the month
   * @throws IllegalArgumentException if a line's region is not in the price book
   */
  public CostReport price(YearMonth month, List<UsageLine> lines, CostOptions options) {
    return price(priceBooks.inForce(month), lines, options);
  }

  /**
   * Prices usage with a given price book (what-if estimates).
   *
   * @throws IllegalArgumentException if a line's region is not in the price book
   */
  public CostReport price(PriceBook book, List<UsageLine> lines, CostOptions options) {
    return new PricingRun(book, lines, options).run();
  }
}
