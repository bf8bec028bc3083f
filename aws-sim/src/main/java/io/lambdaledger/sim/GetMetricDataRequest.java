package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed and validated GetMetricData input, with the limits and messages of the real API: at most
 * 500 queries, ids unique and matching {@code ^[a-z][a-zA-Z0-9_]*$}, StartTime before EndTime,
 * periods of 1, 5, 10, 20, 30 or a multiple of 60 seconds.
 */
record GetMetricDataRequest(
    List<MetricDataQuery> queries,
    long startMillis,
    long endMillis,
    String nextToken,
    boolean ascending,
    int maxDatapoints) {

  static final int MAX_QUERIES = 500;
  static final int MAX_DATAPOINTS = 100_800;

  private static final Pattern ID = Pattern.compile("^[a-z][a-zA-Z0-9_]*$");

  static GetMetricDataRequest parse(JsonNode input) {
    JsonNode list = input.path("MetricDataQueries");
    if (!list.isArray() || list.isEmpty()) {
      throw AwsException.missingParameter("MetricDataQueries");
    }
    if (list.size() > MAX_QUERIES) {
      throw AwsException.invalidParameter(
          "The collection MetricDataQueries must not have a size greater than "
              + MAX_QUERIES
              + ".");
    }
    long start = timestamp(input, "StartTime");
    long end = timestamp(input, "EndTime");
    List<MetricDataQuery> queries = new ArrayList<>(list.size());
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      MetricDataQuery query = query(list.get(i), i + 1);
      if (!ids.add(query.id())) {
        throw AwsException.invalidParameter(
            "The value "
                + query.id()
                + " for parameter MetricDataQueries.member."
                + (i + 1)
                + ".Id is not unique.");
      }
      queries.add(query);
    }
    if (start >= end) {
      throw AwsException.invalidParameter(
          "The parameter StartTime must be less than the parameter EndTime.");
    }
    String scanBy = Json.text(input, "ScanBy");
    boolean ascending;
    if (scanBy == null || scanBy.equals("TimestampDescending")) {
      ascending = false;
    } else if (scanBy.equals("TimestampAscending")) {
      ascending = true;
    } else {
      throw AwsException.validation(
          "1 validation error detected: Value '"
              + scanBy
              + "' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set:"
              + " [TimestampDescending, TimestampAscending]");
    }
    int maxDatapoints = MAX_DATAPOINTS;
    JsonNode max = input.get("MaxDatapoints");
    if (max != null && !max.isNull()) {
      if (!max.canConvertToInt() || max.asInt() < 1) {
        throw AwsException.invalidParameter(
            "The parameter MaxDatapoints must be a positive integer.");
      }
      maxDatapoints = Math.min(MAX_DATAPOINTS, max.asInt());
    }
    return new GetMetricDataRequest(
        List.copyOf(queries), start, end, Json.text(input, "NextToken"), ascending, maxDatapoints);
  }

  /** What a NextToken is bound to: everything but the token itself and the page size. */
  long fingerprint() {
    StringBuilder canonical = new StringBuilder();
    canonical.append(startMillis).append('/').append(endMillis).append('/').append(ascending);
    for (MetricDataQuery q : queries) {
      canonical.append(';').append(q.canonical());
    }
    return PageToken.fingerprint(canonical.toString());
  }

  private static MetricDataQuery query(JsonNode node, int member) {
    String prefix = "MetricDataQueries.member." + member;
    String id = Json.text(node, "Id");
    if (id == null) {
      throw AwsException.missingParameter(prefix + ".Id");
    }
    if (id.length() > 255 || !ID.matcher(id).matches()) {
      throw AwsException.validation(
          "The value "
              + id
              + " for parameter "
              + prefix
              + ".Id is not matching the expected pattern ^[a-z][a-zA-Z0-9_]*$.");
    }
    JsonNode stat = node.get("MetricStat");
    String expression = Json.text(node, "Expression");
    boolean hasStat = stat != null && !stat.isNull();
    if (hasStat == (expression != null)) {
      throw new AwsException(
          AwsException.Kind.INVALID_PARAMETER_COMBINATION,
          "Exactly one element of the MetricStat and Expression arrays must be present in "
              + prefix
              + ".");
    }
    if (expression != null) {
      throw AwsException.invalidParameter(
          "The simulator does not evaluate metric math: "
              + prefix
              + ".Expression is not supported.");
    }
    JsonNode metric = stat.get("Metric");
    if (metric == null || metric.isNull()) {
      throw AwsException.missingParameter(prefix + ".MetricStat.Metric");
    }
    String namespace = Json.text(metric, "Namespace");
    String metricName = Json.text(metric, "MetricName");
    if (namespace == null) {
      throw AwsException.missingParameter(prefix + ".MetricStat.Metric.Namespace");
    }
    if (metricName == null) {
      throw AwsException.missingParameter(prefix + ".MetricStat.Metric.MetricName");
    }
    List<MetricDataQuery.Dimension> dimensions = new ArrayList<>();
    for (JsonNode d : metric.path("Dimensions")) {
      String name = Json.text(d, "Name");
      String value = Json.text(d, "Value");
      if (name == null || value == null) {
        throw AwsException.missingParameter(prefix + ".MetricStat.Metric.Dimensions.Name/Value");
      }
      dimensions.add(new MetricDataQuery.Dimension(name, value));
    }
    if (dimensions.size() > 30) {
      throw AwsException.invalidParameter(
          "The collection "
              + prefix
              + ".MetricStat.Metric.Dimensions must not have a size"
              + " greater than 30.");
    }
    JsonNode periodNode = stat.get("Period");
    if (periodNode == null || periodNode.isNull()) {
      throw AwsException.missingParameter(prefix + ".MetricStat.Period");
    }
    int period = periodNode.asInt();
    if (period < 1) {
      throw AwsException.validation(
          "The value " + period + " for parameter " + prefix + ".MetricStat.Period is not valid.");
    }
    if (period % 60 != 0
        && period != 1
        && period != 5
        && period != 10
        && period != 20
        && period != 30) {
      throw AwsException.invalidParameter(
          "The parameter "
              + prefix
              + ".MetricStat.Period must be 1, 5, 10, 20, 30, or any multiple of 60.");
    }
    String statName = Json.text(stat, "Stat");
    if (statName == null) {
      throw AwsException.missingParameter(prefix + ".MetricStat.Stat");
    }
    if (Statistic.parse(statName) == null) {
      throw AwsException.invalidParameter(
          "The simulator does not support the statistic "
              + statName
              + " in "
              + prefix
              + ".MetricStat.Stat (Sum, Average, Minimum, Maximum, SampleCount).");
    }
    JsonNode returnData = node.get("ReturnData");
    return new MetricDataQuery(
        id,
        Json.text(node, "Label"),
        returnData == null || returnData.isNull() || returnData.asBoolean(),
        namespace,
        metricName,
        List.copyOf(dimensions),
        period,
        statName);
  }

  private static long timestamp(JsonNode input, String member) {
    JsonNode node = input.get(member);
    if (node == null || node.isNull()) {
      throw AwsException.missingParameter(member);
    }
    if (!node.isNumber()) {
      throw AwsException.validation("The value for parameter " + member + " is not a timestamp.");
    }
    return Math.round(node.asDouble() * 1000);
  }
}
