package io.lambdaledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.lambdaledger.api.advice.RecommendationsController;
import io.lambdaledger.api.costs.CostService;
import io.lambdaledger.api.costs.CostsController;
import io.lambdaledger.api.costs.ForecastService;
import io.lambdaledger.api.costs.FreeTierService;
import io.lambdaledger.api.costs.InsightsController;
import io.lambdaledger.api.costs.MonthPricer;
import io.lambdaledger.api.costs.MonthsController;
import io.lambdaledger.api.costs.PricesController;
import io.lambdaledger.api.costs.ReconciliationController;
import io.lambdaledger.api.functions.FunctionUsageSummary;
import io.lambdaledger.api.functions.FunctionsController;
import io.lambdaledger.api.functions.FunctionsService;
import io.lambdaledger.api.http.Access;
import io.lambdaledger.api.http.ApiPath;
import io.lambdaledger.api.http.ApiProblem;
import io.lambdaledger.api.http.Caller;
import io.lambdaledger.api.http.WindowParser;
import io.lambdaledger.api.operations.BillImportsController;
import io.lambdaledger.api.operations.CollectionsController;
import io.lambdaledger.api.operations.ReportsController;
import io.lambdaledger.core.advice.AdviceSettings;
import io.lambdaledger.core.advice.SavingsAdvice;
import io.lambdaledger.core.costing.MonthPricing;
import io.lambdaledger.core.costing.MonthReconciler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every route of the server and who may call it. */
final class Routes {

  private final ApiServer.Settings settings;
  private final Services services;
  private final LedgerData data;
  private final ObjectMapper mapper;
  private final byte[] openApi;

  Routes(ApiServer.Settings settings, Services services, LedgerData data, ObjectMapper mapper) {
    this.settings = settings;
    this.services = services;
    this.data = data;
    this.mapper = mapper;
    this.openApi = readOpenApi();
  }

  void register(RoutesConfig routes) {
    routes.get("/healthz", ctx -> ctx.json(Map.of("status", "UP")), Access.PUBLIC);
    routes.get("/readyz", this::readiness, Access.PUBLIC);
    routes.get("/metrics", this::metrics, Access.PUBLIC);
    routes.get(ApiPath.V1 + "/openapi.json", this::openApi, Access.PUBLIC);
    routes.get(ApiPath.V1 + "/about", this::about, Access.PUBLIC);
    routes.get(ApiPath.V1 + "/whoami", this::whoami, Access.VIEWER);

    WindowParser windows = new WindowParser(settings.clock());
    MonthPricer pricer = new MonthPricer(new MonthPricing(services.priceBooks()), data.history());
    CostService costs =
        new CostService(
            data.usage(),
            data.bill(),
            data.functions(),
            pricer,
            settings.clock(),
            settings.finalityHorizon());
    CostsController costsController = new CostsController(costs, windows, mapper);
    routes.get(ApiPath.V1 + "/costs", costsController::get, Access.VIEWER);

    ReconciliationController reconciliation =
        new ReconciliationController(
            new MonthReconciler(data.usage(), data.bill(), services.priceBooks()),
            data.functions());
    routes.get(ApiPath.V1 + "/reconciliation", reconciliation::get, Access.VIEWER);

    InsightsController insights =
        new InsightsController(
            new FreeTierService(data.usage(), services.priceBooks(), settings.clock()),
            new ForecastService(data.usage(), data.functions(), pricer, settings.clock()),
            windows);
    routes.get(ApiPath.V1 + "/free-tier", insights::freeTier, Access.VIEWER);
    routes.get(ApiPath.V1 + "/forecast", insights::forecast, Access.VIEWER);

    MonthsController months = new MonthsController(data.months(), settings.clock());
    routes.get(ApiPath.V1 + "/months", months::list, Access.VIEWER);

    FunctionsController functions =
        new FunctionsController(
            new FunctionsService(
                data.functions(),
                data.usage(),
                costs,
                pricer,
                settings.clock(),
                settings.finalityHorizon()),
            data.functions(),
            new FunctionUsageSummary(data.usage(), services.priceBooks()),
            windows);
    routes.get(ApiPath.V1 + "/functions", functions::list, Access.VIEWER);
    routes.get(
        ApiPath.V1 + "/functions/{account}/{region}/{name}", functions::detail, Access.VIEWER);
    routes.get(
        ApiPath.V1 + "/functions/{account}/{region}/{name}/metrics",
        functions::metrics,
        Access.VIEWER);

    PricesController prices = new PricesController(services.priceBooks(), windows);
    routes.get(ApiPath.V1 + "/prices", prices::get, Access.VIEWER);

    CollectionsController collections =
        new CollectionsController(
            services.collections(), data.collections(), settings.clock(), mapper);
    routes.get(ApiPath.V1 + "/collections", collections::list, Access.VIEWER);
    routes.post(ApiPath.V1 + "/collections", collections::start, Access.ADMIN);

    RecommendationsController recommendations =
        new RecommendationsController(
            new SavingsAdvice(
                data.usage(),
                data.functions(),
                data.reportLogs(),
                services.priceBooks(),
                AdviceSettings.defaults()),
            settings.clock());
    routes.get(ApiPath.V1 + "/recommendations", recommendations::list, Access.VIEWER);

    BillImportsController bills = new BillImportsController(services.bills());
    routes.post(ApiPath.V1 + "/bill/imports", bills::start, Access.ADMIN);

    ReportsController reports = new ReportsController(services.reports(), windows);
    routes.get(ApiPath.V1 + "/reports/{file}", reports::get, Access.VIEWER);
  }

  private void readiness(Context ctx) {
    boolean ready;
    try {
      ready = services.readiness().isReady();
    } catch (RuntimeException e) {
      ready = false;
    }
    if (!ready) {
      throw ApiProblem.unavailable("the database is not reachable");
    }
    ctx.json(Map.of("status", "READY"));
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(services.metrics().scrape());
  }

  private void openApi(Context ctx) {
    ctx.contentType("application/json");
    ctx.result(openApi);
  }

  private void about(Context ctx) {
    Map<String, Object> about = new LinkedHashMap<>();
    about.put("name", "Lambda Ledger");
    about.put("version", settings.version());
    about.put("authEnabled", settings.authEnabled());
    about.put("time", settings.clock().instant().toString());
    ctx.json(about);
  }

  private void whoami(Context ctx) {
    Caller caller = Caller.of(ctx);
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("name", caller.name());
    me.put("role", caller.role().configName());
    me.put(
        "accounts",
        caller.scope().unrestricted()
            ? List.of("*")
            : caller.scope().accountIds().stream().sorted().toList());
    ctx.json(me);
  }

  private byte[] readOpenApi() {
    try (InputStream in = Routes.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json missing from the api jar");
      }
      byte[] bytes = in.readAllBytes();
      JsonNode parsed = mapper.readTree(bytes);
      if (!parsed.has("openapi")) {
        throw new IllegalStateException("openapi.json is not an OpenAPI document");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
