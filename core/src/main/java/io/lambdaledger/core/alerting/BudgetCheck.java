package io.lambdaledger.core.alerting;

import io.lambdaledger.core.model.FunctionKey;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which budgets a month's forecast crosses. The alert's key is the budget and the month, so a
 * budget raises one alert a month however often it is checked.
 */
public final class BudgetCheck {

  private BudgetCheck() {}

  /**
   * @param projected each function's forecast cost of the month
   * @param actual each function's cost of the month to date
   * @param tags each function's tags
   */
  public static List<Alert> crossed(
      List<Budget> budgets,
      YearMonth month,
      List<FunctionCost> projected,
      List<FunctionCost> actual,
      Map<FunctionKey, Map<String, String>> tags,
      Instant at) {
    List<Alert> alerts = new ArrayList<>();
    for (Budget budget : budgets) {
      BigDecimal forecast = sum(budget, projected, tags);
      if (forecast.compareTo(budget.amount()) <= 0) {
        continue;
      }
      BigDecimal toDate = sum(budget, actual, tags);
      BigDecimal overrun = forecast.subtract(budget.amount());
      alerts.add(
          new Alert(
              "budget:" + budget.name() + ":" + month,
              AlertKind.BUDGET,
              budget.accountId(),
              budget.name(),
              month.toString(),
              "Budget "
                  + budget.name()
                  + " ("
                  + budget.describe()
                  + "): "
                  + month
                  + " is forecast at $"
                  + cents(forecast)
                  + ", $"
                  + cents(overrun)
                  + " over its $"
                  + cents(budget.amount())
                  + " ($"
                  + cents(toDate)
                  + " so far)",
              forecast,
              budget.amount(),
              at));
    }
    return alerts;
  }

  private static BigDecimal sum(
      Budget budget, List<FunctionCost> costs, Map<FunctionKey, Map<String, String>> tags) {
    BigDecimal total = BigDecimal.ZERO;
    for (FunctionCost cost : costs) {
      if (budget.covers(cost.function(), tags.getOrDefault(cost.function(), Map.of()))) {
        total = total.add(cost.cost());
      }
    }
    return total;
  }

  static String cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
