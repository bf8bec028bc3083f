package io.lambdaledger.core.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BudgetCheckTest {

  private static final FunctionKey A = new FunctionKey("111111111111", "us-east-1", "a");
  private static final FunctionKey B = new FunctionKey("222222222222", "us-east-1", "b");
  private static final Map<FunctionKey, Map<String, String>> TAGS =
      Map.of(A, Map.of("team", "pay"), B, Map.of("team", "search"));
  private static final Instant AT = Instant.parse("2026-10-15T12:00:00Z");

  private static Budget budget(
      String name, String account, String function, String tag, String usd) {
    return new Budget(name, account, function, tag, new BigDecimal(usd), "USD", "api");
  }

  @Test
  void only_budgets_whose_covered_forecast_is_over_the_amount_alert_with_the_overrun() {
    List<FunctionCost> projected =
        List.of(
            new FunctionCost(A, new BigDecimal("120")), new FunctionCost(B, new BigDecimal("30")));
    List<FunctionCost> actual =
        List.of(
            new FunctionCost(A, new BigDecimal("60")), new FunctionCost(B, new BigDecimal("15")));
    List<Budget> budgets =
        List.of(
            budget("acct-a", "111111111111", null, null, "100"),
            budget("fn-b", "222222222222", "us-east-1/b", null, "50"),
            budget("team-pay", null, null, "team=pay", "119.99"),
            budget("all", null, null, null, "150"));
    List<Alert> alerts =
        BudgetCheck.crossed(budgets, YearMonth.of(2026, 10), projected, actual, TAGS, AT);
    assertThat(alerts)
        .extracting(Alert::key)
        .containsExactly("budget:acct-a:2026-10", "budget:team-pay:2026-10");
    assertThat(alerts.get(0).message()).contains("$120.00", "$20.00 over", "$60.00 so far");
    assertThat(alerts.get(0).accountId()).isEqualTo("111111111111");
    assertThat(alerts.get(1).accountId()).isNull();
  }

  @Test
  void a_scoped_caller_sees_budgets_on_its_accounts_only() {
    AccountScope scoped = AccountScope.only(Set.of("222222222222"));
    assertThat(budget("x", "222222222222", null, null, "1").visibleTo(scoped)).isTrue();
    assertThat(budget("x", "111111111111", null, null, "1").visibleTo(scoped)).isFalse();
    assertThat(budget("x", null, null, "team=search", "1").visibleTo(scoped)).isFalse();
    assertThat(budget("x", null, null, null, "1").visibleTo(AccountScope.all())).isTrue();
  }

  @Test
  void bad_budgets_are_refused() {
    assertThatThrownBy(() -> budget("x", null, "us-east-1/b", null, "1"))
        .hasMessageContaining("needs its account");
    assertThatThrownBy(() -> budget("x", "1", null, null, "1")).hasMessageContaining("12 digits");
    assertThatThrownBy(() -> budget("x", null, null, "team", "1"))
        .hasMessageContaining("key=value");
    assertThatThrownBy(() -> budget("x", null, null, null, "0"))
        .hasMessageContaining("more than 0");
    assertThatThrownBy(() -> budget("a b", null, null, null, "1")).hasMessageContaining("name");
    assertThatThrownBy(() -> new Budget("x", null, null, null, BigDecimal.ONE, "EUR", "api"))
        .hasMessageContaining("USD");
  }
}
