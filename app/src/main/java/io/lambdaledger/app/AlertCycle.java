package io.lambdaledger.app;

import io.lambdaledger.api.ServiceMetrics;
import io.lambdaledger.core.alerting.Alert;
import io.lambdaledger.core.alerting.AlertEntry;
import io.lambdaledger.core.alerting.AnomalyDetector;
import io.lambdaledger.core.alerting.AnomalyRules;
import io.lambdaledger.core.alerting.Budget;
import io.lambdaledger.core.alerting.BudgetBook;
import io.lambdaledger.core.alerting.BudgetCheck;
import io.lambdaledger.core.alerting.FunctionCost;
import io.lambdaledger.core.costing.MonthForecast;
import io.lambdaledger.core.costing.MonthPricing;
import io.lambdaledger.core.costing.NoPriceBookException;
import io.lambdaledger.core.costing.PricedLine;
import io.lambdaledger.core.ledger.FunctionDirectory;
import io.lambdaledger.core.ledger.UsageReader;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionUsage;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.db.AlertStore;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One evaluation of budgets and anomalies, run after each collection cycle ({@link AlertFeed}):
 * prices the month's forecast and each function's recent days through {@code core.costing}, asks
 * {@code core.alerting} which alerts they raise, stores each new one (a key already stored is not
 * raised again) and sends it to the webhooks; then updates the per-function cost on {@code
 * /metrics}.
 */
final class AlertCycle {
  private static final Logger LOG = LoggerFactory.getLogger(AlertCycle.class);

  /** A budget is not judged on a forecast extrapolated from less of the month than this. */
  static final Duration BUDGET_MIN_DATA = Duration.ofDays(1);

  /** The day still running is judged once this much of it has passed. */
  static final long PARTIAL_DAY_MIN_HOURS = 6;

  /**
   * What one evaluation did.
   *
   * @param judged function-days judged (including those without enough history)
   * @param hoursJudged function-hours of large spenders judged (likewise)
   * @param redelivered earlier alerts that every webhook has now taken
   */
  record Outcome(
      List<Alert> raised, int judged, int notEnoughHistory, int hoursJudged, int redelivered) {}

  private final UsageReader usage;
  private final FunctionDirectory directory;
  private final MonthPricing pricing;
  private final BudgetBook storedBudgets;
  private final List<Budget> configuredBudgets;
  private final AnomalyRules rules;
  private final BigDecimal hourlyMinimumDailyCost;
  private final Duration retryFor;
  private final AlertStore alerts;
  private final WebhookSender sender;
  private final ServiceMetrics metrics;
  private final int metricsTop;
  private final Clock clock;

  /**
   * @param rules null: anomalies are not looked for
   * @param hourlyMinimumDailyCost US dollars a day: functions averaging at least this over the
   *     baseline's weeks are also judged hour by hour
   * @param retryFor how long after it was raised an alert not taken by every webhook is tried again
   */
  AlertCycle(
      UsageReader usage,
      FunctionDirectory directory,
      MonthPricing pricing,
      BudgetBook storedBudgets,
      List<Budget> configuredBudgets,
      AnomalyRules rules,
      BigDecimal hourlyMinimumDailyCost,
      Duration retryFor,
      AlertStore alerts,
      WebhookSender sender,
      ServiceMetrics metrics,
      int metricsTop,
      Clock clock) {
    this.usage = usage;
    this.directory = directory;
    this.pricing = pricing;
    this.storedBudgets = storedBudgets;
    this.configuredBudgets = List.copyOf(configuredBudgets);
    this.rules = rules;
    this.hourlyMinimumDailyCost = hourlyMinimumDailyCost;
    this.retryFor = retryFor;
    this.alerts = alerts;
    this.sender = sender;
    this.metrics = metrics;
    this.metricsTop = metricsTop;
    this.clock = clock;
  }

  synchronized Outcome run() {
    Instant now = clock.instant();
    // webhooks that failed a whole round in this cycle: later alerts skip them until next cycle
    Set<String> down = new HashSet<>();
    int redelivered = redeliver(now, down);
    List<Alert> candidates = new ArrayList<>(budgets(now));
    int judged = 0;
    int young = 0;
    int hours = 0;
    if (rules != null) {
      AnomalyDetector detector = new AnomalyDetector(rules);
      Anomalies found = anomalies(detector, now);
      for (AnomalyDetector.Verdict verdict : found.days()) {
        switch (verdict) {
          case AnomalyDetector.Spike spike -> candidates.add(spike.alert());
          case AnomalyDetector.NotEnoughHistory n -> young++;
          case AnomalyDetector.Normal n -> {}
        }
        judged++;
      }
      for (AnomalyDetector.Verdict verdict : found.hours()) {
        if (verdict instanceof AnomalyDetector.Spike spike) {
          candidates.add(spike.alert());
        }
        hours++;
      }
    }
    List<Alert> raised = new ArrayList<>();
    for (Alert alert : candidates) {
      if (alerts.raise(alert, sender.hasWebhooks() ? "pending" : "none")) {
        raised.add(alert);
        LOG.info("event=alert-raised key={} message=\"{}\"", alert.key(), alert.message());
        if (sender.hasWebhooks()) {
          deliver(alert, 0, sender.attempts(), down);
        }
      }
    }
    return new Outcome(raised, judged, young, hours, redelivered);
  }

  /**
   * One delivery round: sends the alert to each webhook that has not accepted or refused it yet,
   * recording each acceptance at once (so no later round sends it there again), then its state:
   * {@code delivered} (every webhook accepted), {@code failed} (some may take it in a later cycle)
   * or {@code abandoned} (the rest refused it).
   *
   * @param madeBefore requests made for it in earlier rounds
   * @param tries requests per webhook in this round
   * @return whether it is now delivered
   */
  private boolean deliver(Alert alert, int madeBefore, int tries, Set<String> down) {
    Set<String> settled = alerts.settled(alert.key());
    int made = madeBefore;
    boolean retry = false;
    boolean refused = false;
    for (WebhookSender.Webhook webhook : sender.webhooks()) {
      if (settled.contains(webhook.name())) {
        continue;
      }
      if (down.contains(webhook.name())) {
        retry = true;
        continue;
      }
      WebhookSender.Result result = sender.send(webhook, alert, tries);
      made += result.attempts();
      switch (result.outcome()) {
        case ACCEPTED -> alerts.settle(alert.key(), webhook.name(), "accepted", clock.instant());
        case REFUSED -> {
          alerts.settle(alert.key(), webhook.name(), "refused", clock.instant());
          refused = true;
        }
        case FAILED -> {
          down.add(webhook.name());
          retry = true;
        }
      }
    }
    String state = retry ? "failed" : refused ? "abandoned" : "delivered";
    alerts.delivered(alert.key(), state, made, state.equals("delivered") ? clock.instant() : null);
    return state.equals("delivered");
  }

  /**
   * Tries again the alerts some webhook has not taken, one request per webhook each cycle (the time
   * between cycles is the backoff), until {@link #retryFor} after they were raised; older ones are
   * given up ({@code abandoned}). An alert is claimed first, so replicas sharing the database do
   * not send it at once; a round left {@code pending} by a stopped process is taken up once it is
   * older than any round can last.
   *
   * @return alerts now delivered
   */
  private int redeliver(Instant now, Set<String> down) {
    Instant since = now.minus(retryFor);
    int abandoned = alerts.abandon(since);
    if (abandoned > 0) {
      LOG.warn("event=alerts-abandoned count={} retryFor={}", abandoned, retryFor);
    }
    if (!sender.hasWebhooks()) {
      return 0;
    }
    int delivered = 0;
    for (AlertEntry entry : alerts.undelivered(since, now.minus(sender.longestRound()))) {
      if (alerts.claim(entry, now) && deliver(entry.alert(), entry.attempts(), 1, down)) {
        delivered++;
        LOG.info("event=alert-redelivered key={}", entry.alert().key());
      }
    }
    return delivered;
  }

  /** Budget alerts of the current month, and the cost per function on /metrics. */
  private List<Alert> budgets(Instant now) {
    YearMonth month = YearMonth.from(now.atOffset(ZoneOffset.UTC));
    Instant monthStart = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    MonthForecast forecast = MonthForecast.of(usage, month, now);
    List<FunctionCost> actual;
    List<FunctionCost> projected;
    try {
      actual = costs(pricing.price(month, forecast.monthToDate()).lines());
      projected = costs(pricing.price(month, forecast.projected()).lines());
    } catch (NoPriceBookException e) {
      LOG.warn("event=alerts-no-price-book month={}", month);
      return List.of();
    }
    Map<String, BigDecimal> perFunction = new LinkedHashMap<>();
    for (FunctionCost cost : actual) {
      FunctionKey key = cost.function();
      perFunction.merge(
          key.accountId() + "/" + key.region() + "/" + key.name(), cost.cost(), BigDecimal::add);
    }
    metrics.functionCosts(perFunction, metricsTop);
    List<Budget> budgets = new ArrayList<>(configuredBudgets);
    for (Budget stored : storedBudgets.list()) {
      if (configuredBudgets.stream().noneMatch(b -> b.name().equals(stored.name()))) {
        budgets.add(stored);
      }
    }
    if (budgets.isEmpty()
        || Duration.between(monthStart, forecast.through()).compareTo(BUDGET_MIN_DATA) < 0) {
      return List.of();
    }
    Map<FunctionKey, Map<String, String>> tags = new HashMap<>();
    for (LambdaFunction function : directory.functions()) {
      tags.put(function.key(), function.tags());
    }
    return BudgetCheck.crossed(budgets, month, projected, actual, tags, now);
  }

  private static List<FunctionCost> costs(List<PricedLine> lines) {
    Map<FunctionKey, BigDecimal> sums = new LinkedHashMap<>();
    for (PricedLine line : lines) {
      sums.merge(line.usage().function(), line.cost().total(), BigDecimal::add);
    }
    List<FunctionCost> costs = new ArrayList<>();
    sums.forEach((key, cost) -> costs.add(new FunctionCost(key, cost)));
    return costs;
  }

  /**
   * Yesterday (whole) and today (the part elapsed, once {@link #PARTIAL_DAY_MIN_HOURS} have
   * passed), each function against its own same-weekday history. A day's cost is its usage priced
   * alone at list price (before the free tier, which would hide a spike in the month's first days).
   */
  private record Anomalies(
      List<AnomalyDetector.Verdict> days, List<AnomalyDetector.Verdict> hours) {}

  private Anomalies anomalies(AnomalyDetector detector, Instant now) {
    Instant todayStart = now.truncatedTo(ChronoUnit.DAYS);
    LocalDate today = LocalDate.ofInstant(todayStart, ZoneOffset.UTC);
    LocalDate yesterday = today.minusDays(1);
    LocalDate first = yesterday.minusWeeks(rules.weeks());
    Instant from = first.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant to = todayStart.plus(Duration.ofDays(1));
    Map<LocalDate, List<FunctionUsage>> days = new TreeMap<>();
    for (UsageReader.Bucket bucket : usage.buckets(UsageReader.Granularity.DAY, from, to)) {
      days.computeIfAbsent(
              LocalDate.ofInstant(bucket.start(), ZoneOffset.UTC), d -> new ArrayList<>())
          .add(bucket.usage());
    }
    Map<FunctionKey, Map<LocalDate, BigDecimal>> history = listCosts(days, YearMonth::from, "day");
    long hoursToday = Duration.between(todayStart, now.truncatedTo(ChronoUnit.HOURS)).toHours();
    Map<LocalDate, BigDecimal> judgedDays = new LinkedHashMap<>();
    judgedDays.put(yesterday, BigDecimal.ONE);
    if (hoursToday >= PARTIAL_DAY_MIN_HOURS) {
      judgedDays.put(
          today,
          BigDecimal.valueOf(hoursToday).divide(BigDecimal.valueOf(24), MathContext.DECIMAL64));
    }
    List<AnomalyDetector.Verdict> verdicts = new ArrayList<>();
    history.forEach(
        (function, costs) ->
            judgedDays.forEach(
                (day, fraction) -> {
                  BigDecimal cost = costs.get(day);
                  if (cost != null) {
                    verdicts.add(detector.check(function, day, cost, fraction, costs, now));
                  }
                }));
    // large spenders: the average day over the baseline's weeks (days without usage as 0)
    int baselineDays = rules.weeks() * 7;
    BigDecimal minimumTotal = hourlyMinimumDailyCost.multiply(BigDecimal.valueOf(baselineDays));
    Set<FunctionKey> large = new HashSet<>();
    history.forEach(
        (function, costs) -> {
          BigDecimal total = BigDecimal.ZERO;
          for (int back = 0; back < baselineDays; back++) {
            total = total.add(costs.getOrDefault(yesterday.minusDays(back), BigDecimal.ZERO));
          }
          if (total.signum() > 0 && total.compareTo(minimumTotal) >= 0) {
            large.add(function);
          }
        });
    return new Anomalies(
        verdicts, hours(detector, large, todayStart.minus(Duration.ofDays(1)), now));
  }

  /**
   * Each function's cost at list price per bucket (a day or an hour), the bucket's usage priced
   * alone. A bucket no price book covers is left out ({@code event=alerts-<unit>-not-priced}).
   */
  private <T> Map<FunctionKey, Map<T, BigDecimal>> listCosts(
      Map<T, List<FunctionUsage>> buckets, Function<T, YearMonth> monthOf, String unit) {
    Map<FunctionKey, Map<T, BigDecimal>> costs = new HashMap<>();
    buckets.forEach(
        (bucket, lines) -> {
          try {
            for (PricedLine line : pricing.price(monthOf.apply(bucket), lines).lines()) {
              BigDecimal listCost = line.cost().exact().total().add(line.cost().freeTierCredit());
              costs
                  .computeIfAbsent(line.usage().function(), f -> new HashMap<>())
                  .merge(bucket, listCost, BigDecimal::add);
            }
          } catch (NoPriceBookException e) {
            LOG.debug("event=alerts-{}-not-priced {}={}", unit, unit, bucket);
          }
        });
    return costs;
  }

  /**
   * The hours of {@code large} from {@code from} to the hour running at {@code now}, each against
   * the same hour of the same weekday in the weeks before. An hour's cost is its usage priced alone
   * at list price, like a day's. Only those hours and their baselines are read.
   */
  private List<AnomalyDetector.Verdict> hours(
      AnomalyDetector detector, Set<FunctionKey> large, Instant from, Instant now) {
    if (large.isEmpty()) {
      return List.of();
    }
    Instant to = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    Map<Instant, List<FunctionUsage>> byHour = new TreeMap<>();
    for (int week = 0; week <= rules.weeks(); week++) {
      Duration back = Duration.ofDays(7L * week);
      for (UsageReader.Bucket bucket :
          usage.buckets(UsageReader.Granularity.HOUR, from.minus(back), to.minus(back))) {
        if (large.contains(bucket.usage().function())) {
          byHour.computeIfAbsent(bucket.start(), h -> new ArrayList<>()).add(bucket.usage());
        }
      }
    }
    Map<FunctionKey, Map<Instant, BigDecimal>> history =
        listCosts(byHour, hour -> YearMonth.from(hour.atOffset(ZoneOffset.UTC)), "hour");
    List<AnomalyDetector.Verdict> verdicts = new ArrayList<>();
    history.forEach(
        (function, costs) -> {
          for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            BigDecimal cost = costs.get(hour);
            if (cost != null) {
              verdicts.add(detector.checkHour(function, hour, cost, costs, now));
            }
          }
        });
    return verdicts;
  }
}
