package io.lambdaledger.api.advice;

import io.lambdaledger.core.advice.Evidence;
import io.lambdaledger.core.advice.Recommendation;
import io.lambdaledger.core.advice.RecommendationKind;
import io.lambdaledger.core.advice.SavingsAdvice;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of savings recommendations ({@code GET /recommendations}). */
public final class RecommendationJson {

  private RecommendationJson() {}

  /**
   * The recommendations as the API and {@code lambda-ledger recommend --format json} write them.
   *
   * @param kind only this kind, or null for every kind
   * @param showSpend whether to add the Logs Insights spend of the month (deployment-wide, so for
   *     unrestricted callers only)
   */
  public static Map<String, Object> of(
      SavingsAdvice.Result result, RecommendationKind kind, boolean showSpend) {
    List<Map<String, Object>> items = new ArrayList<>();
    BigDecimal low = BigDecimal.ZERO;
    BigDecimal expected = BigDecimal.ZERO;
    BigDecimal high = BigDecimal.ZERO;
    for (Recommendation r : result.recommendations()) {
      if (kind != null && r.kind() != kind) {
        continue;
      }
      items.add(item(r));
      low = low.add(r.monthlySavingLowUsd());
      expected = expected.add(r.monthlySavingExpectedUsd());
      high = high.add(r.monthlySavingHighUsd());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("window", object("start", result.from().toString(), "end", result.to().toString()));
    body.put("currency", "USD");
    body.put(
        "monthlySaving",
        object(
            "low", low.toPlainString(),
            "expected", expected.toPlainString(),
            "high", high.toPlainString()));
    if (showSpend) {
      body.put(
          "logsInsights",
          object(
              "queriesThisMonth", result.logsInsightsMonthToDate().queries(),
              "bytesScannedThisMonth", result.logsInsightsMonthToDate().bytesScanned(),
              "costThisMonthUsd",
                  result.logsInsightsMonthToDate().costUsd().stripTrailingZeros().toPlainString()));
    }
    body.put("items", items);
    return body;
  }

  private static Map<String, Object> item(Recommendation r) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("kind", r.kind().key());
    item.put("accountId", r.function().accountId());
    item.put("region", r.function().region());
    item.put("functionName", r.function().name());
    item.put("action", r.action());
    item.put(
        "monthlySaving",
        object(
            "low", r.monthlySavingLowUsd().toPlainString(),
            "expected", r.monthlySavingExpectedUsd().toPlainString(),
            "high", r.monthlySavingHighUsd().toPlainString()));
    List<Map<String, Object>> evidence = new ArrayList<>();
    for (Evidence e : r.evidence()) {
      evidence.add(object("name", e.name(), "value", e.value().toPlainString(), "unit", e.unit()));
    }
    item.put("evidence", evidence);
    item.put("window", object("start", r.from().toString(), "end", r.to().toString()));
    item.put("assumptions", r.assumptions());
    return item;
  }

  /** A JSON object with its members in the order given (name, value, name, value, ...). */
  private static Map<String, Object> object(Object... namesAndValues) {
    Map<String, Object> object = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      object.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return object;
  }
}
