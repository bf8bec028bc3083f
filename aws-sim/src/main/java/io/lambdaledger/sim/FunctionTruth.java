package io.lambdaledger.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
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
 * @param coldStarts on-demand invocations that ran INIT first
 * @param initMsSum sum of INIT durations in ms (exact): not in CloudWatch's Duration
 * @param initBilledMs what billed INIT adds to the billed milliseconds (not in {@code billedMs})
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
    List<ConfigUsage> configs,
    long coldStarts,
    BigDecimal initMsSum,
    long initBilledMs) {

  public FunctionTruth {
    configs = List.copyOf(configs);
  }

  public String arn() {
    return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
  }

  /** This function's usage over two disjoint windows (configurations summed when equal). */
  FunctionTruth plus(FunctionTruth other) {
    List<ConfigUsage> merged = new ArrayList<>(configs);
    for (ConfigUsage c : other.configs) {
      int same = -1;
      for (int i = 0; i < merged.size(); i++) {
        if (merged.get(i).sameConfiguration(c)) {
          same = i;
        }
      }
      if (same < 0) {
        merged.add(c);
      } else {
        merged.set(same, merged.get(same).plus(c));
      }
    }
    Long age =
        iteratorAgeMaxMs == null
            ? other.iteratorAgeMaxMs
            : other.iteratorAgeMaxMs == null
                ? iteratorAgeMaxMs
                : Long.valueOf(Math.max(iteratorAgeMaxMs, other.iteratorAgeMaxMs));
    return new FunctionTruth(
        account,
        region,
        name,
        invocations + other.invocations,
        durationMsSum.add(other.durationMsSum),
        billedMs + other.billedMs,
        errors + other.errors,
        throttles + other.throttles,
        deadLetterErrors + other.deadLetterErrors,
        age,
        provisionedConcurrencyInvocations + other.provisionedConcurrencyInvocations,
        merged,
        coldStarts + other.coldStarts,
        initMsSum.add(other.initMsSum),
        initBilledMs + other.initBilledMs);
  }
}
