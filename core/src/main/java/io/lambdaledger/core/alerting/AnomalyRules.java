package io.lambdaledger.core.alerting;

import java.math.BigDecimal;

/**
 * When a function's daily cost is an anomaly. The baseline is the median of the same weekday over
 * the last {@code weeks} weeks (so a busy Monday is compared with Mondays); the spread is their
 * median absolute deviation (scaled by 1.4826 to a standard deviation), at least {@code
 * spreadFloor} of the median (so a perfectly regular function does not alert on a small move). A
 * day is a spike when its cost exceeds every one of: median + {@code sensitivity} × spread, median
 * × {@code minimumRatio}, median + {@code minimumIncrease}.
 *
 * @param weeks how many same weekdays back the baseline looks
 * @param minimumWeeks how many of them must have usage before a function is judged at all (a new
 *     function is not)
 * @param minimumIncrease US dollars a day: smaller jumps never alert
 */
public record AnomalyRules(
    int weeks,
    int minimumWeeks,
    BigDecimal sensitivity,
    BigDecimal spreadFloor,
    BigDecimal minimumRatio,
    BigDecimal minimumIncrease) {

  public static final AnomalyRules DEFAULT =
      new AnomalyRules(
          4,
          3,
          new BigDecimal("5"),
          new BigDecimal("0.10"),
          new BigDecimal("2"),
          new BigDecimal("0.50"));

  public AnomalyRules {
    if (weeks < 1 || minimumWeeks < 1 || minimumWeeks > weeks) {
      throw new IllegalArgumentException(
          "anomaly weeks must be at least 1 and minimumWeeks between 1 and weeks");
    }
    if (sensitivity.signum() <= 0
        || spreadFloor.signum() < 0
        || minimumRatio.compareTo(BigDecimal.ONE) < 0
        || minimumIncrease.signum() < 0) {
      throw new IllegalArgumentException(
          "anomaly sensitivity must be > 0, spreadFloor and minimumIncrease >= 0, minimumRatio >="
              + " 1");
    }
  }
}
