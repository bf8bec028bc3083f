package io.lambdaledger.api.costs;

import io.javalin.http.Context;
import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.api.http.QueryParams;
import io.lambdaledger.core.costing.MonthReconciler;
import io.lambdaledger.core.costing.ReconciledMonth;
import io.lambdaledger.core.ledger.FunctionDirectory;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.LambdaFunction;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/reconciliation}: a month's estimate against its imported bill, for the
 * caller's accounts only (the estimate is priced over every account, as {@code /costs} is, and then
 * cut to the caller's scope; bill lines of other accounts are left out).
 */
public record ReconciliationController(MonthReconciler reconciler, FunctionDirectory functions) {

  static final Set<String> PARAMETERS = Set.of("month", "aggregate");

  public void get(Context ctx) {
    QueryParams params = QueryParams.of(ctx, PARAMETERS);
    String rawMonth = params.get("month");
    if (rawMonth == null) {
      throw ApiProblem.badParameter("month", "'month' is required (YYYY-MM)");
    }
    YearMonth month;
    try {
      month = YearMonth.parse(rawMonth);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badParameter("month", "'month' must be YYYY-MM, got '" + rawMonth + "'");
    }
    String aggregate = params.getOrDefault("aggregate", ReconciliationJson.FUNCTION);
    if (!ReconciliationJson.validAggregate(aggregate)) {
      throw ApiProblem.badParameter(
          "aggregate",
          "'aggregate' must be function, account, region or tag:KEY, got '" + aggregate + "'");
    }
    AccountScope scope = Caller.of(ctx).scope();
    ReconciledMonth reconciled =
        reconciler
            .reconcile(month, scope)
            .orElseThrow(() -> ApiProblem.notFound("no bill is imported for " + month));
    ctx.json(
        ReconciliationJson.of(
            reconciled,
            aggregate,
            key -> functions.function(key).map(LambdaFunction::tags).orElse(Map.of())));
  }
}
