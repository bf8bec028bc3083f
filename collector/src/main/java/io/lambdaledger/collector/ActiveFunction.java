package io.lambdaledger.collector;

import java.util.List;

/** A function worth querying in a window, with the metrics to request for it. */
record ActiveFunction(String name, List<LambdaMetric> metrics) {

  public ActiveFunction {
    metrics = List.copyOf(metrics);
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("an active function needs at least one metric: " + name);
    }
  }
}
