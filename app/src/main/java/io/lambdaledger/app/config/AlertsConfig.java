package io.lambdaledger.app.config;

import io.lambdaledger.core.alerting.AnomalyRules;
import io.lambdaledger.core.alerting.Budget;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code alerts}: where alerts go, the configured budgets, the anomaly rules and the cost series on
 * {@code /metrics}. Documented in {@code docs/configuration.md} and {@code docs/alerts.md}.
 *
 * @param metricsTopFunctions how many functions {@code /metrics} names (the rest are "other"); 0 by
 *     default, because {@code /metrics} needs no token and would show function names and costs to
 *     anyone who can reach it
 */
public record AlertsConfig(
    List<WebhookConfig> webhooks,
    List<BudgetConfig> budgets,
    AnomalyConfig anomalies,
    DeliveryConfig delivery,
    Integer metricsTopFunctions) {

  public AlertsConfig {
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    budgets = budgets == null ? List.of() : List.copyOf(budgets);
    anomalies =
        anomalies == null ? new AnomalyConfig(null, null, null, null, null, null, null) : anomalies;
    delivery = delivery == null ? new DeliveryConfig(null, null, null, null) : delivery;
    metricsTopFunctions = metricsTopFunctions == null ? 0 : metricsTopFunctions;
  }

  static AlertsConfig defaults() {
    return new AlertsConfig(null, null, null, null, null);
  }

  /**
   * A webhook: {@code format} {@code json} (the alert as a JSON object) or {@code slack} ({@code
   * {"text": ...}}, also understood by Mattermost, Teams workflows, Google Chat, ...).
   */
  public record WebhookConfig(String name, String url, String format) {
    public WebhookConfig {
      format = format == null || format.isBlank() ? "json" : format;
    }
  }

  /** A budget of the configuration file; see {@link Budget}. */
  public record BudgetConfig(
      String name,
      String account,
      String function,
      String tag,
      BigDecimal amount,
      String currency) {
    public Budget toBudget() {
      return new Budget(name, account, function, tag, amount, currency, "config");
    }
  }

  /**
   * The anomaly rules ({@link AnomalyRules}); defaults from {@link AnomalyRules#DEFAULT}.
   *
   * @param hourlyMinimumDailyCost US dollars a day: a function whose list-price cost averaged at
   *     least this over the baseline's weeks (a large spender) is also judged hour by hour
   */
  public record AnomalyConfig(
      Boolean enabled,
      Integer weeks,
      Integer minimumWeeks,
      BigDecimal sensitivity,
      BigDecimal minimumRatio,
      BigDecimal minimumIncrease,
      BigDecimal hourlyMinimumDailyCost) {

    /** $24 a day, $1 an hour on average. */
    public static final BigDecimal DEFAULT_HOURLY_MINIMUM_DAILY_COST = new BigDecimal("24");

    public AnomalyConfig {
      AnomalyRules d = AnomalyRules.DEFAULT;
      enabled = enabled == null ? Boolean.TRUE : enabled;
      weeks = weeks == null ? d.weeks() : weeks;
      minimumWeeks = minimumWeeks == null ? d.minimumWeeks() : minimumWeeks;
      sensitivity = sensitivity == null ? d.sensitivity() : sensitivity;
      minimumRatio = minimumRatio == null ? d.minimumRatio() : minimumRatio;
      minimumIncrease = minimumIncrease == null ? d.minimumIncrease() : minimumIncrease;
      hourlyMinimumDailyCost =
          hourlyMinimumDailyCost == null
              ? DEFAULT_HOURLY_MINIMUM_DAILY_COST
              : hourlyMinimumDailyCost;
    }

    public AnomalyRules rules() {
      return new AnomalyRules(
          weeks,
          minimumWeeks,
          sensitivity,
          AnomalyRules.DEFAULT.spreadFloor(),
          minimumRatio,
          minimumIncrease);
    }
  }

  /**
   * How webhooks are called: up to {@code attempts} requests per alert and webhook, waiting {@code
   * backoff}, then twice as long each time (at most a minute), each request timing out after {@code
   * timeout} (connecting, and waiting for the answer). An alert a webhook did not take is tried
   * there again once in each later cycle until it is {@code retryFor} old.
   */
  public record DeliveryConfig(
      Integer attempts, Duration backoff, Duration timeout, Duration retryFor) {
    public DeliveryConfig {
      attempts = attempts == null ? 4 : attempts;
      backoff = backoff == null ? Duration.ofSeconds(2) : backoff;
      timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
      retryFor = retryFor == null ? Duration.ofHours(24) : retryFor;
    }
  }

  /** The configured budgets. */
  public List<Budget> budgetList() {
    List<Budget> list = new ArrayList<>();
    for (BudgetConfig budget : budgets) {
      list.add(budget.toBudget());
    }
    return list;
  }

  /** Reports the first unusable value by its key. */
  void validate() {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < webhooks.size(); i++) {
      WebhookConfig webhook = webhooks.get(i);
      String key = "alerts.webhooks[" + i + "]";
      if (webhook.name() == null || webhook.name().isBlank()) {
        fail(key + ".name", "is required");
      }
      if (webhook.name() != null && webhook.name().length() > 128) {
        fail(key + ".name", "must be at most 128 characters");
      }
      if (!names.add(webhook.name())) {
        fail(key + ".name", "webhook " + webhook.name() + " is listed twice");
      }
      if (!webhook.format().equals("json") && !webhook.format().equals("slack")) {
        fail(key + ".format", "'" + webhook.format() + "' is not one of json, slack");
      }
      URI uri;
      try {
        uri = URI.create(webhook.url() == null ? "" : webhook.url());
      } catch (IllegalArgumentException e) {
        uri = null;
      }
      if (uri == null
          || uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        fail(key + ".url", "must be an http:// or https:// URL");
      }
    }
    Set<String> budgetNames = new HashSet<>();
    for (int i = 0; i < budgets.size(); i++) {
      String key = "alerts.budgets[" + i + "]";
      try {
        Budget budget = budgets.get(i).toBudget();
        if (!budgetNames.add(budget.name())) {
          fail(key + ".name", "budget " + budget.name() + " is listed twice");
        }
      } catch (IllegalArgumentException e) {
        fail(key, e.getMessage());
      }
    }
    try {
      anomalies.rules();
    } catch (IllegalArgumentException e) {
      fail("alerts.anomalies", e.getMessage());
    }
    if (anomalies.hourlyMinimumDailyCost().signum() < 0) {
      fail("alerts.anomalies.hourlyMinimumDailyCost", "must not be negative");
    }
    if (delivery.attempts() < 1 || delivery.attempts() > 10) {
      fail("alerts.delivery.attempts", "must be between 1 and 10");
    }
    if (delivery.backoff().isNegative()
        || delivery.timeout().isNegative()
        || delivery.timeout().isZero()) {
      fail("alerts.delivery", "backoff must not be negative and timeout must be positive");
    }
    if (delivery.retryFor().isNegative() || delivery.retryFor().compareTo(Duration.ofDays(7)) > 0) {
      fail("alerts.delivery.retryFor", "must be between 0 and 7 days");
    }
    if (metricsTopFunctions < 0 || metricsTopFunctions > 200) {
      fail("alerts.metricsTopFunctions", "must be between 0 and 200");
    }
  }

  private static void fail(String key, String message) {
    throw new ConfigException("config: key '" + key + "' " + message);
  }
}
