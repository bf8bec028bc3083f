package io.lambdaledger.sim;

import io.lambdaledger.core.cost.LineCost;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The ground truth of a window: per function, what happened (exact sums of the per-invocation
 * model), and the exact bill of it, one part per calendar month the window touches.
 */
public record Truth(
    Instant from, Instant to, List<FunctionTruth> functions, List<MonthlyBill> bills) {

  public Truth {
    functions = List.copyOf(functions);
    bills = List.copyOf(bills);
  }

  public long invocations() {
    return functions.stream().mapToLong(FunctionTruth::invocations).sum();
  }

  public long billedMs() {
    return functions.stream().mapToLong(FunctionTruth::billedMs).sum();
  }

  public BigDecimal durationMsSum() {
    return functions.stream()
        .map(FunctionTruth::durationMsSum)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * The bill of the whole window: the sum of the monthly invoices (USD, cents), INIT included, less
   * the Savings Plan discount, plus the credits.
   */
  public BigDecimal billTotal() {
    return sumOfBills(MonthlyBill::total);
  }

  /**
   * The usage at on-demand rates (after free tier and tiers, INIT included), before Savings Plans
   * and credits: what the functions' {@link #cost} add up to.
   */
  public BigDecimal onDemandTotal() {
    return sumOfBills(b -> b.report().total());
  }

  /** The part of {@link #onDemandTotal()} that billed INIT adds. */
  public BigDecimal initCharge() {
    return sumOfBills(MonthlyBill::initCharge);
  }

  /** The Savings Plan discount (positive). */
  public BigDecimal savingsPlanDiscount() {
    return sumOfBills(MonthlyBill::savingsPlanDiscount);
  }

  /** The credits (zero or negative). */
  public BigDecimal credit() {
    return sumOfBills(MonthlyBill::credit);
  }

  private BigDecimal sumOfBills(Function<MonthlyBill, BigDecimal> figure) {
    return bills.stream().map(figure).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * What one function's lines of the bill add up to at on-demand rates (USD, cents; zero if it used
   * nothing).
   */
  public BigDecimal cost(FunctionTruth function) {
    String arn = function.arn();
    BigDecimal total = BigDecimal.ZERO;
    for (MonthlyBill bill : bills) {
      for (LineCost line : bill.report().lines()) {
        if (line.line().function().equals(arn)) {
          total = total.add(line.total());
        }
      }
    }
    return total;
  }

  /** The function's line, or null if no such function is in the window's selection. */
  public FunctionTruth function(String account, String region, String name) {
    for (FunctionTruth f : functions) {
      if (f.account().equals(account) && f.region().equals(region) && f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }
}
