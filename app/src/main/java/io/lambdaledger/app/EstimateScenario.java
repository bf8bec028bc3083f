package io.lambdaledger.app;

import io.lambdaledger.core.cost.BilledDuration;
import io.lambdaledger.core.cost.UsageLine;
import io.lambdaledger.core.model.Architecture;
import java.math.BigDecimal;
import java.util.List;

/**
 * A what-if scenario for {@code estimate}: functions with average durations, priced as one payer.
 *
 * @param freeTier whether the scenario's payer still has its monthly free tier
 */
record EstimateScenario(boolean freeTier, List<Function> functions) {

  /** The payer and account of every scenario function (an estimate has one payer). */
  static final String PAYER = "estimate";

  EstimateScenario {
    functions = List.copyOf(functions);
  }

  /**
   * One function.
   *
   * @param requests on-demand requests (not served by provisioned concurrency)
   * @param averageDurationMs average billed duration of the on-demand requests
   * @param provisioned provisioned concurrency, or {@code null}
   */
  record Function(
      String name,
      String region,
      Architecture architecture,
      int memoryMb,
      int ephemeralStorageMb,
      long requests,
      BigDecimal averageDurationMs,
      Provisioned provisioned) {

    UsageLine toUsageLine() {
      UsageLine.Builder line =
          UsageLine.builder()
              .payer(PAYER)
              .account(PAYER)
              .region(region)
              .function(name)
              .architecture(architecture)
              .memoryMb(memoryMb)
              .ephemeralStorageMb(ephemeralStorageMb)
              .requests(requests)
              .duration(BilledDuration.average(requests, averageDurationMs));
      if (provisioned != null) {
        line.provisionedConcurrencySeconds(
                UsageLine.provisionedConcurrencySeconds(
                    provisioned.concurrency(), provisioned.seconds()))
            .provisionedRequests(provisioned.requests())
            .provisionedDuration(
                BilledDuration.average(provisioned.requests(), provisioned.averageDurationMs()));
      }
      return line.build();
    }
  }

  /**
   * Provisioned concurrency of one function.
   *
   * @param concurrency configured concurrency
   * @param seconds how long it is enabled in the month (billed in 5-minute steps)
   * @param requests requests served by provisioned concurrency
   * @param averageDurationMs their average billed duration
   */
  record Provisioned(int concurrency, long seconds, long requests, BigDecimal averageDurationMs) {}

  List<UsageLine> usageLines() {
    return functions.stream().map(Function::toUsageLine).toList();
  }
}
