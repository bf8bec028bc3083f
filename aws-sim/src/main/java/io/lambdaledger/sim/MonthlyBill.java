package io.lambdaledger.sim;

import io.lambdaledger.core.cost.CostReport;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

/**
 * The exact bill of the part of a truth window that falls in one calendar month, priced by the cost
 * engine with the bundled price book in force that month. The free tier applies once per payer to
 * this part, as if it were the whole month.
 *
 * @param from start of the part (inclusive)
 * @param to end of the part (exclusive)
 * @param report the usage at public on-demand rates, INIT included, after free tier and tiers: what
 *     each function's lines cost before any Savings Plan or credit
 * @param initCharge the part of {@code report}'s total that billed INIT adds (USD, cents)
 * @param payers per payer: its Savings Plan and its credit
 * @param savingsPlanCovered ARNs of the functions whose compute the Savings Plan covers
 */
public record MonthlyBill(
    YearMonth month,
    Instant from,
    Instant to,
    CostReport report,
    BigDecimal initCharge,
    List<PayerAdjustments> payers,
    Set<String> savingsPlanCovered) {

  public MonthlyBill {
    payers = List.copyOf(payers);
    savingsPlanCovered = Set.copyOf(savingsPlanCovered);
  }

  /** What the invoice says: on-demand charges less the Savings Plan discount, plus the credit. */
  public BigDecimal total() {
    BigDecimal total = report.total();
    for (PayerAdjustments p : payers) {
      total = total.subtract(p.savingsPlanDiscount()).add(p.credit());
    }
    return total;
  }

  /** The Savings Plan discount of all payers (USD, cents, positive). */
  public BigDecimal savingsPlanDiscount() {
    return payers.stream()
        .map(PayerAdjustments::savingsPlanDiscount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The credits of all payers (USD, cents, zero or negative). */
  public BigDecimal credit() {
    return payers.stream().map(PayerAdjustments::credit).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * One payer's Savings Plan and credit in the month.
   *
   * @param savingsPlanArn the Compute Savings Plan's ARN
   * @param savingsPlanCovered on-demand cost of the compute it covered (USD, cents): billed as
   *     covered usage and negated
   * @param savingsPlanFee its recurring fee (USD, cents): the covered usage at the Savings Plan
   *     rate
   * @param credit the promotional credit applied (USD, cents, zero or negative)
   */
  public record PayerAdjustments(
      String payer,
      String savingsPlanArn,
      BigDecimal savingsPlanCovered,
      BigDecimal savingsPlanFee,
      BigDecimal credit) {

    public BigDecimal savingsPlanDiscount() {
      return savingsPlanCovered.subtract(savingsPlanFee);
    }
  }
}
