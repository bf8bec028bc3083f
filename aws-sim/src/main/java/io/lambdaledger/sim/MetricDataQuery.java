package io.lambdaledger.sim;

import java.util.List;

/**
 * One validated {@code MetricStat} query of a GetMetricData call.
 *
 * @param dimensions name/value pairs as sent, in order
 */
record MetricDataQuery(
    String id,
    String label,
    boolean returnData,
    String namespace,
    String metricName,
    List<Dimension> dimensions,
    int period,
    String stat) {

  record Dimension(String name, String value) {}

  String canonical() {
    return id + '|' + namespace + '|' + metricName + '|' + dimensions + '|' + period + '|' + stat;
  }
}
