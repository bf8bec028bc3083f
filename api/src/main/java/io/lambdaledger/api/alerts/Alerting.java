package io.lambdaledger.api.alerts;

import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.core.alerting.AlertHistory;
import io.lambdaledger.core.alerting.Budget;
import io.lambdaledger.core.alerting.BudgetBook;
import java.util.List;
import java.util.Objects;

/**
 * What {@code /alerts} and {@code /budgets} read and write, built by the composition root.
 *
 * @param history the alerts raised so far
 * @param budgets the budgets set over the API
 * @param configured the budgets of the configuration file (read-only over the API)
 */
public record Alerting(AlertHistory history, BudgetBook budgets, List<Budget> configured) {

  /** No alerts and no budgets: for servers built without alerting. */
  public static final Alerting NONE =
      new Alerting(
          (scope, limit) -> List.of(),
          new BudgetBook() {
            @Override
            public List<Budget> list() {
              return List.of();
            }

            @Override
            public void put(Budget budget) {
              throw ApiProblem.unavailable("budgets are not stored by this server");
            }

            @Override
            public boolean delete(String name) {
              return false;
            }
          },
          List.of());

  public Alerting {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(budgets, "budgets");
    configured = List.copyOf(configured);
  }
}
