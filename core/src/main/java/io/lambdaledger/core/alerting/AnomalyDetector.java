package io.lambdaledger.core.alerting;

import io.lambdaledger.core.model.FunctionKey;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Judges one function's cost on one day against its own baseline ({@link AnomalyRules}). A day
 * still running is judged on the part of the day elapsed: its baseline and thresholds are scaled by
 * that fraction. Only rises alert; a function that costs less than usual does not.
 */
public final class AnomalyDetector {

  private static final BigDecimal MAD_TO_SIGMA = new BigDecimal("1.4826");

  /** The hour's period as alerts carry it: {@code 2026-10-14T13:00Z}. */
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'");

  private final AnomalyRules rules;

  public AnomalyDetector(AnomalyRules rules) {
    this.rules = rules;
  }

  /** The outcome for one function and day. */
  public sealed interface Verdict {}

  /** The day's cost is a spike; {@code alert} says by how much. */
  public record Spike(Alert alert) implements Verdict {}

  /** Within the baseline: the day's cost stayed at or under {@code threshold}. */
  public record Normal(BigDecimal baseline, BigDecimal threshold) implements Verdict {}

  /** Not judged: only {@code weeksWithUsage} same weekdays have usage (a new function). */
  public record NotEnoughHistory(int weeksWithUsage) implements Verdict {}

  /**
   * @param cost the day's cost so far
   * @param dayFraction how much of the day {@code cost} covers (1 for a whole day), in (0, 1]
   * @param history daily costs of earlier days (days without usage absent)
   */
  public Verdict check(
      FunctionKey function,
      LocalDate day,
      BigDecimal cost,
      BigDecimal dayFraction,
      Map<LocalDate, BigDecimal> history,
      Instant at) {
    List<BigDecimal> sameWeekday = inEarlierWeeks(history, day::minusWeeks);
    if (sameWeekday.size() < rules.minimumWeeks()) {
      return new NotEnoughHistory(sameWeekday.size());
    }
    BigDecimal median = median(sameWeekday);
    BigDecimal threshold = threshold(median, sameWeekday);
    BigDecimal baseline = median.multiply(dayFraction);
    threshold = threshold.multiply(dayFraction);
    if (cost.compareTo(threshold) <= 0) {
      return new Normal(baseline, threshold);
    }
    String subject = function.accountId() + "/" + function.region() + "/" + function.name();
    String ratio = ratio(cost, baseline);
    boolean partial = dayFraction.compareTo(BigDecimal.ONE) < 0;
    String message =
        "Cost spike: "
            + subject
            + " cost $"
            + BudgetCheck.cents(cost)
            + " on "
            + day
            + (partial ? " so far" : "")
            + ", "
            + ratio
            + " $"
            + BudgetCheck.cents(baseline)
            + " (median of the same weekday over "
            + sameWeekday.size()
            + " weeks"
            + (partial ? ", for the same part of the day" : "")
            + ")";
    return new Spike(
        new Alert(
            "anomaly:" + subject + ":" + day + ":spike",
            AlertKind.ANOMALY,
            function.accountId(),
            subject,
            day.toString(),
            message,
            cost,
            baseline,
            at));
  }

  /**
   * Judges one hour of a function against the same hour of the same weekday over the last {@code
   * weeks} weeks, with the same rules as a day ({@code minimumIncrease} then applies to the hour).
   * The hour may still be running: its cost so far is compared with a whole hour's threshold, so a
   * partial hour can only be judged too low, never too high. The alert is keyed by function and day
   * ({@code anomaly:<function>:<yyyy-MM-dd>:hourly-spike}): a function raises at most one hourly
   * alert a day, at the first hour that spikes; its period is the hour.
   *
   * @param hour the hour's start (a whole UTC hour)
   * @param history hourly costs of earlier hours by their start (hours without usage absent)
   */
  public Verdict checkHour(
      FunctionKey function,
      Instant hour,
      BigDecimal cost,
      Map<Instant, BigDecimal> history,
      Instant at) {
    List<BigDecimal> sameHour =
        inEarlierWeeks(history, weeks -> hour.minus(Duration.ofDays(7L * weeks)));
    if (sameHour.size() < rules.minimumWeeks()) {
      return new NotEnoughHistory(sameHour.size());
    }
    BigDecimal median = median(sameHour);
    BigDecimal threshold = threshold(median, sameHour);
    if (cost.compareTo(threshold) <= 0) {
      return new Normal(median, threshold);
    }
    String subject = function.accountId() + "/" + function.region() + "/" + function.name();
    LocalDateTime start = LocalDateTime.ofInstant(hour, ZoneOffset.UTC);
    String period = start.format(HOUR);
    String message =
        "Cost spike: "
            + subject
            + " cost $"
            + BudgetCheck.cents(cost)
            + " in the hour "
            + start.toLocalDate()
            + " "
            + start.toLocalTime()
            + "–"
            + start.toLocalTime().plusHours(1)
            + " UTC, "
            + ratio(cost, median)
            + " $"
            + BudgetCheck.cents(median)
            + " (median of the same hour and weekday over "
            + sameHour.size()
            + " weeks)";
    return new Spike(
        new Alert(
            "anomaly:" + subject + ":" + start.toLocalDate() + ":hourly-spike",
            AlertKind.ANOMALY,
            function.accountId(),
            subject,
            period,
            message,
            cost,
            median,
            at));
  }

  /**
   * The costs in {@code history} of the same day or hour 1 to {@code weeks} weeks earlier, those
   * with usage.
   *
   * @param weeksEarlier the day or hour that many weeks earlier
   */
  private <T> List<BigDecimal> inEarlierWeeks(
      Map<T, BigDecimal> history, IntFunction<T> weeksEarlier) {
    List<BigDecimal> earlier = new ArrayList<>();
    for (int week = 1; week <= rules.weeks(); week++) {
      BigDecimal cost = history.get(weeksEarlier.apply(week));
      if (cost != null) {
        earlier.add(cost);
      }
    }
    return earlier;
  }

  /** The cost above which a day (or hour) with this same-weekday history is a spike. */
  private BigDecimal threshold(BigDecimal median, List<BigDecimal> sameWeekday) {
    List<BigDecimal> deviations = new ArrayList<>();
    for (BigDecimal value : sameWeekday) {
      deviations.add(value.subtract(median).abs());
    }
    BigDecimal spread =
        median(deviations).multiply(MAD_TO_SIGMA).max(median.multiply(rules.spreadFloor()));
    return median
        .add(spread.multiply(rules.sensitivity()))
        .max(median.multiply(rules.minimumRatio()))
        .max(median.add(rules.minimumIncrease()));
  }

  private static String ratio(BigDecimal cost, BigDecimal baseline) {
    return baseline.signum() == 0
        ? "from nothing"
        : cost.divide(baseline, MathContext.DECIMAL64).setScale(1, RoundingMode.HALF_UP)
            + "× its usual";
  }

  static BigDecimal median(List<BigDecimal> values) {
    List<BigDecimal> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    if (n % 2 == 1) {
      return sorted.get(n / 2);
    }
    return sorted
        .get(n / 2 - 1)
        .add(sorted.get(n / 2))
        .divide(BigDecimal.TWO, MathContext.DECIMAL64);
  }
}
