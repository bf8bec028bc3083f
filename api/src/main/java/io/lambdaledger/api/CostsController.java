package io.lambdaledger.api;

import io.javalin.http.Context;
import java.util.Set;

/** {@code GET /api/v1/costs}: HTTP in and out; the work is in {@link CostService}. */
final class CostsController {

  static final Set<String> PARAMETERS =
      Set.of("window", "aggregate", "step", "filter", "sort", "limit", "offset");

  private final CostService costs;
  private final WindowParser windows;

  CostsController(CostService costs, WindowParser windows) {
    this.costs = costs;
    this.windows = windows;
  }

  void get(Context ctx) {
    QueryParams params = QueryParams.of(ctx, PARAMETERS);
    CostQuery query =
        new CostQuery(
            windows.parse("window", params.getOrDefault("window", "month")),
            Dimension.parseAggregate("aggregate", params.get("aggregate")),
            Step.parse("step", params.get("step")),
            CostFilter.parse("filter", params.get("filter")),
            SortOrder.parse(
                "sort", params.get("sort"), CostQuery.SORT_FIELDS, CostQuery.DEFAULT_SORT),
            Paging.parse(params.get("limit"), params.get("offset")));
    ctx.json(CostJson.of(costs.costs(query, ApiServer.caller(ctx).scope())));
  }
}
