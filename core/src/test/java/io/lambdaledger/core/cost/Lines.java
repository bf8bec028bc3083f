package io.lambdaledger.core.cost;

import io.lambdaledger.core.model.Architecture;
import java.math.BigDecimal;

/** Test fixtures: usage lines in one call. */
final class Lines {

  private Lines() {}

  /** A function of payer/account {@code 111111111111} without usage yet (x86_64 by default). */
  static UsageLine.Builder line(String function, String region, int memoryMb) {
    return UsageLine.builder()
        .account("111111111111")
        .region(region)
        .function(function)
        .memoryMb(memoryMb);
  }

  /** An on-demand function of payer/account {@code 111111111111}. */
  static UsageLine.Builder onDemand(
      String function,
      String region,
      Architecture architecture,
      int memoryMb,
      long requests,
      String averageBilledMs) {
    return line(function, region, memoryMb)
        .architecture(architecture)
        .requests(requests)
        .duration(BilledDuration.average(requests, new BigDecimal(averageBilledMs)));
  }

  /** A line whose on-demand duration is {@code gbSeconds} at 1024 MB (1 GB). */
  static UsageLine.Builder gbSeconds(
      String function, String region, Architecture architecture, long gbSeconds) {
    return line(function, region, 1024)
        .architecture(architecture)
        .duration(BilledDuration.billedMs(Math.multiplyExact(gbSeconds, 1000L)));
  }
}
