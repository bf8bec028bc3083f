package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs Insights (JSON 1.1, {@code Logs_20140328.<Op>}): StartQuery and GetQueryResults
 * over the REPORT lines of the Lambda log groups ({@code /aws/lambda/<function>}), synthesised per
 * function and day by {@link ReportDays}. The query language is the subset a per-day REPORT
 * aggregate needs: optional {@code filter @type = "REPORT"} and {@code fields} stages, and one
 * {@code stats <agg>(<field>) [as name], … by bin(1d)} stage with {@code count}, {@code sum},
 * {@code max}, {@code min} and {@code avg} over {@code @maxMemoryUsed}, {@code @memorySize} (bytes,
 * as Logs Insights gives them), {@code @billedDuration}, {@code @duration} and {@code
 * @initDuration} (ms). A query scans every event of its log groups in its time range; the bytes
 * are counted in {@code /_sim/stats} ($0.005 per GB).
 */
final class LogsInsightsService {

  static final String TARGET_PREFIX = "Logs_20140328.";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final String LOG_GROUP_PREFIX = "/aws/lambda/";

  /** US dollars per GB (2^30 bytes) of log data scanned by Logs Insights. */
  static final BigDecimal USD_PER_GB_SCANNED = new BigDecimal("0.005");

  private static final Pattern STATS =
      Pattern.compile("(?is)stats\\s+(.+?)\\s+by\\s+bin\\(\\s*1d\\s*\\)(?:\\s+as\\s+(\\w+))?\\s*");
  private static final Pattern AGGREGATE =
      Pattern.compile("(?i)(count|sum|max|min|avg)\\(\\s*([@\\w*]*)\\s*\\)(?:\\s+as\\s+(\\w+))?");
  private static final Pattern FILTER_REPORT =
      Pattern.compile("(?i)filter\\s+@type\\s*=\\s*[\"']REPORT[\"']");
  private static final DateTimeFormatter BIN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final int MAX_STORED_QUERIES = 10_000;

  private final Workload workload;
  private final ReportDays reports;
  private final Clock clock;
  private final Map<String, StoredQuery> queries = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final LongAdder started = new LongAdder();
  private final LongAdder bytesScanned = new LongAdder();

  LogsInsightsService(Workload workload, Clock clock) {
    this.workload = workload;
    this.reports = new ReportDays(workload);
    this.clock = clock;
  }

  SimResponse handle(Call call) {
    JsonNode input = Json.read(call.body());
    ObjectNode body =
        switch (call.operation()) {
          case "StartQuery" -> startQuery(call, input);
          case "GetQueryResults" -> getQueryResults(call, input);
          default -> throw AwsException.unknownOperation(call.operation());
        };
    return SimResponse.ok(CONTENT_TYPE, Json.bytes(body));
  }

  private static final JsonRpcErrors.Codes ERRORS =
      new JsonRpcErrors.Codes(
          "LimitExceededException",
          "ServiceUnavailableException",
          null,
          "ResourceNotFoundException");

  static SimResponse error(AwsException e) {
    boolean malformed =
        e.kind() == AwsException.Kind.VALIDATION && e.getMessage().startsWith("Malformed");
    return JsonRpcErrors.render(
        e, malformed ? "MalformedQueryException" : ERRORS.of(e), CONTENT_TYPE);
  }

  /** Queries started and bytes they scanned since the start (or the last reset). */
  long queriesStarted() {
    return started.sum();
  }

  long bytesScanned() {
    return bytesScanned.sum();
  }

  void resetStats() {
    started.reset();
    bytesScanned.reset();
  }

  private ObjectNode startQuery(Call call, JsonNode input) {
    List<FunctionProfile> functions = logGroups(call, input);
    JsonNode startNode = input.get("startTime");
    JsonNode endNode = input.get("endTime");
    if (startNode == null || endNode == null) {
      throw AwsException.missingParameter(startNode == null ? "startTime" : "endTime");
    }
    long start = startNode.asLong();
    long end = endNode.asLong();
    if (end <= start) {
      throw AwsException.invalidParameter("endTime must be greater than startTime");
    }
    String queryString = Json.text(input, "queryString");
    if (queryString == null || queryString.isBlank()) {
      throw AwsException.missingParameter("queryString");
    }
    List<Aggregate> aggregates = new ArrayList<>();
    String binName = parse(queryString, aggregates);
    long now = clock.instant().getEpochSecond();
    long from = Math.max(start, workload.startEpochSecond());
    long to = Math.min(end, now);
    List<ReportDays.Day> days = new ArrayList<>();
    for (FunctionProfile f : functions) {
      for (long day = Math.floorDiv(from, 86_400) * 86_400; day < to; day += 86_400) {
        ReportDays.Day d = reports.day(f, day, from, to);
        if (d != null) {
          days.add(d);
        }
      }
    }
    long bytes = days.stream().mapToLong(ReportDays.Day::bytes).sum();
    long records = days.stream().mapToLong(ReportDays.Day::reports).sum();
    started.increment();
    bytesScanned.add(bytes);
    long n = ids.incrementAndGet();
    String queryId = String.format("%08x-5100-4000-8000-%012x", Rng.mix(n) & 0xffffffffL, n);
    if (queries.size() >= MAX_STORED_QUERIES) {
      queries.clear();
    }
    queries.put(
        queryId,
        new StoredQuery(
            call.account(), rows(days, aggregates, binName), records, bytes, new AtomicLong()));
    ObjectNode result = Json.object();
    result.put("queryId", queryId);
    return result;
  }

  private ObjectNode getQueryResults(Call call, JsonNode input) {
    String queryId = Json.text(input, "queryId");
    if (queryId == null) {
      throw AwsException.missingParameter("queryId");
    }
    StoredQuery query = queries.get(queryId);
    if (query == null || !query.account.equals(call.account())) {
      throw AwsException.notFound("Query does not exist: " + queryId);
    }
    // The first poll finds the query still running, as a real one usually is.
    boolean complete = query.polls.getAndIncrement() > 0;
    ObjectNode result = Json.object();
    result.put("status", complete ? "Complete" : "Running");
    ArrayNode rows = result.putArray("results");
    if (complete) {
      for (List<String[]> row : query.rows) {
        ArrayNode fields = rows.addArray();
        for (String[] field : row) {
          ObjectNode f = fields.addObject();
          f.put("field", field[0]);
          f.put("value", field[1]);
        }
      }
    }
    ObjectNode statistics = result.putObject("statistics");
    statistics.put("recordsMatched", complete ? (double) query.records : 0.0);
    statistics.put("recordsScanned", complete ? (double) query.records * 3 : 0.0);
    statistics.put("bytesScanned", complete ? (double) query.bytes : 0.0);
    return result;
  }

  private List<FunctionProfile> logGroups(Call call, JsonNode input) {
    Set<String> names = new LinkedHashSet<>();
    String single = Json.text(input, "logGroupName");
    if (single != null) {
      names.add(single);
    }
    for (String member : List.of("logGroupNames", "logGroupIdentifiers")) {
      JsonNode list = input.get(member);
      if (list != null && list.isArray()) {
        list.forEach(n -> names.add(n.asText()));
      }
    }
    if (names.isEmpty()) {
      throw AwsException.invalidParameter(
          "One of logGroupName, logGroupNames or logGroupIdentifiers is required");
    }
    if (names.size() > 50) {
      throw AwsException.invalidParameter("A query can name at most 50 log groups");
    }
    List<FunctionProfile> functions = new ArrayList<>();
    for (String name : names) {
      FunctionProfile f =
          name.startsWith(LOG_GROUP_PREFIX)
              ? workload.function(
                  call.account(), call.region(), name.substring(LOG_GROUP_PREFIX.length()))
              : null;
      if (f == null || f.idle()) {
        throw AwsException.notFound("The specified log group does not exist: " + name);
      }
      functions.add(f);
    }
    return functions;
  }

  /** Reads the query into its aggregates; returns the name of the bin field. */
  private static String parse(String queryString, List<Aggregate> aggregates) {
    String binName = null;
    for (String stage : queryString.split("\\|")) {
      String s = stage.strip();
      if (s.isEmpty()
          || s.regionMatches(true, 0, "fields", 0, 6)
          || FILTER_REPORT.matcher(s).matches()) {
        continue;
      }
      Matcher stats = STATS.matcher(s);
      if (!stats.matches() || binName != null) {
        throw AwsException.validation("MalformedQueryException: unsupported stage '" + s + "'");
      }
      binName = stats.group(2) != null ? stats.group(2) : "bin(1d)";
      for (String part : stats.group(1).split(",")) {
        Matcher agg = AGGREGATE.matcher(part.strip());
        if (!agg.matches()) {
          throw AwsException.validation(
              "MalformedQueryException: unsupported aggregate '" + part.strip() + "'");
        }
        String function = agg.group(1).toLowerCase(java.util.Locale.ROOT);
        String field = agg.group(2).isEmpty() ? "*" : agg.group(2);
        if (!field.equals("*") && !Aggregate.FIELDS.contains(field)) {
          throw AwsException.validation("MalformedQueryException: unknown field '" + field + "'");
        }
        if ((function.equals("max") || function.equals("min"))
            && !field.equals("@maxMemoryUsed")
            && !field.equals("@memorySize")) {
          throw AwsException.validation(
              "MalformedQueryException: max and min are simulated for memory fields only");
        }
        String name = agg.group(3) != null ? agg.group(3) : function + "(" + field + ")";
        aggregates.add(new Aggregate(function, field, name));
      }
    }
    if (binName == null) {
      throw AwsException.validation(
          "MalformedQueryException: a 'stats … by bin(1d)' stage is required");
    }
    return binName;
  }

  private static List<List<String[]>> rows(
      List<ReportDays.Day> days, List<Aggregate> aggregates, String binName) {
    Map<Long, ReportDays.Day> byDay = new java.util.TreeMap<>();
    for (ReportDays.Day d : days) {
      byDay.merge(d.dayStartEpochSecond(), d, LogsInsightsService::merge);
    }
    List<List<String[]>> rows = new ArrayList<>();
    for (ReportDays.Day d : byDay.values()) {
      List<String[]> row = new ArrayList<>();
      row.add(new String[] {binName, BIN.format(Instant.ofEpochSecond(d.dayStartEpochSecond()))});
      for (Aggregate a : aggregates) {
        row.add(new String[] {a.name, number(a.value(d))});
      }
      rows.add(row);
    }
    return rows;
  }

  private static ReportDays.Day merge(ReportDays.Day a, ReportDays.Day b) {
    return new ReportDays.Day(
        a.dayStartEpochSecond(),
        a.reports() + b.reports(),
        Math.max(a.memorySizeMb(), b.memorySizeMb()),
        Math.max(a.maxMemoryUsedMb(), b.maxMemoryUsedMb()),
        a.billedDurationMsSum() + b.billedDurationMsSum(),
        a.durationMsSum() + b.durationMsSum(),
        a.coldStarts() + b.coldStarts(),
        a.initDurationMsSum() + b.initDurationMsSum(),
        a.bytes() + b.bytes());
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : BigDecimal.valueOf(value).toPlainString();
  }

  private record StoredQuery(
      String account, List<List<String[]>> rows, long records, long bytes, AtomicLong polls) {}

  private record Aggregate(String function, String field, String name) {

    static final Set<String> FIELDS =
        Set.of("@maxMemoryUsed", "@memorySize", "@billedDuration", "@duration", "@initDuration");

    double value(ReportDays.Day d) {
      if (function.equals("count")) {
        return field.equals("@initDuration") ? d.coldStarts() : d.reports();
      }
      double sum =
          switch (field) {
            case "@billedDuration" -> d.billedDurationMsSum();
            case "@duration" -> d.durationMsSum();
            case "@initDuration" -> d.initDurationMsSum();
            default -> Double.NaN;
          };
      long count = field.equals("@initDuration") ? d.coldStarts() : d.reports();
      return switch (function) {
        case "sum" -> sumOrMemory(sum, d);
        case "avg" -> count == 0 ? 0 : sumOrMemory(sum, d) / (field.startsWith("@m") ? 1 : count);
        default ->
            field.equals("@maxMemoryUsed")
                ? d.maxMemoryUsedMb() * 1_000_000.0
                : field.equals("@memorySize")
                    ? d.memorySizeMb() * 1_000_000.0
                    : count == 0 ? 0 : sum / count;
      };
    }

    private double sumOrMemory(double sum, ReportDays.Day d) {
      if (field.equals("@maxMemoryUsed")) {
        return d.maxMemoryUsedMb() * 1_000_000.0 * (function.equals("sum") ? d.reports() : 1);
      }
      if (field.equals("@memorySize")) {
        return d.memorySizeMb() * 1_000_000.0 * (function.equals("sum") ? d.reports() : 1);
      }
      return sum;
    }
  }
}
