package io.lambdaledger.api.costs;

import io.lambdaledger.core.cost.CostWarning;
import io.lambdaledger.core.costing.ReconciledItem;
import io.lambdaledger.core.costing.ReconciledMonth;
import io.lambdaledger.core.costing.VarianceCause;
import io.lambdaledger.core.model.FunctionKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON shape of a reconciliation, for {@code GET /api/v1/reconciliation} and {@code
 * lambda-ledger reconcile --format json} alike: money as decimal strings with two places, items
 * with the largest variance first.
 */
public final class ReconciliationJson {

  private ReconciliationJson() {}

  /** Items keyed by function name (with account and region beside the key). */
  public static final String FUNCTION = "function";

  /**
   * @param aggregate {@code function}, {@code account}, {@code region} or {@code tag:KEY}
   * @param tags the tags of a function, for {@code tag:KEY}
   */
  public static Map<String, Object> of(
      ReconciledMonth month, String aggregate, Function<FunctionKey, Map<String, String>> tags) {
    ReconciledItem total = month.total();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("month", month.month().toString());
    body.put("currency", "USD");
    body.put("aggregate", aggregate);
    Map<String, Object> days = new LinkedHashMap<>();
    days.put("from", month.billedFrom() == null ? null : month.billedFrom().toString());
    days.put("through", month.billedThrough() == null ? null : month.billedThrough().toString());
    body.put("billedDays", days);
    Map<String, Object> estimated = new LinkedHashMap<>();
    estimated.put("total", money(total.estimated()));
    body.put("estimated", estimated);
    body.put("billed", CostJson.ordered("total", money(total.billed()), "net", money(total.net())));
    body.put("variance", variance(total));
    body.put("explained", explained(total));
    List<Map<String, Object>> items = new ArrayList<>();
    if (aggregate.equals(FUNCTION)) {
      List<ReconciledMonth.Reconciled> functions = new ArrayList<>(month.functions());
      functions.sort(
          Comparator.comparing(
                  (ReconciledMonth.Reconciled r) -> r.amounts().variance().abs(),
                  Comparator.reverseOrder())
              .thenComparing(r -> r.amounts().key()));
      for (ReconciledMonth.Reconciled r : functions) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("key", r.unallocated() ? ReconciledMonth.UNALLOCATED : r.function().name());
        item.put("account", r.accountId());
        item.put("region", r.unallocated() ? null : r.function().region());
        items.add(item(item, r.amounts()));
      }
    } else {
      List<ReconciledItem> grouped = new ArrayList<>(month.items(keyOf(aggregate, tags)));
      grouped.sort(
          Comparator.comparing((ReconciledItem i) -> i.variance().abs(), Comparator.reverseOrder())
              .thenComparing(ReconciledItem::key));
      for (ReconciledItem i : grouped) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("key", i.key());
        items.add(item(item, i));
      }
    }
    body.put("items", items);
    List<Map<String, Object>> warnings = new ArrayList<>();
    for (CostWarning w : month.warnings()) {
      warnings.add(CostJson.ordered("code", w.code(), "message", w.message()));
    }
    body.put("warnings", warnings);
    return body;
  }

  /** What {@code aggregate} may be: {@code function}, {@code account}, {@code region}, a tag. */
  public static boolean validAggregate(String aggregate) {
    return aggregate.equals(FUNCTION)
        || aggregate.equals("account")
        || aggregate.equals("region")
        || (aggregate.startsWith("tag:") && aggregate.length() > 4 && aggregate.length() <= 132);
  }

  private static Function<FunctionKey, String> keyOf(
      String aggregate, Function<FunctionKey, Map<String, String>> tags) {
    if (aggregate.equals("account")) {
      return FunctionKey::accountId;
    }
    if (aggregate.equals("region")) {
      return FunctionKey::region;
    }
    String tag = aggregate.substring(4);
    return function -> {
      String value = tags.apply(function).get(tag);
      return value == null ? LineGrouper.UNTAGGED : value;
    };
  }

  private static Map<String, Object> item(Map<String, Object> item, ReconciledItem amounts) {
    item.put("estimated", money(amounts.estimated()));
    item.put("billed", money(amounts.billed()));
    item.put("net", money(amounts.net()));
    item.put("variance", variance(amounts));
    item.put("explained", explained(amounts));
    return item;
  }

  private static Map<String, Object> variance(ReconciledItem item) {
    BigDecimal percent = item.variancePercent();
    return CostJson.ordered(
        "amount",
        money(item.variance()),
        "percent",
        percent == null ? null : percent.toPlainString());
  }

  private static List<Map<String, Object>> explained(ReconciledItem item) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (VarianceCause cause : VarianceCause.values()) {
      out.add(CostJson.ordered("code", cause.name(), "amount", money(item.explained().get(cause))));
    }
    return out;
  }

  private static String money(BigDecimal amount) {
    return Figures.money(amount);
  }
}
