package io.lambdaledger.api;

import io.lambdaledger.api.alerts.Alerting;
import io.lambdaledger.api.auth.TokenSource;
import io.lambdaledger.api.auth.TokenStore;
import io.lambdaledger.api.operations.BillImportTrigger;
import io.lambdaledger.api.operations.CollectionTrigger;
import io.lambdaledger.api.operations.MonthlyReportSource;
import io.lambdaledger.core.pricing.PriceBooks;
import java.util.Objects;

/**
 * Everything the API calls, built by the composition root ({@code app}).
 *
 * @param tokens the bearer tokens from the configuration
 * @param tokenStore the tokens created with {@code tokens create} or {@code POST /api/v1/tokens}
 * @param readiness what {@code /readyz} asks, typically {@code database::isReachable}
 * @param metrics the Prometheus registry, shared with whatever reports collection metrics
 * @param collections starts a collection cycle ({@code POST /collections})
 * @param reports writes monthly CSV and FOCUS reports
 * @param ledger usage, inventory and collection runs, through their read ports
 * @param priceBooks price books by version, to price each month with the one in force
 * @param alerting the alert history and the budgets ({@link Alerting#NONE} without alerting)
 * @param bills imports the configured bill exports ({@code POST /bill/imports})
 */
public record Services(
    TokenSource tokens,
    TokenStore tokenStore,
    ReadinessCheck readiness,
    ServiceMetrics metrics,
    CollectionTrigger collections,
    MonthlyReportSource reports,
    LedgerData ledger,
    PriceBooks priceBooks,
    Alerting alerting,
    BillImportTrigger bills) {

  public Services {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(tokenStore, "tokenStore");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(collections, "collections");
    Objects.requireNonNull(reports, "reports");
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(priceBooks, "priceBooks");
    Objects.requireNonNull(alerting, "alerting");
    Objects.requireNonNull(bills, "bills");
  }

  /** Without alerting and without bill exports. */
  public Services(
      TokenSource tokens,
      TokenStore tokenStore,
      ReadinessCheck readiness,
      ServiceMetrics metrics,
      CollectionTrigger collections,
      MonthlyReportSource reports,
      LedgerData ledger,
      PriceBooks priceBooks) {
    this(
        tokens,
        tokenStore,
        readiness,
        metrics,
        collections,
        reports,
        ledger,
        priceBooks,
        Alerting.NONE,
        BillImportTrigger.NONE);
  }
}
