package io.lambdaledger.app;

import io.lambdaledger.api.ServiceMetrics;
import io.lambdaledger.api.alerts.Alerting;
import io.lambdaledger.app.config.AlertsConfig;
import io.lambdaledger.core.costing.MonthPricing;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.AlertStore;
import io.lambdaledger.db.BudgetStore;
import io.lambdaledger.db.CollectionRunStore;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.StoredLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Budgets, anomalies and webhooks as the configuration asks, over one database. */
final class AlertWiring {

  private final AlertsConfig config;
  private final AlertStore alerts;
  private final BudgetStore budgets;
  private final AlertCycle cycle;
  private final CollectionRunStore runs;

  AlertWiring(
      AlertsConfig config,
      Database database,
      PriceBooks priceBooks,
      ServiceMetrics metrics,
      Clock clock) {
    this(config, database, priceBooks, metrics, clock, Thread::sleep);
  }

  AlertWiring(
      AlertsConfig config,
      Database database,
      PriceBooks priceBooks,
      ServiceMetrics metrics,
      Clock clock,
      WebhookSender.Sleeper sleeper) {
    this.config = config;
    this.alerts = new AlertStore(database.dsl());
    this.budgets = new BudgetStore(database.dsl(), clock);
    this.runs = new CollectionRunStore(database.dsl());
    List<WebhookSender.Webhook> webhooks =
        config.webhooks().stream()
            .map(w -> new WebhookSender.Webhook(w.name(), URI.create(w.url()), w.format()))
            .toList();
    WebhookSender sender =
        new WebhookSender(
            HttpClient.newBuilder()
                .connectTimeout(config.delivery().timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(),
            webhooks,
            config.delivery().attempts(),
            config.delivery().backoff(),
            config.delivery().timeout(),
            sleeper);
    this.cycle =
        new AlertCycle(
            StoredLedger.usage(database),
            StoredLedger.functions(database),
            new MonthPricing(priceBooks),
            budgets,
            config.budgetList(),
            config.anomalies().enabled() ? config.anomalies().rules() : null,
            config.anomalies().hourlyMinimumDailyCost(),
            config.delivery().retryFor(),
            alerts,
            sender,
            metrics,
            config.metricsTopFunctions(),
            clock);
  }

  /** What the API reads and writes. */
  Alerting api() {
    return new Alerting(alerts, budgets, config.budgetList());
  }

  AlertCycle cycle() {
    return cycle;
  }

  /** Not started: {@link AlertFeed#start(Duration)}. */
  AlertFeed feed() {
    return new AlertFeed(runs, cycle);
  }
}
