package io.lambdaledger.reports;

import io.lambdaledger.core.cost.BilledDuration;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.UsageTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns stored usage (a function configuration's rollups summed over a window) into the cost
 * engine's input. The API must build its engine input the same way for its totals to match the
 * reports' to the cent.
 *
 * <p>CloudWatch does not split duration between on-demand and provisioned invocations; the rollup
 * estimates the provisioned part, and the rest is on-demand. Both are CloudWatch sums, so the
 * engine prices their lower bound and reports the upper one.
 */
public final class UsageLines {

  private UsageLines() {}

  public static UsageLine from(FunctionUsage usage) {
    UsageTotals totals = usage.usage();
    return of(
        usage.payerAccountId(),
        usage.function(),
        usage.configuration().architecture().id(),
        usage.configuration().memoryMb(),
        usage.configuration().ephemeralStorageMb(),
        totals.requests(),
        totals.durationMsSum(),
        totals.provisionedRequests(),
        totals.provisionedDurationMsEstimate(),
        totals.provisionedConcurrencySeconds());
  }

  /**
   * @param requests every invocation, on demand and provisioned
   * @param durationMsSum the CloudWatch duration sum of every invocation
   * @param provisionedRequests invocations served by provisioned concurrency
   * @param provisionedDurationMs the rollup's estimate of their duration
   * @param concurrencySeconds provisioned concurrency allocated × seconds
   */
  static UsageLine of(
      String payer,
      FunctionKey function,
      String architecture,
      int memoryMb,
      int ephemeralStorageMb,
      long requests,
      BigDecimal durationMsSum,
      long provisionedRequests,
      BigDecimal provisionedDurationMs,
      BigDecimal concurrencySeconds) {
    long provisioned = Math.min(provisionedRequests, requests);
    long onDemand = requests - provisioned;
    BigDecimal provisionedMs = provisionedDurationMs.min(durationMsSum).max(BigDecimal.ZERO);
    BigDecimal onDemandMs = durationMsSum.subtract(provisionedMs);
    return UsageLine.builder()
        .payer(payer)
        .account(function.accountId())
        .region(function.region())
        .function(function.name())
        .architecture(Architecture.parse(architecture))
        .memoryMb(memoryMb)
        .ephemeralStorageMb(ephemeralStorageMb)
        .requests(onDemand)
        .duration(BilledDuration.fromMetricSum(onDemandMs, onDemand))
        .provisionedConcurrencySeconds(
            concurrencySeconds.setScale(0, RoundingMode.CEILING).longValueExact())
        .provisionedRequests(provisioned)
        .provisionedDuration(BilledDuration.fromMetricSum(provisionedMs, provisioned))
        .build();
  }
}
