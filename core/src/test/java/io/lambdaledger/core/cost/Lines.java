package io.lambdaledger.core.cost;

import io.lambdaledger.core.model.Architecture;
import java.math.BigDecimal;

/** Test fixtures: usage lines in one call. */
final class Lines {

  private Lines() {}

  /** An on-demand function of payer/account {@code 111111111111}. */
  static UsageLine.Builder onDemand(
      String function,
      String region,
      Architecture architecture,
      int memoryMb,
      long requests,
      String averageBilledMs) {
    return UsageLine.builder()
        .account("111111111111")
        .region(region)
        .function(function)
        .architecture(architecture)
        .memoryMb(memoryMb)
        .requests(requests)
        .duration(BilledDuration.average(requests, new BigDecimal(averageBilledMs)));
  }

  /** A line whose on-demand duration is {@code gbSeconds} at 1024 MB (1 GB). */
  static UsageLine.Builder gbSeconds(
      String function, String region, Architecture architecture, long gbSeconds) {
    return UsageLine.builder()
        .account("111111111111")
        .region(region)
        .function(function)
        .architecture(architecture)
        .memoryMb(1024)
        .duration(BilledDuration.billedMs(Math.multiplyExact(gbSeconds, 1000L)));
  }
}
