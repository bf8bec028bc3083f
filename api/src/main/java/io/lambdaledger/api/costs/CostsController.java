package io.lambdaledger.api.costs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.api.http.Paging;
import io.lambdaledger.api.http.QueryParams;
import io.lambdaledger.api.http.SortOrder;
import io.lambdaledger.api.http.Step;
import io.lambdaledger.api.http.WindowParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/** {@code GET /api/v1/costs}: HTTP in and out; the work is in {@link CostService}. */
public final class CostsController {

  static final Set<String> PARAMETERS =
      Set.of("window", "aggregate", "step", "filter", "sort", "limit", "offset", "source");

  private final CostService costs;
  private final WindowParser windows;
  private final ObjectWriter json;

  public CostsController(CostService costs, WindowParser windows, ObjectMapper mapper) {
    this.costs = costs;
    this.windows = windows;
    this.json = mapper.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  public void get(Context ctx) {
    QueryParams params = QueryParams.of(ctx, PARAMETERS);
    CostQuery query =
        new CostQuery(
            windows.parse("window", params.getOrDefault("window", "month")),
            Dimension.parseAggregate("aggregate", params.get("aggregate")),
            Step.parse("step", params.get("step")),
            CostFilter.parse("filter", params.get("filter")),
            SortOrder.parse(
                "sort", params.get("sort"), CostQuery.SORT_FIELDS, CostQuery.DEFAULT_SORT),
            Paging.parse(params.get("limit"), params.get("offset")),
            CostSource.parse("source", params.get("source")));
    CostJson.Costs body = CostJson.of(costs.costs(query, Caller.of(ctx).scope()), json);
    // Written as UTF-8 straight to the response: 50,000 items are about 14 MB, which ctx.json
    // would first build as a String and then encode again; the items are bytes made once for the
    // query's data (RenderedItems).
    ctx.contentType(ContentType.APPLICATION_JSON);
    try {
      json.writeValue(ctx.outputStream(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
