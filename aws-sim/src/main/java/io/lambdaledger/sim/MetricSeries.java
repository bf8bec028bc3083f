package io.lambdaledger.sim;

/** One query's datapoints in ascending time order: epoch seconds and values. */
record MetricSeries(long[] timestamps, double[] values) {

  static final MetricSeries EMPTY = new MetricSeries(new long[0], new double[0]);

  int size() {
    return timestamps.length;
  }
}
