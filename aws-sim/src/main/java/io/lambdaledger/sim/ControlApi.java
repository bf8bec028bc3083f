package io.lambdaledger.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The simulator's own plain-JSON endpoints (not AWS):
 *
 * <ul>
 *   <li>{@code GET /_sim} – accounts, Regions, start, lag, seed;
 *   <li>{@code GET /_sim/functions[?account=&region=]} – the estate at "now";
 *   <li>{@code GET /_sim/truth?from=ISO&to=ISO[&account=][&region=]} – exact usage per function and
 *       the bill;
 *   <li>{@code GET /_sim/stats}, {@code POST /_sim/stats/reset} – calls and metrics requested per
 *       operation;
 *   <li>{@code GET /_sim/faults}, {@code POST /_sim/faults} – read or replace the fault rules (JSON
 *       {@code {"*": {"throttle": 0.1}, "GetMetricData": {"latencyMs": 200}}} or the command-line
 *       text form {@code throttle=0.1,GetMetricData.latency=200ms}).
 * </ul>
 */
final class ControlApi {

  private final AwsSimulator simulator;

  ControlApi(AwsSimulator simulator) {
    this.simulator = simulator;
  }

  void handle(Context ctx) {
    String path = ctx.path();
    String method = ctx.method().name();
    try {
      Object body =
          switch (method + " " + path) {
            case "GET /_sim", "GET /_sim/" -> overview();
            case "GET /_sim/functions" ->
                simulator.functions().stream()
                    .filter(f -> matches(ctx.queryParam("account"), f.account()))
                    .filter(f -> matches(ctx.queryParam("region"), f.region()))
                    .toList();
            case "GET /_sim/truth" -> truth(ctx);
            case "GET /_sim/stats" -> stats();
            case "POST /_sim/stats/reset" -> {
              simulator.resetStats();
              yield stats();
            }
            case "GET /_sim/faults" -> faultsJson(simulator.faults());
            case "POST /_sim/faults" -> {
              simulator.setFaults(parseFaults(ctx.bodyAsBytes()));
              yield faultsJson(simulator.faults());
            }
            default -> null;
          };
      if (body == null) {
        respond(ctx, 404, Map.of("error", "no such control endpoint: " + method + " " + path));
      } else {
        respond(ctx, 200, body);
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      respond(ctx, 400, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  private static boolean matches(String filter, String value) {
    return filter == null || filter.isEmpty() || filter.equals(value);
  }

  private static void respond(Context ctx, int status, Object body) {
    ctx.status(status);
    ctx.contentType("application/json");
    ctx.result(Json.bytes(body));
  }

  private Map<String, Object> overview() {
    SimulatorSettings settings = simulator.settings();
    Map<String, Object> overview = new LinkedHashMap<>();
    overview.put("endpoint", simulator.endpoint().toString());
    overview.put("accounts", simulator.accounts());
    overview.put("regions", settings.regions());
    overview.put("functions", settings.functions());
    overview.put("seed", settings.seed());
    overview.put("start", simulator.start().toString());
    overview.put("now", settings.clock().instant().toString());
    overview.put("lagSeconds", settings.lag().toSeconds());
    overview.put("consolidatedBilling", settings.consolidatedBilling());
    return overview;
  }

  private Object truth(Context ctx) {
    String from = ctx.queryParam("from");
    String to = ctx.queryParam("to");
    if (from == null || to == null) {
      throw new IllegalArgumentException("from and to (ISO-8601 instants) are required");
    }
    Instant fromInstant = Instant.parse(from);
    Instant toInstant = Instant.parse(to);
    if (!fromInstant.isBefore(toInstant)) {
      throw new IllegalArgumentException("from must be before to");
    }
    String account = ctx.queryParam("account");
    String region = ctx.queryParam("region");
    return simulator.truthJson(
        fromInstant,
        toInstant,
        account == null || account.isEmpty() ? null : account,
        region == null || region.isEmpty() ? null : region);
  }

  private Map<String, Object> stats() {
    SimulatorStats stats = simulator.stats();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("operations", stats.operations());
    body.put("totalCalls", stats.totalCalls());
    body.put("metricsRequested", stats.metricsRequested());
    body.put("getMetricDataCostUsd", stats.getMetricDataCost().toPlainString());
    long bytes = simulator.logsInsightsBytesScanned();
    body.put(
        "logsInsights",
        Map.of(
            "queries",
            simulator.logsInsightsQueries(),
            "bytesScanned",
            bytes,
            "costUsd",
            LogsInsightsService.USD_PER_GB_SCANNED
                .multiply(java.math.BigDecimal.valueOf(bytes))
                .divide(java.math.BigDecimal.valueOf(1L << 30))
                .stripTrailingZeros()
                .toPlainString()));
    return body;
  }

  static Map<String, Object> faultsJson(Faults faults) {
    Map<String, Object> rules = new LinkedHashMap<>();
    faults
        .rules()
        .forEach(
            (operation, rule) -> {
              Map<String, Object> r = new LinkedHashMap<>();
              r.put("throttle", rule.throttle());
              r.put("error", rule.error());
              r.put("drop", rule.drop());
              r.put("partialData", rule.partialData());
              r.put("latencyMs", rule.latency().toMillis());
              r.put("throttleNext", rule.throttleNext());
              r.put("unsupported", rule.unsupported());
              r.put("errorNext", rule.errorNext());
              r.put("dropNext", rule.dropNext());
              r.put("deny", rule.deny());
              rules.put(operation, r);
            });
    return rules;
  }

  /** JSON object of rules per operation, or the text form; an empty body clears all faults. */
  static Faults parseFaults(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8).trim();
    if (!text.startsWith("{")) {
      return Faults.parse(text);
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException("faults body is not valid JSON");
    }
    Map<String, FaultRule> rules = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> operations = root.properties().iterator();
    while (operations.hasNext()) {
      Map.Entry<String, JsonNode> entry = operations.next();
      if (!entry.getValue().isObject()) {
        throw new IllegalArgumentException("rule of " + entry.getKey() + " must be an object");
      }
      FaultRule rule = FaultRule.NONE;
      Iterator<Map.Entry<String, JsonNode>> kinds =
          ((ObjectNode) entry.getValue()).properties().iterator();
      while (kinds.hasNext()) {
        Map.Entry<String, JsonNode> kind = kinds.next();
        String name = kind.getKey().equals("latencyMs") ? "latency" : kind.getKey();
        rule = rule.with(name, kind.getValue().asText());
      }
      rules.put(entry.getKey(), rule);
    }
    return new Faults(rules);
  }
}
