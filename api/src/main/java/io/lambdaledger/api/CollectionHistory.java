package io.lambdaledger.api;

import io.lambdaledger.core.model.CollectionRun;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Past collection runs as the API reads them. */
interface CollectionHistory {

  /** The newest runs first. */
  List<CollectionRun> recent(int limit);

  /** Calls, metrics requested and CloudWatch cost of the runs started at or after {@code from}. */
  Spend since(Instant from);

  record Spend(
      long runs,
      long calls,
      long metricsRequested,
      BigDecimal cloudWatchCost,
      Instant lastSuccess) {}
}
