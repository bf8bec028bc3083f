package io.lambdaledger.collector;

import java.util.regex.Pattern;

/**
 * One GetMetricData query: a metric of a function, with the id that maps its result back. Ids have
 * the form {@code f<function index>_<metric ordinal>}: they start with a lowercase letter, use only
 * letters, digits and underscores, and are unique within a plan.
 */
record MetricQuery(String id, String functionName, LambdaMetric metric) {

  private static final Pattern VALID_ID = Pattern.compile("[a-z][A-Za-z0-9_]{0,254}");

  public MetricQuery {
    if (!VALID_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a valid GetMetricData query id: " + id);
    }
  }

  /** The id of a function's metric, from the function's position in the plan. */
  public static String idFor(int functionIndex, LambdaMetric metric) {
    return "f" + functionIndex + "_" + metric.ordinal();
  }
}
