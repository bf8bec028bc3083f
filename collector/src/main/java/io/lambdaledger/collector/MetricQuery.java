package io.lambdaledger.collector;

import java.util.regex.Pattern;

/**
 * One GetMetricData query: a metric of a function, with the id that maps its result back. Ids have
 * the form {@code f<function index>_<metric ordinal>}: they start with a lowercase letter, use only
 * letters, digits and underscores, and are unique within a plan.
 */
record MetricQuery(String id, String functionName, String qualifier, LambdaMetric metric) {

  private static final Pattern VALID_ID = Pattern.compile("[a-z][A-Za-z0-9_]{0,254}");

  /**
   * @param qualifier null for the function's aggregate ({@code FunctionName}); an alias or version
   *     for that one's series ({@code FunctionName} + {@code Resource})
   */
  public MetricQuery {
    if (!VALID_ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a valid GetMetricData query id: " + id);
    }
  }

  /** A metric of the function's aggregate of every version and alias. */
  MetricQuery(String id, String functionName, LambdaMetric metric) {
    this(id, functionName, null, metric);
  }

  /** The id of a function's metric, from the function's position in the plan. */
  public static String idFor(int functionIndex, LambdaMetric metric) {
    return "f" + functionIndex + "_" + metric.ordinal();
  }
}
