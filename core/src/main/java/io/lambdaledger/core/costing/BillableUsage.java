package io.lambdaledger.core.costing;

import io.lambdaledger.core.cost.BilledDuration;
import io.lambdaledger.core.cost.GbSeconds;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.UsageTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Stored usage (a function configuration's rollups summed over a window) as the cost engine's
 * input: the one place where measured usage becomes billable quantities, for the API and the
 * reports alike, so that their totals agree to the cent.
 *
 * <p>CloudWatch does not split duration between on-demand and provisioned invocations; the rollup
 * estimates the provisioned part, and the rest is on-demand. Both are CloudWatch sums, so the
 * engine prices their lower bound and reports the upper one. Provisioned concurrency is stored in
 * concurrency-seconds, each enabled period already rounded up to five minutes when it was rolled
 * up; a fraction of a second left over is rounded up.
 */
public final class BillableUsage {

  private BillableUsage() {}

  /** The engine's line for one function configuration's stored usage. */
  public static UsageLine of(FunctionUsage usage) {
    UsageTotals totals = usage.usage();
    return of(
        usage.payerAccountId(),
        usage.function(),
        usage.configuration(),
        new Measured(
            totals.requests(),
            totals.durationMsSum(),
            totals.provisionedRequests(),
            totals.provisionedDurationMsEstimate(),
            totals.provisionedConcurrencySeconds()));
  }

  /** The engine's line for measured usage read straight from a rollup row. */
  public static UsageLine of(
      String payer, FunctionKey function, BillingConfiguration configuration, Measured measured) {
    long provisioned = Math.min(measured.provisionedRequests(), measured.requests());
    long onDemand = measured.requests() - provisioned;
    BigDecimal provisionedMs =
        measured.provisionedDurationMs().min(measured.durationMsSum()).max(BigDecimal.ZERO);
    BigDecimal onDemandMs = measured.durationMsSum().subtract(provisionedMs);
    return new UsageLine(
        payer,
        function.accountId(),
        function.region(),
        function.name(),
        configuration.architecture(),
        configuration.memoryMb(),
        configuration.ephemeralStorageMb(),
        onDemand,
        BilledDuration.fromMetricSum(onDemandMs, onDemand),
        measured.concurrencySeconds().setScale(0, RoundingMode.CEILING).longValueExact(),
        provisioned,
        BilledDuration.fromMetricSum(provisionedMs, provisioned));
  }

  /**
   * On-demand GB-seconds as measured: the CloudWatch duration of the on-demand invocations (the
   * same split as {@link #of}) times memory, before the per-invocation rounding the bill bounds.
   * What the free tier page counts against the allowance.
   */
  public static BigDecimal onDemandGbSeconds(FunctionUsage usage) {
    UsageTotals totals = usage.usage();
    BigDecimal provisionedMs =
        totals.provisionedDurationMsEstimate().min(totals.durationMsSum()).max(BigDecimal.ZERO);
    return GbSeconds.of(
        totals.durationMsSum().subtract(provisionedMs), usage.configuration().memoryMb());
  }

  /**
   * What the rollups measured that the bill depends on.
   *
   * @param requests every invocation, on demand and provisioned
   * @param durationMsSum the CloudWatch duration sum of every invocation
   * @param provisionedRequests invocations served by provisioned concurrency
   * @param provisionedDurationMs the rollup's estimate of their duration
   * @param concurrencySeconds provisioned concurrency allocated × seconds
   */
  public record Measured(
      long requests,
      BigDecimal durationMsSum,
      long provisionedRequests,
      BigDecimal provisionedDurationMs,
      BigDecimal concurrencySeconds) {}
}
