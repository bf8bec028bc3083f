package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch over Smithy RPC v2 CBOR ({@code POST
 * /service/GraniteServiceVersion20100801/operation/<Op>}): GetMetricData and ListMetrics.
 * CloudWatch is {@code @awsQueryCompatible}, so errors carry both the Smithy {@code __type} and the
 * legacy code in {@code x-amzn-query-error}.
 */
final class CloudWatchService {

  static final String SERVICE_SHAPE = "GraniteServiceVersion20100801";
  static final String SMITHY_PROTOCOL = "rpc-v2-cbor";
  private static final String NAMESPACE = "com.amazonaws.cloudwatch#";

  private final Workload workload;
  private final Clock clock;
  private final long lagMillis;
  private final FaultInjector faults;
  private final StatsRecorder stats;
  private final MetricCatalog catalog;

  CloudWatchService(
      Workload workload, Clock clock, long lagMillis, FaultInjector faults, StatsRecorder stats) {
    this.workload = workload;
    this.clock = clock;
    this.lagMillis = lagMillis;
    this.faults = faults;
    this.stats = stats;
    this.catalog = new MetricCatalog(workload, lagMillis);
  }

  SimResponse handle(Call call) {
    byte[] body =
        switch (call.operation()) {
          case "GetMetricData" -> getMetricData(call);
          case "ListMetrics" -> listMetrics(call);
          default -> throw AwsException.unknownOperation(call.operation());
        };
    return new SimResponse(
        200, Cbor.CONTENT_TYPE, Map.of("smithy-protocol", SMITHY_PROTOCOL), body);
  }

  // ---------------------------------------------------------------- GetMetricData

  private byte[] getMetricData(Call call) {
    GetMetricDataRequest request = GetMetricDataRequest.parse(Cbor.read(call.body()));
    long fingerprint = request.fingerprint();
    List<MetricDataQuery> returned =
        request.queries().stream().filter(MetricDataQuery::returnData).toList();
    long asOf;
    int queryIndex = 0;
    int offset = 0;
    if (request.nextToken() != null) {
      long[] token = PageToken.decode(request.nextToken(), 4, fingerprint);
      asOf = token[0];
      queryIndex = (int) token[1];
      offset = (int) token[2];
      if (queryIndex < 0 || queryIndex > returned.size() || offset < 0) {
        throw AwsException.invalidNextToken();
      }
    } else {
      asOf = clock.millis();
    }
    MetricSeriesSource source =
        new MetricSeriesSource(
            workload,
            call.account(),
            call.region(),
            request.startMillis(),
            request.endMillis(),
            asOf,
            lagMillis);

    List<PageResult> page = new ArrayList<>();
    int remaining = request.maxDatapoints();
    String nextToken = null;
    while (queryIndex < returned.size()) {
      MetricDataQuery query = returned.get(queryIndex);
      MetricSeries series = source.series(query);
      int left = series.size() - offset;
      if (left < 0) {
        throw AwsException.invalidNextToken();
      }
      if (left <= remaining) {
        page.add(new PageResult(query, series, offset, series.size(), "Complete"));
        remaining -= left;
        queryIndex++;
        offset = 0;
      } else {
        if (remaining > 0) {
          page.add(new PageResult(query, series, offset, offset + remaining, "PartialData"));
          offset += remaining;
        }
        nextToken = PageToken.encode(asOf, queryIndex, offset, fingerprint);
        break;
      }
    }
    StatsRecorder.Counters counters = stats.of("GetMetricData");
    counters.metricsRequested.add(request.queries().size());
    long datapoints = 0;
    for (int i = 0; i < page.size(); i++) {
      PageResult result = page.get(i);
      if (result.size() > 0 && faults.partialData("GetMetricData")) {
        page.set(i, result.cutShort(request.ascending()));
        counters.partialData.increment();
      }
      datapoints += page.get(i).size();
    }
    counters.datapointsReturned.add(datapoints);
    String token = nextToken;
    return Cbor.write(g -> writeMetricData(g, page, token, request.ascending()));
  }

  /** A slice [from, to) of a series, in ascending index order. */
  private record PageResult(
      MetricDataQuery query, MetricSeries series, int from, int to, String statusCode) {

    int size() {
      return to - from;
    }

    /** The PartialData fault: only the older half of the slice comes back. */
    PageResult cutShort(boolean ascending) {
      int keep = size() / 2;
      return ascending
          ? new PageResult(query, series, from, from + keep, "PartialData")
          : new PageResult(query, series, to - keep, to, "PartialData");
    }
  }

  private static void writeMetricData(
      CBORGenerator g, List<PageResult> page, String nextToken, boolean ascending)
      throws IOException {
    g.writeStartObject();
    g.writeFieldName("MetricDataResults");
    g.writeStartArray(page, page.size());
    for (PageResult result : page) {
      MetricSeries series = result.series();
      int n = series.size();
      g.writeStartObject();
      g.writeStringField("Id", result.query().id());
      g.writeStringField(
          "Label",
          result.query().label() != null ? result.query().label() : result.query().metricName());
      // Slice indices count in scan order; the series is stored ascending.
      g.writeFieldName("Timestamps");
      g.writeStartArray(null, result.size());
      for (int i = result.from(); i < result.to(); i++) {
        Cbor.writeTimestamp(g, series.timestamps()[ascending ? i : n - 1 - i]);
      }
      g.writeEndArray();
      g.writeFieldName("Values");
      g.writeStartArray(null, result.size());
      for (int i = result.from(); i < result.to(); i++) {
        g.writeNumber(series.values()[ascending ? i : n - 1 - i]);
      }
      g.writeEndArray();
      g.writeStringField("StatusCode", result.statusCode());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (nextToken != null) {
      g.writeStringField("NextToken", nextToken);
    }
    g.writeFieldName("Messages");
    g.writeStartArray(null, 0);
    g.writeEndArray();
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- ListMetrics

  private byte[] listMetrics(Call call) {
    JsonNode input = Cbor.read(call.body());
    String namespace = Json.text(input, "Namespace");
    String metricName = Json.text(input, "MetricName");
    String recentlyActive = Json.text(input, "RecentlyActive");
    if (recentlyActive != null && !recentlyActive.equals("PT3H")) {
      throw AwsException.validation(
          "1 validation error detected: Value '"
              + recentlyActive
              + "' at 'recentlyActive' failed to satisfy constraint: Member must satisfy enum"
              + " value set: [PT3H]");
    }
    List<MetricCatalog.DimensionFilter> filters = new ArrayList<>();
    for (JsonNode filter : input.path("Dimensions")) {
      String name = Json.text(filter, "Name");
      if (name == null) {
        throw AwsException.missingParameter("Dimensions.member.N.Name");
      }
      filters.add(new MetricCatalog.DimensionFilter(name, Json.text(filter, "Value")));
    }
    if (filters.size() > 10) {
      throw AwsException.invalidParameter(
          "The collection Dimensions must not have a size greater than 10.");
    }
    boolean recent = recentlyActive != null;
    long fingerprint =
        PageToken.fingerprint(
            call.account()
                + '|'
                + call.region()
                + '|'
                + namespace
                + '|'
                + metricName
                + '|'
                + recent
                + '|'
                + filters);
    String token = Json.text(input, "NextToken");
    long asOfMinute;
    int offset = 0;
    if (token != null) {
      long[] parts = PageToken.decode(token, 3, fingerprint);
      asOfMinute = parts[0];
      offset = (int) parts[1];
    } else {
      asOfMinute = Math.floorDiv(clock.millis(), 60_000L);
    }
    List<MetricCatalog.Listed> all =
        namespace != null && !namespace.equals(LambdaMetric.NAMESPACE)
            ? List.of()
            : catalog.list(call.account(), call.region(), recent, asOfMinute).stream()
                .filter(m -> metricName == null || m.metric().metricName.equals(metricName))
                .filter(m -> m.matches(filters))
                .toList();
    if (offset < 0 || offset > all.size()) {
      throw AwsException.invalidNextToken();
    }
    int end = Math.min(all.size(), offset + MetricCatalog.PAGE_SIZE);
    List<MetricCatalog.Listed> page = all.subList(offset, end);
    String nextToken = end < all.size() ? PageToken.encode(asOfMinute, end, fingerprint) : null;
    return Cbor.write(
        g -> {
          g.writeStartObject();
          g.writeFieldName("Metrics");
          g.writeStartArray(null, page.size());
          for (MetricCatalog.Listed m : page) {
            g.writeStartObject();
            g.writeStringField("Namespace", LambdaMetric.NAMESPACE);
            g.writeStringField("MetricName", m.metric().metricName);
            g.writeFieldName("Dimensions");
            if (m.functionName() == null) {
              g.writeStartArray(null, 0);
            } else {
              g.writeStartArray(null, 1);
              g.writeStartObject();
              g.writeStringField("Name", LambdaMetric.FUNCTION_NAME);
              g.writeStringField("Value", m.functionName());
              g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndArray();
          if (nextToken != null) {
            g.writeStringField("NextToken", nextToken);
          }
          g.writeEndObject();
        });
  }

  // ---------------------------------------------------------------- errors

  /**
   * The RPC v2 CBOR error: {@code __type} = the error's absolute shape id, its message member, and
   * (query-compatible) {@code x-amzn-query-error: <Code>;<Sender|Receiver>}.
   */
  static SimResponse error(AwsException e) {
    WireError wire =
        switch (e.kind()) {
          case THROTTLING -> WireError.of("Throttling", "Throttling", 400);
          case INTERNAL ->
              new WireError(
                  NAMESPACE + "InternalServiceFault", "InternalServiceError", 500, "Message");
          case INVALID_PARAMETER ->
              WireError.of("InvalidParameterValueException", "InvalidParameterValue", 400);
          case INVALID_PARAMETER_COMBINATION ->
              WireError.of(
                  "InvalidParameterCombinationException", "InvalidParameterCombination", 400);
          case MISSING_PARAMETER ->
              WireError.of("MissingRequiredParameterException", "MissingParameter", 400);
          case INVALID_NEXT_TOKEN -> WireError.of("InvalidNextToken", "InvalidNextToken", 400);
          case NOT_FOUND -> WireError.of("ResourceNotFound", "ResourceNotFound", 404);
          case ACCESS_DENIED -> WireError.of("AccessDenied", "AccessDenied", 403);
          case UNKNOWN_OPERATION -> WireError.of("UnknownOperationException", "InvalidAction", 404);
          default ->
              new WireError(
                  "com.amazon.coral.validate#ValidationException",
                  "ValidationError",
                  400,
                  "message");
        };
    String fault = wire.status() >= 500 ? "Receiver" : "Sender";
    byte[] body =
        Cbor.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("__type", wire.shape());
              g.writeStringField(wire.messageMember(), e.getMessage());
              g.writeEndObject();
            });
    return new SimResponse(
        wire.status(),
        Cbor.CONTENT_TYPE,
        Map.of(
            "smithy-protocol",
            SMITHY_PROTOCOL,
            "x-amzn-query-error",
            wire.queryCode() + ";" + fault),
        body);
  }

  /**
   * How one kind of error goes on the wire: its absolute shape id, its query-compatible code, its
   * HTTP status and the name of its message member.
   */
  private record WireError(String shape, String queryCode, int status, String messageMember) {

    /** An error of this service's namespace whose message member is {@code message}. */
    static WireError of(String shapeName, String queryCode, int status) {
      return new WireError(NAMESPACE + shapeName, queryCode, status, "message");
    }
  }
}
