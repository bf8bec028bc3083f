package io.lambdaledger.sim;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/** Counters per operation name, e.g. {@code GetMetricData}, {@code ListFunctions}. */
public record SimulatorStats(Map<String, OperationStats> operations) {

  /** AWS list price of GetMetricData: $0.01 per 1,000 metrics requested. */
  public static final BigDecimal GET_METRIC_DATA_PRICE_PER_METRIC = new BigDecimal("0.00001");

  public SimulatorStats {
    operations = Map.copyOf(new TreeMap<>(operations));
  }

  public OperationStats operation(String name) {
    return operations.getOrDefault(name, new OperationStats(0, 0, 0, 0, 0, 0, 0, 0));
  }

  public long calls(String operation) {
    return operation(operation).calls();
  }

  public long totalCalls() {
    return operations.values().stream().mapToLong(OperationStats::calls).sum();
  }

  public long metricsRequested() {
    return operation("GetMetricData").metricsRequested();
  }

  /** What the GetMetricData calls so far would cost at list price, in USD. */
  public BigDecimal getMetricDataCost() {
    return GET_METRIC_DATA_PRICE_PER_METRIC.multiply(BigDecimal.valueOf(metricsRequested()));
  }
}
