package io.lambdaledger.sim;

import io.lambdaledger.core.cost.Charges;
import io.lambdaledger.core.cost.CostReport;
import io.lambdaledger.core.cost.FreeTierUse;
import io.lambdaledger.core.cost.PayerCost;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code GET /_sim/truth}: {@code functions} (each with its exact usage and its {@code
 * cost}) and {@code bill}. Money is written as strings, so no decimal is ever lost to a binary
 * double.
 */
final class TruthJson {

  private TruthJson() {}

  static Map<String, Object> of(Truth truth, boolean consolidatedBilling) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", truth.from().toString());
    body.put("to", truth.to().toString());
    List<Map<String, Object>> functions = new ArrayList<>();
    for (FunctionTruth f : truth.functions()) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("account", f.account());
      line.put("region", f.region());
      line.put("name", f.name());
      line.put("invocations", f.invocations());
      line.put("durationMsSum", f.durationMsSum());
      line.put("billedMs", f.billedMs());
      line.put("errors", f.errors());
      line.put("throttles", f.throttles());
      line.put("deadLetterErrors", f.deadLetterErrors());
      line.put("iteratorAgeMaxMs", f.iteratorAgeMaxMs());
      line.put("provisionedConcurrencyInvocations", f.provisionedConcurrencyInvocations());
      line.put("coldStarts", f.coldStarts());
      line.put("initMsSum", f.initMsSum());
      line.put("initBilledMs", f.initBilledMs());
      line.put("configs", f.configs());
      line.put("cost", truth.cost(f).toPlainString());
      functions.add(line);
    }
    body.put("functions", functions);
    body.put("bill", bill(truth, consolidatedBilling));
    return body;
  }

  private static Map<String, Object> bill(Truth truth, boolean consolidatedBilling) {
    Map<String, Object> bill = new LinkedHashMap<>();
    bill.put("total", truth.billTotal().toPlainString());
    bill.put("currency", "USD");
    bill.put("onDemand", truth.onDemandTotal().toPlainString());
    bill.put("init", truth.initCharge().toPlainString());
    bill.put("savingsPlanDiscount", truth.savingsPlanDiscount().toPlainString());
    bill.put("credit", truth.credit().toPlainString());
    bill.put("payers", consolidatedBilling ? "organization (first account)" : "each account");
    Charges charges = null;
    List<Map<String, Object>> months = new ArrayList<>();
    for (MonthlyBill monthly : truth.bills()) {
      CostReport report = monthly.report();
      charges = charges == null ? report.charges() : charges.plus(report.charges());
      Map<String, Object> month = new LinkedHashMap<>();
      month.put("month", monthly.month().toString());
      month.put("from", monthly.from().toString());
      month.put("to", monthly.to().toString());
      month.put("priceVersion", report.priceVersion());
      month.put("total", monthly.total().toPlainString());
      month.put("onDemand", report.total().toPlainString());
      month.put("init", monthly.initCharge().toPlainString());
      month.put("savingsPlanDiscount", monthly.savingsPlanDiscount().toPlainString());
      month.put("credit", monthly.credit().toPlainString());
      month.put("charges", charges(report.charges()));
      month.put("freeTier", freeTier(report.freeTier()));
      List<Map<String, Object>> payers = new ArrayList<>();
      for (PayerCost payer : report.payers()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("payer", payer.payer());
        p.put("total", payer.total().toPlainString());
        p.put("charges", charges(payer.charges()));
        p.put("freeTier", freeTier(payer.freeTier()));
        for (MonthlyBill.PayerAdjustments a : monthly.payers()) {
          if (a.payer().equals(payer.payer())) {
            p.put("savingsPlan", a.savingsPlanArn());
            p.put("savingsPlanCovered", a.savingsPlanCovered().toPlainString());
            p.put("savingsPlanFee", a.savingsPlanFee().toPlainString());
            p.put("credit", a.credit().toPlainString());
          }
        }
        payers.add(p);
      }
      month.put("payers", payers);
      months.add(month);
    }
    bill.put("charges", charges == null ? null : charges(charges));
    bill.put("months", months);
    return bill;
  }

  private static Map<String, String> charges(Charges c) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("requests", c.requests().toPlainString());
    map.put("duration", c.duration().toPlainString());
    map.put("ephemeralStorage", c.ephemeralStorage().toPlainString());
    map.put("provisionedConcurrency", c.provisionedConcurrency().toPlainString());
    map.put("provisionedDuration", c.provisionedDuration().toPlainString());
    map.put("total", c.total().toPlainString());
    return map;
  }

  private static Map<String, String> freeTier(FreeTierUse use) {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("requests", plain(use.requests()));
    map.put("gbSeconds", plain(use.gbSeconds()));
    map.put("credit", plain(use.credit()));
    return map;
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
