package io.lambdaledger.api.costs;

import io.lambdaledger.core.bill.BilledAmount;
import io.lambdaledger.core.bill.LineType;
import io.lambdaledger.core.cost.Charges;
import io.lambdaledger.core.costing.BillCover;
import io.lambdaledger.core.costing.Reconciliation;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A month's imported bill as {@code /costs} figures per function and UTC day: requests and
 * on-demand GB-seconds as billed, and each charge's billed cost (Savings Plan negations included,
 * so covered compute bills zero). Lines that name no function or charge no Lambda usage (plan fees,
 * credits, tax) have no place in a function's charges: they are counted apart.
 */
final class BilledDays {

  static final BilledDays NONE = new BilledDays(List.of());

  private final TreeMap<LocalDate, Map<FunctionKey, Billed>> days = new TreeMap<>();
  private final TreeMap<LocalDate, Map<String, BigDecimal>> apart = new TreeMap<>();
  private final BillCover cover;

  /** One function's billed figures of one day, and its payer. */
  record Billed(String payer, Figures figures) {}

  BilledDays(List<BilledAmount> amounts) {
    this.cover = BillCover.of(amounts);
    for (BilledAmount a : amounts) {
      FunctionKey function = Reconciliation.functionOf(a.functionArn());
      Figures figures = figuresOf(a);
      if (function == null || figures == null) {
        apart
            .computeIfAbsent(a.usageDate(), d -> new HashMap<>())
            .merge(a.usageAccount(), a.billedCost(), BigDecimal::add);
        continue;
      }
      days.computeIfAbsent(a.usageDate(), d -> new HashMap<>())
          .merge(
              function,
              new Billed(a.payerAccount(), figures),
              (x, y) -> new Billed(x.payer(), x.figures().plus(y.figures())));
    }
  }

  boolean isEmpty() {
    return days.isEmpty() && apart.isEmpty();
  }

  /** The days the bill covers, and the best-source rule over them. */
  BillCover cover() {
    return cover;
  }

  /**
   * Per function of the accounts in scope, the billed figures of the days in {@code [from, to)}.
   */
  Map<FunctionKey, Billed> between(Instant from, Instant to, AccountScope scope) {
    Map<FunctionKey, Billed> out = new HashMap<>();
    for (Map<FunctionKey, Billed> day : days.subMap(day(from), day(to)).values()) {
      day.forEach(
          (function, billed) -> {
            if (scope.includes(function.accountId())) {
              out.merge(
                  function, billed, (x, y) -> new Billed(x.payer(), x.figures().plus(y.figures())));
            }
          });
    }
    return out;
  }

  /** Billed cost of the days in {@code [from, to)} that no function's charges can show. */
  BigDecimal apartBetween(Instant from, Instant to, AccountScope scope) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Map<String, BigDecimal> day : apart.subMap(day(from), day(to)).values()) {
      for (Map.Entry<String, BigDecimal> e : day.entrySet()) {
        if (scope.includes(e.getKey())) {
          sum = sum.add(e.getValue());
        }
      }
    }
    return sum.setScale(2, RoundingMode.HALF_UP);
  }

  private static LocalDate day(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  private static Figures figuresOf(BilledAmount a) {
    if (!BillCover.chargesUsage(a.lineType())) {
      return null;
    }
    BigDecimal cost = a.billedCost();
    BigDecimal zero = BigDecimal.ZERO.setScale(2);
    boolean negation = a.lineType() == LineType.SAVINGS_PLAN_NEGATION;
    return switch (a.chargeKind()) {
      case REQUESTS ->
          new Figures(
              negation ? 0 : a.usageAmount().setScale(0, RoundingMode.HALF_UP).longValueExact(),
              BigDecimal.ZERO,
              new Charges(cost, zero, zero, zero, zero),
              zero,
              null);
      case DURATION ->
          new Figures(
              0,
              negation ? BigDecimal.ZERO : a.usageAmount(),
              new Charges(zero, cost, zero, zero, zero),
              zero,
              null);
      case EPHEMERAL_STORAGE ->
          new Figures(0, BigDecimal.ZERO, new Charges(zero, zero, cost, zero, zero), zero, null);
      case PROVISIONED_CONCURRENCY ->
          new Figures(0, BigDecimal.ZERO, new Charges(zero, zero, zero, cost, zero), zero, null);
      case PROVISIONED_DURATION ->
          new Figures(0, BigDecimal.ZERO, new Charges(zero, zero, zero, zero, cost), zero, null);
      case OTHER -> null;
    };
  }
}
