package io.lambdaledger.api.alerts;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.lambdaledger.api.http.Access;
import io.lambdaledger.api.http.ApiPath;
import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.api.http.Paging;
import io.lambdaledger.api.http.QueryParams;
import io.lambdaledger.core.alerting.Alert;
import io.lambdaledger.core.alerting.AlertEntry;
import io.lambdaledger.core.alerting.Budget;
import io.lambdaledger.core.model.AccountScope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/alerts} (the history, scoped like {@code /costs}) and {@code /api/v1/budgets}
 * (listed scoped; set and deleted by admins).
 */
public record AlertsController(Alerting alerting) {

  /** The body of {@code PUT /api/v1/budgets/{name}}. */
  record BudgetRequest(
      String account, String function, String tag, BigDecimal amount, String currency) {}

  public void register(RoutesConfig routes) {
    routes.get(ApiPath.V1 + "/alerts", this::alerts, Access.VIEWER);
    routes.get(ApiPath.V1 + "/budgets", this::budgets, Access.VIEWER);
    routes.put(ApiPath.V1 + "/budgets/{name}", this::put, Access.ADMIN);
    routes.delete(ApiPath.V1 + "/budgets/{name}", this::delete, Access.ADMIN);
  }

  private void alerts(Context ctx) {
    QueryParams params = QueryParams.of(ctx, Set.of("limit"));
    int limit = Paging.parse(params.getOrDefault("limit", "100"), null).limit();
    if (limit > 1000) {
      throw ApiProblem.badParameter("limit", "'limit' must be between 1 and 1000");
    }
    AccountScope scope = Caller.of(ctx).scope();
    List<Map<String, Object>> items = new ArrayList<>();
    for (AlertEntry entry : alerting.history().recent(scope, limit)) {
      items.add(alert(entry));
    }
    ctx.json(Map.of("items", items));
  }

  private void budgets(Context ctx) {
    QueryParams.of(ctx, Set.of());
    AccountScope scope = Caller.of(ctx).scope();
    List<Map<String, Object>> items = new ArrayList<>();
    for (Budget budget : all()) {
      if (budget.visibleTo(scope)) {
        items.add(budget(budget));
      }
    }
    ctx.json(Map.of("items", items));
  }

  private void put(Context ctx) {
    String name = ctx.pathParam("name");
    if (configured(name)) {
      throw ApiProblem.conflict(
          "budget '" + name + "' is set in the configuration file; change it there");
    }
    if (ctx.body().isBlank()) {
      throw ApiProblem.badRequest("send a JSON body: {\"account\": ..., \"amount\": \"100.00\"}");
    }
    BudgetRequest request = ctx.bodyAsClass(BudgetRequest.class);
    Budget budget;
    try {
      budget =
          new Budget(
              name,
              request.account(),
              request.function(),
              request.tag(),
              request.amount(),
              request.currency(),
              "api");
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
    alerting.budgets().put(budget);
    ctx.json(budget(budget));
  }

  private void delete(Context ctx) {
    String name = ctx.pathParam("name");
    if (configured(name)) {
      throw ApiProblem.conflict(
          "budget '" + name + "' is set in the configuration file; remove it there");
    }
    if (!alerting.budgets().delete(name)) {
      throw ApiProblem.notFound("no budget named '" + name + "'");
    }
    ctx.status(204);
  }

  private boolean configured(String name) {
    return alerting.configured().stream().anyMatch(budget -> budget.name().equals(name));
  }

  /** The configured budgets, then those set over the API, by name. */
  private List<Budget> all() {
    List<Budget> all = new ArrayList<>(alerting.configured());
    for (Budget stored : alerting.budgets().list()) {
      if (!configured(stored.name())) {
        all.add(stored);
      }
    }
    all.sort(Comparator.comparing(Budget::name));
    return all;
  }

  static Map<String, Object> budget(Budget budget) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", budget.name());
    json.put("account", budget.accountId());
    json.put("function", budget.function());
    json.put("tag", budget.tag());
    json.put("covers", budget.describe());
    json.put("amount", budget.amount().toPlainString());
    json.put("currency", budget.currency());
    json.put("source", budget.source());
    return json;
  }

  private static Map<String, Object> alert(AlertEntry entry) {
    Alert alert = entry.alert();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("key", alert.key());
    json.put("kind", alert.kind().id());
    json.put("account", alert.accountId());
    json.put("subject", alert.subject());
    json.put("period", alert.period());
    json.put("message", alert.message());
    json.put("observed", cents(alert.observed()));
    json.put("expected", cents(alert.expected()));
    json.put("raisedAt", alert.raisedAt().toString());
    json.put("delivery", entry.delivery());
    json.put("attempts", entry.attempts());
    json.put("deliveredAt", entry.deliveredAt() == null ? null : entry.deliveredAt().toString());
    return json;
  }

  private static String cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
