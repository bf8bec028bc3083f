package io.lambdaledger.api;

import java.util.Objects;

/** Everything the API calls, built by the composition root ({@code app}). */
public record Services(
    TokenSource tokens,
    ReadinessCheck readiness,
    ServiceMetrics metrics,
    CollectionTrigger collections,
    MonthlyReportSource reports) {

  public Services {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(collections, "collections");
    Objects.requireNonNull(reports, "reports");
  }
}
