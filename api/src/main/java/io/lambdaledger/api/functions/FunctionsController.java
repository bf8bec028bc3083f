package io.lambdaledger.api.functions;

import io.javalin.http.Context;
import io.lambdaledger.api.costs.CostFilter;
import io.lambdaledger.api.costs.CostJson;
import io.lambdaledger.api.costs.Figures;
import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.api.http.Paging;
import io.lambdaledger.api.http.QueryParams;
import io.lambdaledger.api.http.SortOrder;
import io.lambdaledger.api.http.Step;
import io.lambdaledger.api.http.TimeWindow;
import io.lambdaledger.api.http.WindowParser;
import io.lambdaledger.core.ledger.FunctionDirectory;
import io.lambdaledger.core.model.ConfigurationPeriod;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.model.UsageTotals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** {@code /functions}: the inventory, one function's history and its metrics. */
public final class FunctionsController {

  static final Set<String> LIST_PARAMETERS = Set.of("window", "filter", "sort", "limit", "offset");
  static final Set<String> METRIC_PARAMETERS = Set.of("metric", "window", "step");
  static final Set<String> SORT_FIELDS =
      Set.of("name", "cost", "invocations", "errors", "throttles", "lastActivity", "memoryMb");

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,140}");

  private final FunctionsService functions;
  private final FunctionDirectory directory;
  private final FunctionUsageSummary summaries;
  private final WindowParser windows;

  public FunctionsController(
      FunctionsService functions,
      FunctionDirectory directory,
      FunctionUsageSummary summaries,
      WindowParser windows) {
    this.functions = functions;
    this.directory = directory;
    this.summaries = summaries;
    this.windows = windows;
  }

  public void list(Context ctx) {
    QueryParams params = QueryParams.of(ctx, LIST_PARAMETERS);
    TimeWindow window = windows.parse("window", params.getOrDefault("window", "month"));
    CostFilter filter = CostFilter.parse("filter", params.get("filter"));
    SortOrder sort =
        SortOrder.parse("sort", params.get("sort"), SORT_FIELDS, new SortOrder("cost", true));
    Paging paging = Paging.parse(params.get("limit"), params.get("offset"));
    FunctionsService.Listing listing = functions.listing(window, filter, Caller.of(ctx).scope());
    List<FunctionsService.Listed> listed = new java.util.ArrayList<>(listing.functions());
    listed.sort(comparator(sort));
    List<Map<String, Object>> items =
        paging.apply(listed).stream().map(FunctionsController::summary).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    TimeWindow aligned = window.alignedToHours();
    body.put("window", CostJson.Window.of(aligned));
    body.put("items", items);
    body.put("paging", new CostJson.PagingJson(paging.offset(), paging.limit(), listed.size()));
    if (!listing.warnings().isEmpty()) {
      body.put("warnings", CostJson.Warning.of(listing.warnings()));
    }
    ctx.json(body);
  }

  public void detail(Context ctx) {
    QueryParams params = QueryParams.of(ctx, Set.of("window"));
    LambdaFunction function = visibleFunction(ctx);
    TimeWindow window = windows.parse("window", params.getOrDefault("window", "month"));
    Map<String, Object> body = describe(function);
    body.put(
        "configurations",
        directory.history(function.key()).stream().map(FunctionsController::period).toList());
    body.put("window", CostJson.Window.of(window.alignedToHours()));
    FunctionKey key = function.key();
    CostFilter only =
        CostFilter.parse(
            "filter",
            "account:" + key.accountId() + ",region:" + key.region() + ",function:" + key.name());
    FunctionsService.Listed listed =
        functions.list(window, only, Caller.of(ctx).scope()).stream().findFirst().orElse(null);
    BigDecimal cost = listed == null ? BigDecimal.ZERO : listed.cost();
    FunctionUsageSummary.Summary summary = summaries.summarize(key, window);
    body.put("cost", cost == null ? null : Figures.money(cost));
    if (listed != null && listed.unpriced()) {
      body.put("unpriced", true);
    }
    body.put("provisionedUsage", provisionedUsage(summary.usage()));
    body.put("costBound", cost == null ? null : costBound(summary, cost));
    List<Map<String, String>> warnings = warnings(function, summary, cost);
    if (listed != null) {
      listed.warnings().forEach(w -> warnings.add(warning(w.code(), w.message())));
    }
    body.put("warnings", warnings);
    ctx.json(body);
  }

  /**
   * What provisioned concurrency was allocated and used in the window. Utilization is the duration
   * of the invocations it served over the concurrency-seconds allocated; absent when none was.
   */
  private static Map<String, Object> provisionedUsage(UsageTotals usage) {
    Map<String, Object> body = new LinkedHashMap<>();
    BigDecimal allocated = usage.provisionedConcurrencySeconds();
    body.put("concurrencySeconds", Figures.quantity(allocated));
    body.put("gbSeconds", Figures.quantity(usage.provisionedConcurrencyGbSeconds()));
    body.put("requests", usage.provisionedRequests());
    body.put("spilloverRequests", usage.provisionedSpilloverRequests());
    body.put(
        "utilization",
        allocated.signum() == 0
            ? null
            : usage
                .provisionedDurationMsEstimate()
                .divide(allocated.multiply(BigDecimal.valueOf(1000)), 6, RoundingMode.HALF_UP)
                .min(BigDecimal.ONE)
                .toPlainString());
    return body;
  }

  /**
   * The warnings about this function's own cost (the engine's warnings describe the whole payer):
   * INIT time not in the metrics, its rounding bound, its region not priced.
   */
  private static List<Map<String, String>> warnings(
      LambdaFunction function, FunctionUsageSummary.Summary summary, BigDecimal cost) {
    List<Map<String, String>> warnings = new java.util.ArrayList<>();
    if (summary.bounded() && cost != null) {
      warnings.add(
          warning(
              "INIT_NOT_IN_METRICS",
              "Its duration comes from the CloudWatch Duration metric, which excludes INIT (cold"
                  + " start) time; AWS bills INIT for on-demand ZIP functions on managed runtimes"
                  + " since 2025-08-01 and always for custom runtimes and container images, so"
                  + " its bill can be higher."));
      warnings.add(
          warning(
              "DURATION_ROUNDING_BOUND",
              "Its duration comes from CloudWatch sums; AWS rounds each invocation up to 1 ms, so"
                  + " its cost can be up to $"
                  + Figures.money(summary.roundingUpTo())
                  + " higher (at most $"
                  + Figures.money(cost.add(summary.roundingUpTo()))
                  + ")."));
    }
    if (!summary.regionPriced()) {
      warnings.add(
          warning(
              "REGION_NOT_PRICED",
              "No prices for "
                  + function.key().region()
                  + " in the price book in force; this function's usage there is listed without"
                  + " a cost and is in no cost total."));
    }
    return warnings;
  }

  private static Map<String, String> warning(String code, String message) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    return body;
  }

  /** The function's own rounding bound; null (absent) when none of its duration is bounded. */
  private static Map<String, Object> costBound(
      FunctionUsageSummary.Summary summary, BigDecimal cost) {
    if (!summary.bounded()) {
      return null;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("upTo", Figures.money(summary.roundingUpTo()));
    body.put("atMost", Figures.money(cost.add(summary.roundingUpTo())));
    return body;
  }

  public void metrics(Context ctx) {
    QueryParams params = QueryParams.of(ctx, METRIC_PARAMETERS);
    LambdaFunction function = visibleFunction(ctx);
    List<FunctionsService.Metric> metrics =
        FunctionsService.Metric.parse("metric", params.get("metric"));
    TimeWindow window = windows.parse("window", params.getOrDefault("window", "7d"));
    Step step = Step.parse("step", params.get("step"));
    if (step == null) {
      step = window.length().compareTo(Duration.ofDays(2)) <= 0 ? Step.HOUR : Step.DAY;
    }
    List<FunctionsService.Series> series = functions.metrics(function.key(), window, step, metrics);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("function", keyJson(function.key()));
    body.put("window", CostJson.Window.of(window.alignedToHours()));
    body.put("step", step.toString());
    body.put(
        "series",
        series.stream()
            .map(
                s -> {
                  Map<String, Object> one = new LinkedHashMap<>();
                  one.put("metric", s.metric().label);
                  one.put("unit", s.metric().unit);
                  one.put("statistic", s.metric().statistic);
                  List<Map<String, Object>> points = new java.util.ArrayList<>();
                  for (int i = 0; i < s.windows().size(); i++) {
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("start", s.windows().get(i).start().toString());
                    point.put("end", s.windows().get(i).end().toString());
                    BigDecimal value = s.values().get(i);
                    point.put("value", value);
                    points.add(point);
                  }
                  one.put("points", points);
                  return one;
                })
            .toList());
    ctx.json(body);
  }

  /** The function named by the path, or 404 also when the caller may not see its account. */
  private LambdaFunction visibleFunction(Context ctx) {
    String account = ctx.pathParam("account");
    String region = ctx.pathParam("region");
    String name = ctx.pathParam("name");
    if (!ACCOUNT.matcher(account).matches()) {
      throw ApiProblem.badParameter("account", "'account' must be a 12-digit AWS account id");
    }
    if (!REGION.matcher(region).matches()) {
      throw ApiProblem.badParameter("region", "'region' must be a region code like us-east-1");
    }
    if (!NAME.matcher(name).matches()) {
      throw ApiProblem.badParameter(
          "name", "'name' must be a Lambda function name (letters, digits, - and _)");
    }
    FunctionKey key = new FunctionKey(account, region, name);
    if (!Caller.of(ctx).scope().includes(account)) {
      throw ApiProblem.notFound("no function " + key);
    }
    return directory.function(key).orElseThrow(() -> ApiProblem.notFound("no function " + key));
  }

  private static Map<String, Object> summary(FunctionsService.Listed listed) {
    Map<String, Object> body = describe(listed.function());
    UsageTotals usage = listed.usage();
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (FunctionsService.Metric metric : FunctionsService.Metric.values()) {
      metrics.put(metric.summaryName, metric.value(usage));
    }
    body.put("metrics", metrics);
    body.put("cost", listed.cost() == null ? null : Figures.money(listed.cost()));
    if (listed.unpriced()) {
      body.put("unpriced", true);
    }
    if (!listed.warnings().isEmpty()) {
      body.put("warnings", CostJson.Warning.of(listed.warnings()));
    }
    return body;
  }

  private static Map<String, Object> describe(LambdaFunction function) {
    Map<String, Object> body = keyJson(function.key());
    FunctionConfiguration configuration = function.configuration();
    body.put("arn", function.arn());
    body.put("runtime", function.runtime());
    body.put("packageType", function.packageType());
    body.put("payerAccount", function.payerAccountId());
    body.put("memoryMb", configuration.memoryMb());
    body.put("architecture", configuration.architecture().id());
    body.put("ephemeralStorageMb", configuration.ephemeralStorageMb());
    body.put("timeoutSeconds", configuration.timeoutSeconds());
    body.put("tags", new TreeMap<>(function.tags()));
    body.put(
        "provisionedConcurrency",
        function.provisionedConcurrency().stream()
            .map(pc -> CostJson.ordered("qualifier", pc.qualifier(), "allocated", pc.allocated()))
            .toList());
    body.put("firstSeen", text(function.firstSeen()));
    body.put("lastSeen", text(function.lastSeen()));
    body.put("deletedAt", text(function.deletedAt()));
    body.put("lastActivity", text(function.lastActivity()));
    return body;
  }

  private static Map<String, Object> period(ConfigurationPeriod period) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("validFrom", text(period.validFrom()));
    body.put("validTo", text(period.validTo()));
    body.put("memoryMb", period.configuration().memoryMb());
    body.put("architecture", period.configuration().architecture().id());
    body.put("ephemeralStorageMb", period.configuration().ephemeralStorageMb());
    body.put("timeoutSeconds", period.configuration().timeoutSeconds());
    return body;
  }

  private static Map<String, Object> keyJson(FunctionKey key) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("account", key.accountId());
    body.put("region", key.region());
    body.put("name", key.name());
    return body;
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static Comparator<FunctionsService.Listed> comparator(SortOrder sort) {
    Comparator<FunctionsService.Listed> byKey =
        Comparator.comparing(listed -> listed.function().key());
    Comparator<FunctionsService.Listed> primary =
        switch (sort.field()) {
          case "cost" ->
              Comparator.comparing(
                  FunctionsService.Listed::cost, Comparator.nullsFirst(Comparator.naturalOrder()));
          case "invocations" -> Comparator.comparingLong(listed -> listed.usage().requests());
          case "errors" -> Comparator.comparingLong(listed -> listed.usage().errors());
          case "throttles" -> Comparator.comparingLong(listed -> listed.usage().throttles());
          case "memoryMb" ->
              Comparator.comparingInt(listed -> listed.function().configuration().memoryMb());
          case "lastActivity" ->
              Comparator.comparing(
                  listed -> listed.function().lastActivity(),
                  Comparator.nullsFirst(Comparator.naturalOrder()));
          default -> Comparator.comparing(listed -> listed.function().key().name());
        };
    return (sort.descending() ? primary.reversed() : primary).thenComparing(byKey);
  }
}
