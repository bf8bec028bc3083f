package io.lambdaledger.api;

import io.lambdaledger.core.cost.CostEngine;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.Database;
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
 * @param database usage, inventory and collection runs are read from it
 * @param priceBooks price books by version, to price each month with the one in force
 * @param engine the cost engine
 */
public record Services(
    TokenSource tokens,
    TokenStore tokenStore,
    ReadinessCheck readiness,
    ServiceMetrics metrics,
    CollectionTrigger collections,
    MonthlyReportSource reports,
    Database database,
    PriceBooks priceBooks,
    CostEngine engine) {

  public Services {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(tokenStore, "tokenStore");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(collections, "collections");
    Objects.requireNonNull(reports, "reports");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(priceBooks, "priceBooks");
    Objects.requireNonNull(engine, "engine");
  }
}
