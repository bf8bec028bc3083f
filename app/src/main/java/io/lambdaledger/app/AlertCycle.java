package io.lambdaledger.app;

import io.lambdaledger.api.ServiceMetrics;
import io.lambdaledger.core.alerting.Alert;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  /** What one evaluation did. */
  record Outcome(List<Alert> raised, int judged, int notEnoughHistory) {}

  private final UsageReader usage;
  private final FunctionDirectory directory;
  private final MonthPricing pricing;
  private final BudgetBook storedBudgets;
  private final List<Budget> configuredBudgets;
  private final AnomalyRules rules;
  private final AlertStore alerts;
  private final WebhookSender sender;
  private final ServiceMetrics metrics;
  private final int metricsTop;
  private final Clock clock;

  /**
   * @param rules null: anomalies are not looked for
   */
  AlertCycle(
      UsageReader usage,
      FunctionDirectory directory,
      MonthPricing pricing,
      BudgetBook storedBudgets,
      List<Budget> configuredBudgets,
      AnomalyRules rules,
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
    this.alerts = alerts;
    this.sender = sender;
    this.metrics = metrics;
    this.metricsTop = metricsTop;
    this.clock = clock;
  }

  synchronized Outcome run() {
    Instant now = clock.instant();
    List<Alert> candidates = new ArrayList<>(budgets(now));
    int judged = 0;
    int young = 0;
    if (rules != null) {
      AnomalyDetector detector = new AnomalyDetector(rules);
      for (AnomalyDetector.Verdict verdict : anomalies(detector, now)) {
        switch (verdict) {
          case AnomalyDetector.Spike spike -> candidates.add(spike.alert());
          case AnomalyDetector.NotEnoughHistory n -> young++;
          case AnomalyDetector.Normal n -> {}
        }
        judged++;
      }
    }
    List<Alert> raised = new ArrayList<>();
    for (Alert alert : candidates) {
      if (alerts.raise(alert, sender.hasWebhooks() ? "pending" : "none")) {
        raised.add(alert);
        LOG.info("event=alert-raised key={} message=\"{}\"", alert.key(), alert.message());
        if (sender.hasWebhooks()) {
          WebhookSender.Result result = sender.send(alert);
          alerts.delivered(
              alert.key(),
              result.delivered() ? "delivered" : "failed",
              result.attempts(),
              result.delivered() ? clock.instant() : null);
        }
      }
    }
    return new Outcome(raised, judged, young);
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
  private List<AnomalyDetector.Verdict> anomalies(AnomalyDetector detector, Instant now) {
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
    Map<FunctionKey, Map<LocalDate, BigDecimal>> history = new HashMap<>();
    days.forEach(
        (day, lines) -> {
          try {
            for (PricedLine line : pricing.price(YearMonth.from(day), lines).lines()) {
              BigDecimal listCost = line.cost().exact().total().add(line.cost().freeTierCredit());
              history
                  .computeIfAbsent(line.usage().function(), f -> new HashMap<>())
                  .merge(day, listCost, BigDecimal::add);
            }
          } catch (NoPriceBookException e) {
            LOG.debug("event=alerts-day-not-priced day={}", day);
          }
        });
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
    return verdicts;
  }
}
