package io.lambdaledger.core.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.FunctionKey;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {

  private static final FunctionKey FN = new FunctionKey("111111111111", "us-east-1", "checkout");
  private static final Instant AT = Instant.parse("2026-10-20T01:00:00Z");
  private static final LocalDate FIRST = LocalDate.of(2026, 9, 1);
  private final AnomalyDetector detector = new AnomalyDetector(AnomalyRules.DEFAULT);

  /** $10 on weekdays, $40 on Mondays (a weekly batch), $3 at weekends, ±15 % noise, seeded. */
  private static Map<LocalDate, BigDecimal> seasonal(LocalDate from, int days, long seed) {
    Random random = new Random(seed);
    Map<LocalDate, BigDecimal> costs = new HashMap<>();
    for (int i = 0; i < days; i++) {
      LocalDate day = from.plusDays(i);
      double base =
          day.getDayOfWeek() == DayOfWeek.MONDAY ? 40 : day.getDayOfWeek().getValue() >= 6 ? 3 : 10;
      double noisy = base * (0.85 + 0.3 * random.nextDouble());
      costs.put(day, BigDecimal.valueOf(noisy).setScale(6, java.math.RoundingMode.HALF_UP));
    }
    return costs;
  }

  /** The verdict on {@code cost} the day after four weeks that each cost {@code dailyCost}. */
  private AnomalyDetector.Verdict afterFourWeeksAt(String dailyCost, String cost) {
    Map<LocalDate, BigDecimal> history = new HashMap<>();
    for (int i = 0; i < 28; i++) {
      history.put(FIRST.plusDays(i), new BigDecimal(dailyCost));
    }
    return detector.check(
        FN, FIRST.plusDays(28), new BigDecimal(cost), BigDecimal.ONE, history, AT);
  }

  @Test
  void a_normal_monday_is_not_a_spike_although_it_is_four_times_a_tuesday() {
    Map<LocalDate, BigDecimal> costs = seasonal(FIRST, 60, 7);
    int judged = 0;
    for (int i = 28; i < 60; i++) {
      LocalDate day = FIRST.plusDays(i);
      AnomalyDetector.Verdict verdict =
          detector.check(FN, day, costs.get(day), BigDecimal.ONE, costs, AT);
      assertThat(verdict)
          .as(day + " " + day.getDayOfWeek())
          .isInstanceOf(AnomalyDetector.Normal.class);
      judged++;
    }
    assertThat(judged).isEqualTo(32);
  }

  @Test
  void a_five_fold_tuesday_is_a_spike_with_its_baseline() {
    Map<LocalDate, BigDecimal> costs = seasonal(FIRST, 40, 11);
    LocalDate tuesday = LocalDate.of(2026, 10, 6);
    assertThat(tuesday.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
    BigDecimal spiked = costs.get(tuesday).multiply(BigDecimal.valueOf(5));
    AnomalyDetector.Verdict verdict =
        detector.check(FN, tuesday, spiked, BigDecimal.ONE, costs, AT);
    assertThat(verdict).isInstanceOf(AnomalyDetector.Spike.class);
    Alert alert = ((AnomalyDetector.Spike) verdict).alert();
    assertThat(alert.key()).isEqualTo("anomaly:111111111111/us-east-1/checkout:2026-10-06:spike");
    assertThat(alert.kind()).isEqualTo(AlertKind.ANOMALY);
    assertThat(alert.accountId()).isEqualTo("111111111111");
    assertThat(alert.expected()).isBetween(new BigDecimal("8.5"), new BigDecimal("11.5"));
    assertThat(alert.message()).contains("checkout", "2026-10-06", "same weekday");
  }

  @Test
  void a_spike_in_the_part_of_a_day_elapsed_is_judged_against_that_part() {
    Map<LocalDate, BigDecimal> costs = seasonal(FIRST, 40, 3);
    LocalDate tuesday = LocalDate.of(2026, 10, 6);
    BigDecimal half = new BigDecimal("0.5");
    BigDecimal normalHalf = costs.get(tuesday).multiply(half);
    assertThat(detector.check(FN, tuesday, normalHalf, half, costs, AT))
        .isInstanceOf(AnomalyDetector.Normal.class);
    assertThat(
            detector.check(
                FN, tuesday, normalHalf.multiply(BigDecimal.valueOf(5)), half, costs, AT))
        .isInstanceOf(AnomalyDetector.Spike.class);
  }

  @Test
  void a_new_function_is_not_judged_until_it_has_enough_weeks() {
    Map<LocalDate, BigDecimal> costs = seasonal(LocalDate.of(2026, 9, 22), 14, 5);
    LocalDate day = LocalDate.of(2026, 10, 6);
    AnomalyDetector.Verdict verdict =
        detector.check(FN, day, new BigDecimal("1000"), BigDecimal.ONE, costs, AT);
    assertThat(verdict).isEqualTo(new AnomalyDetector.NotEnoughHistory(2));
  }

  @Test
  void a_perfectly_flat_function_does_not_alert_on_a_small_move_thanks_to_the_spread_floor() {
    assertThat(afterFourWeeksAt("10.00", "14.00")).isInstanceOf(AnomalyDetector.Normal.class);
    assertThat(afterFourWeeksAt("10.00", "20.01")).isInstanceOf(AnomalyDetector.Spike.class);
  }

  @Test
  void a_tiny_function_does_not_alert_below_the_minimum_increase() {
    assertThat(afterFourWeeksAt("0.01", "0.10")).isInstanceOf(AnomalyDetector.Normal.class);
  }

  /**
   * Hourly costs from {@code from} for {@code days}: a daily curve (night a quarter of the peak),
   * Mondays three times, weekends a fifth, ±10 % noise, seeded.
   */
  private static Map<Instant, BigDecimal> hourly(LocalDate from, int days, long seed) {
    Random random = new Random(seed);
    Map<Instant, BigDecimal> costs = new HashMap<>();
    for (int i = 0; i < days * 24; i++) {
      Instant hour = from.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(i));
      LocalDate day = from.plusDays(i / 24);
      double week =
          day.getDayOfWeek() == DayOfWeek.MONDAY ? 3 : day.getDayOfWeek().getValue() >= 6 ? 0.2 : 1;
      double curve = 0.25 + 0.75 * Math.sin(Math.PI * (i % 24) / 24);
      double noisy = 4 * week * curve * (0.9 + 0.2 * random.nextDouble());
      costs.put(hour, BigDecimal.valueOf(noisy).setScale(6, java.math.RoundingMode.HALF_UP));
    }
    return costs;
  }

  @Test
  void hours_are_judged_against_the_same_hour_of_the_same_weekday() {
    Map<Instant, BigDecimal> costs = hourly(FIRST, 60, 5);
    Instant firstJudged = FIRST.plusDays(28).atStartOfDay().toInstant(ZoneOffset.UTC);
    int judged = 0;
    for (int i = 0; i < 32 * 24; i++) {
      Instant hour = firstJudged.plus(Duration.ofHours(i));
      assertThat(detector.checkHour(FN, hour, costs.get(hour), costs, AT))
          .as(hour.toString())
          .isInstanceOf(AnomalyDetector.Normal.class);
      judged++;
    }
    assertThat(judged).isEqualTo(768);

    Instant wednesdayAfternoon = Instant.parse("2026-10-14T13:00:00Z");
    BigDecimal spiked = costs.get(wednesdayAfternoon).multiply(BigDecimal.valueOf(5));
    AnomalyDetector.Verdict verdict = detector.checkHour(FN, wednesdayAfternoon, spiked, costs, AT);
    assertThat(verdict).isInstanceOf(AnomalyDetector.Spike.class);
    Alert alert = ((AnomalyDetector.Spike) verdict).alert();
    assertThat(alert.key())
        .isEqualTo("anomaly:111111111111/us-east-1/checkout:2026-10-14:hourly-spike");
    assertThat(alert.period()).isEqualTo("2026-10-14T13:00Z");
    assertThat(alert.message()).contains("in the hour 2026-10-14 13:00–14:00 UTC");
    assertThat(alert.observed()).isGreaterThan(alert.expected().multiply(BigDecimal.valueOf(4)));
  }

  @Test
  void an_hour_without_enough_weeks_is_not_judged() {
    Map<Instant, BigDecimal> costs = hourly(FIRST, 15, 3);
    Instant hour = FIRST.plusDays(15).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600);
    assertThat(detector.checkHour(FN, hour, new BigDecimal("1000"), costs, AT))
        .isEqualTo(new AnomalyDetector.NotEnoughHistory(2));
  }
}
