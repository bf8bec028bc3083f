package io.lambdaledger.api.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.api.http.Paging;
import io.lambdaledger.api.http.QueryParams;
import io.lambdaledger.api.http.TimeWindow;
import io.lambdaledger.api.http.WindowParser;
import io.lambdaledger.core.ledger.CollectionHistory;
import io.lambdaledger.core.ledger.CollectionSpend;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code /collections}: starting a collection cycle and listing past runs. */
public record CollectionsController(
    CollectionTrigger trigger, CollectionHistory history, Clock clock, ObjectMapper mapper) {

  /**
   * GET: recent runs and this month's CloudWatch spend. Runs are per account and region; a scoped
   * caller sees only its accounts' runs, and the spend of those.
   */
  public void list(Context ctx) {
    QueryParams params = QueryParams.of(ctx, Set.of("limit"));
    int limit = Paging.parse(params.getOrDefault("limit", "50"), null).limit();
    if (limit > 1000) {
      throw ApiProblem.badParameter("limit", "'limit' must be between 1 and 1000");
    }
    AccountScope scope = Caller.of(ctx).scope();
    List<Map<String, Object>> items = new ArrayList<>();
    for (CollectionRun run : history.recent(limit, scope)) {
      items.add(run(run));
    }
    Instant monthStart = TimeWindow.monthStart(TimeWindow.monthOf(clock.instant()));
    CollectionSpend spend = history.since(monthStart, scope);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put(
        "monthToDate",
        spend(
            monthStart,
            spend.runs(),
            spend.calls(),
            spend.metricsRequested(),
            spend.cloudWatchCost()));
    body.put("lastSuccess", spend.lastSuccess() == null ? null : spend.lastSuccess().toString());
    body.put(
        "budget", budget(history.latestScheduled(clock.instant().minus(BUDGET_LOOKBACK), scope)));
    ctx.json(body);
  }

  /** Shards whose last scheduled cycle is older than this no longer count in the budget. */
  static final Duration BUDGET_LOOKBACK = Duration.ofDays(2);

  /**
   * The collection budget as the latest scheduled cycle of each shard recorded it: the monthly
   * budget, each shard's cadence, active series and projected spend, their total, and a warning
   * when the projection exceeds the budget. {@code monthlyUsd} is null before any scheduled cycle.
   */
  static Map<String, Object> budget(List<CollectionRun> latest) {
    BigDecimal monthly = null;
    BigDecimal projected = BigDecimal.ZERO;
    List<Map<String, Object>> shards = new ArrayList<>();
    boolean allAtFloor = !latest.isEmpty();
    for (CollectionRun run : latest) {
      if (run.budgetUsd() != null && monthly == null) {
        monthly = run.budgetUsd();
      }
      BigDecimal shardProjected =
          run.projectedMonthlyCost() == null ? BigDecimal.ZERO : run.projectedMonthlyCost();
      projected = projected.add(shardProjected);
      Duration interval = Duration.ofSeconds(run.intervalSeconds());
      allAtFloor &= interval.compareTo(Duration.ofDays(1)) >= 0;
      Map<String, Object> shard = new LinkedHashMap<>();
      shard.put("account", run.accountId());
      shard.put("region", run.region());
      shard.put("interval", interval.toString());
      shard.put("activeSeries", run.seriesListed());
      shard.put("projectedMonthlyUsd", money(shardProjected));
      shards.add(shard);
    }
    List<String> warnings = new ArrayList<>();
    if (monthly != null && projected.compareTo(monthly) > 0) {
      warnings.add(
          (allAtFloor
                  ? "collector.budget $"
                      + money(monthly)
                      + " cannot buy the floor of one cycle a day"
                  : "the configured collector.interval costs more than collector.budget $"
                      + money(monthly))
              + ": projected $"
              + money(projected)
              + " a month of CloudWatch");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("monthlyUsd", monthly == null ? null : money(monthly));
    body.put("projectedMonthlyUsd", money(projected));
    body.put("warnings", warnings);
    body.put("shards", shards);
    return body;
  }

  private static String money(BigDecimal usd) {
    return usd.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
  }

  private static Map<String, Object> spend(
      Instant from, long runs, long calls, long metrics, BigDecimal cost) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", from.toString());
    body.put("runs", runs);
    body.put("calls", calls);
    body.put("metricsRequested", metrics);
    body.put("cloudWatchCost", cost.stripTrailingZeros().toPlainString());
    return body;
  }

  private static Map<String, Object> run(CollectionRun run) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", run.id());
    body.put("account", run.accountId());
    body.put("region", run.region());
    body.put("status", run.status().name());
    body.put("startedAt", text(run.startedAt()));
    body.put("finishedAt", text(run.finishedAt()));
    body.put("windowStart", text(run.windowStart()));
    body.put("windowEnd", text(run.windowEnd()));
    body.put("periodSeconds", run.periodSeconds());
    body.put("calls", run.callsPerOperation().values().stream().mapToLong(Long::longValue).sum());
    body.put("callsPerOperation", new TreeMap<>(run.callsPerOperation()));
    body.put("metricsRequested", run.metricsRequested());
    body.put("seriesListed", run.seriesListed());
    body.put("seriesWithData", run.seriesWithData());
    body.put("samplesWritten", run.samplesWritten());
    body.put("cloudWatchCost", run.cloudWatchCost().stripTrailingZeros().toPlainString());
    body.put("error", run.error());
    body.put("unread", run.unread());
    return body;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** POST: the body is optional; when present it must be a JSON object (no fields yet). */
  public void start(Context ctx) {
    QueryParams.of(ctx, Set.of());
    requireEmptyObjectOrNothing(ctx.body());
    CollectionTrigger.CollectionStarted started = trigger.start();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("started", started.started());
    body.put("id", started.id());
    body.put("at", started.at() == null ? null : started.at().toString());
    body.put("message", started.message());
    ctx.status(started.started() ? 202 : 200).json(body);
  }

  private void requireEmptyObjectOrNothing(String body) {
    if (body == null || body.isBlank()) {
      return;
    }
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (IOException e) {
      throw ApiProblem.badRequest("the request body is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw ApiProblem.badRequest("the request body must be a JSON object");
    }
    if (node.size() > 0) {
      String field = node.fieldNames().next();
      throw ApiProblem.badParameter(field, "unknown field '" + WindowParser.shorten(field) + "'");
    }
  }
}
