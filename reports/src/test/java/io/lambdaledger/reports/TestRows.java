package io.lambdaledger.reports;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.pricing.PriceBook;
import io.lambdaledger.core.pricing.PriceGroup;
import io.lambdaledger.core.pricing.RegionRates;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Report rows for writer tests: small, explicit, with the numbers in plain sight. */
final class TestRows {

  static final YearMonth OCTOBER = YearMonth.of(2026, 10);

  private TestRows() {}

  static ReportRow row(String account, String region, String function, String total) {
    return row(account, region, function, "x86_64", Map.of(), total);
  }

  /** A row with a request charge of 0.20 and a duration charge making up the rest of total. */
  static ReportRow row(
      String account,
      String region,
      String function,
      String architecture,
      Map<String, String> tags,
      String total) {
    BigDecimal totalCost = new BigDecimal(total);
    BigDecimal requestCost = new BigDecimal("0.20");
    RegionRates rates = PriceBook.bundled().rates(region, Architecture.parse(architecture));
    ChargeLine requests =
        new ChargeLine(
            ChargeKind.REQUESTS,
            new BigDecimal("1000000"),
            new BigDecimal("0.0000002"),
            requestCost,
            BigDecimal.ZERO.setScale(2),
            rates.usageType(PriceGroup.REQUESTS));
    ChargeLine duration =
        new ChargeLine(
            ChargeKind.DURATION,
            new BigDecimal("250000.5"),
            new BigDecimal("0.0000166667"),
            totalCost.subtract(requestCost),
            new BigDecimal("1.25"),
            rates.usageType(PriceGroup.DURATION));
    return new ReportRow(
        OCTOBER,
        "999999999999",
        "org-payer",
        account,
        null,
        region,
        function,
        "arn:aws:lambda:" + region + ":" + account + ":function:" + function,
        architecture,
        1024,
        512,
        1_000_000L,
        new BigDecimal("250000.5"),
        List.of(requests, duration),
        new BigDecimal("1.25"),
        totalCost,
        "USD",
        "bundled-2026-09",
        new TreeMap<>(tags),
        List.of(),
        true,
        null,
        null);
  }
}
