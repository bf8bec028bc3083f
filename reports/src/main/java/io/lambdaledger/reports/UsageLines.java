package io.lambdaledger.reports;

import io.lambdaledger.core.cost.BilledDuration;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.UsageTotals;
import io.lambdaledger.core.pricing.Architecture;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns stored usage (a function configuration's month of rollups) into the cost engine's input.
 *
 * <p>CloudWatch does not split duration between on-demand and provisioned invocations; the rollup
 * estimates the provisioned part, and the rest is on-demand. Both are CloudWatch sums, so the
 * engine prices their lower bound and reports the upper one.
 */
public final class UsageLines {

  private UsageLines() {}

  public static UsageLine from(FunctionUsage usage) {
    UsageTotals totals = usage.usage();
    long provisionedRequests = Math.min(totals.provisionedRequests(), totals.requests());
    long onDemandRequests = totals.requests() - provisionedRequests;
    BigDecimal provisionedMs =
        totals.provisionedDurationMsEstimate().min(totals.durationMsSum()).max(BigDecimal.ZERO);
    BigDecimal onDemandMs = totals.durationMsSum().subtract(provisionedMs);
    return UsageLine.builder()
        .payer(usage.payerAccountId())
        .account(usage.function().accountId())
        .region(usage.function().region())
        .function(usage.function().name())
        .architecture(Architecture.parse(usage.configuration().architecture().id()))
        .memoryMb(usage.configuration().memoryMb())
        .ephemeralStorageMb(usage.configuration().ephemeralStorageMb())
        .requests(onDemandRequests)
        .duration(BilledDuration.fromMetricSum(onDemandMs, onDemandRequests))
        .provisionedConcurrencySeconds(
            totals
                .provisionedConcurrencySeconds()
                .setScale(0, RoundingMode.CEILING)
                .longValueExact())
        .provisionedRequests(provisionedRequests)
        .provisionedDuration(BilledDuration.fromMetricSum(provisionedMs, provisionedRequests))
        .build();
  }
}
