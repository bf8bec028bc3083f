package io.lambdaledger.core.advice;

import io.lambdaledger.core.model.FunctionKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One way to save on one function.
 *
 * @param action what to do, in words (e.g. {@code "lower memory from 2048 MB to 384 MB"})
 * @param from start of the lookback the evidence was measured over (inclusive)
 * @param to end of the lookback (exclusive)
 * @param evidence the numbers measured over {@code [from, to)}
 * @param monthlySavingLowUsd the least the change is expected to save in a 30-day month
 * @param monthlySavingExpectedUsd the estimate under the stated assumptions
 * @param monthlySavingHighUsd the most it is expected to save
 * @param assumptions what the estimate takes for granted
 */
public record Recommendation(
    RecommendationKind kind,
    FunctionKey function,
    String action,
    Instant from,
    Instant to,
    List<Evidence> evidence,
    BigDecimal monthlySavingLowUsd,
    BigDecimal monthlySavingExpectedUsd,
    BigDecimal monthlySavingHighUsd,
    List<String> assumptions) {

  public Recommendation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    evidence = List.copyOf(evidence);
    assumptions = List.copyOf(assumptions);
    if (monthlySavingLowUsd.compareTo(monthlySavingExpectedUsd) > 0
        || monthlySavingExpectedUsd.compareTo(monthlySavingHighUsd) > 0) {
      throw new IllegalArgumentException(
          "saving range must be ordered low <= expected <= high: "
              + monthlySavingLowUsd
              + ", "
              + monthlySavingExpectedUsd
              + ", "
              + monthlySavingHighUsd);
    }
  }
}
