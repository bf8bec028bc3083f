package io.lambdaledger.reports;

import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.BillingConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.UsageTotals;
import java.math.BigDecimal;

/** Stored usage for tests, written the way the rollups hold it. */
final class Usage {

  private Usage() {}

  static BillingConfiguration x86(int memoryMb) {
    return new BillingConfiguration(memoryMb, Architecture.X86_64, 512);
  }

  static BillingConfiguration arm(int memoryMb) {
    return new BillingConfiguration(memoryMb, Architecture.ARM64, 512);
  }

  /** On-demand usage only: {@code requests} invocations taking {@code durationMs} in total. */
  static FunctionUsage onDemand(
      String payer,
      FunctionKey function,
      BillingConfiguration configuration,
      long requests,
      String durationMs) {
    return new FunctionUsage(
        function, payer, configuration, totals(configuration, requests, durationMs, 0, "0", 0));
  }

  /**
   * Usage with provisioned concurrency: {@code provisionedRequests} of the requests served by it,
   * {@code concurrencySeconds} configured.
   */
  static FunctionUsage withProvisioned(
      String payer,
      FunctionKey function,
      BillingConfiguration configuration,
      long requests,
      String durationMs,
      long provisionedRequests,
      String provisionedDurationMs,
      long concurrencySeconds) {
    return new FunctionUsage(
        function,
        payer,
        configuration,
        totals(
            configuration,
            requests,
            durationMs,
            provisionedRequests,
            provisionedDurationMs,
            concurrencySeconds));
  }

  private static UsageTotals totals(
      BillingConfiguration configuration,
      long requests,
      String durationMs,
      long provisionedRequests,
      String provisionedDurationMs,
      long concurrencySeconds) {
    BigDecimal duration = new BigDecimal(durationMs);
    long lower = duration.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    long upper =
        Math.max(
            lower, duration.setScale(0, java.math.RoundingMode.FLOOR).longValueExact() + requests);
    BigDecimal memoryGb =
        BigDecimal.valueOf(configuration.memoryMb()).divide(BigDecimal.valueOf(1024));
    BigDecimal storageGb =
        BigDecimal.valueOf(configuration.ephemeralStorageMb() - 512L)
            .divide(BigDecimal.valueOf(1024));
    BigDecimal seconds = BigDecimal.valueOf(lower).movePointLeft(3);
    BigDecimal upperSeconds = BigDecimal.valueOf(upper).movePointLeft(3);
    return new UsageTotals(
        requests,
        duration,
        lower,
        upper,
        seconds.multiply(memoryGb),
        upperSeconds.multiply(memoryGb),
        seconds.multiply(storageGb),
        upperSeconds.multiply(storageGb),
        BigDecimal.valueOf(concurrencySeconds),
        BigDecimal.valueOf(concurrencySeconds).multiply(memoryGb),
        provisionedRequests,
        0,
        new BigDecimal(provisionedDurationMs),
        0,
        0,
        0,
        null,
        null);
  }
}
