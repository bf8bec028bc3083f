package io.lambdaledger.sim;

import java.math.BigDecimal;
import java.util.List;

/**
 * The exact usage of one function in a window, straight from the per-invocation model.
 *
 * @param durationMsSum sum of invocation durations in ms (exact, microsecond resolution): what
 *     CloudWatch's Duration Sum reports
 * @param billedMs sum of per-invocation ceil(duration in ms): what AWS bills
 * @param iteratorAgeMaxMs largest iterator age, null for functions that are not stream consumers or
 *     had no invocation
 * @param configs usage per configuration in force during the window (one unless it changed)
 */
public record FunctionTruth(
    String account,
    String region,
    String name,
    long invocations,
    BigDecimal durationMsSum,
    long billedMs,
    long errors,
    long throttles,
    long deadLetterErrors,
    Long iteratorAgeMaxMs,
    long provisionedConcurrencyInvocations,
    List<ConfigUsage> configs) {

  public FunctionTruth {
    configs = List.copyOf(configs);
  }
}
