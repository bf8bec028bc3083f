package io.lambdaledger.api.operations;

import io.javalin.http.Context;
import io.lambdaledger.api.costs.Figures;
import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.QueryParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/v1/bill/imports} (admin): imports the configured bill exports now and says, per
 * export and billing period, what happened. {@code 409} when no export is configured or an import
 * is already running, {@code 502} when one cannot be read (nothing half-imported stays).
 */
public final class BillImportsController {

  private final BillImportTrigger trigger;

  public BillImportsController(BillImportTrigger trigger) {
    this.trigger = trigger;
  }

  public void start(Context ctx) {
    QueryParams.of(ctx, Set.of());
    String body = ctx.body();
    if (!body.isBlank() && !body.strip().equals("{}")) {
      throw ApiProblem.badRequest("the body must be empty or {}");
    }
    if (!trigger.configured()) {
      throw ApiProblem.conflict("no bill export is configured (bill.exports, LEDGER_BILL_EXPORTS)");
    }
    List<BillImportTrigger.Imported> imported;
    try {
      imported = trigger.importNow();
    } catch (BillImportTrigger.AlreadyRunningException e) {
      throw ApiProblem.conflict(e.getMessage());
    } catch (BillImportTrigger.ImportFailedException e) {
      throw ApiProblem.of(502, "Bill import failed", e.getMessage());
    }
    List<Map<String, Object>> items = new ArrayList<>();
    for (BillImportTrigger.Imported i : imported) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("export", i.exportUri());
      item.put("billingPeriod", i.billingPeriod());
      item.put("outcome", i.outcome());
      item.put("lines", i.lines());
      item.put("billedTotal", Figures.money(i.billedTotal()));
      items.add(item);
    }
    ctx.json(Map.of("imports", items));
  }
}
