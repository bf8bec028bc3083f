package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.alerting.Alert;
import io.lambdaledger.core.alerting.AlertEntry;
import io.lambdaledger.core.alerting.AlertKind;
import io.lambdaledger.core.alerting.Budget;
import io.lambdaledger.core.alerting.BudgetBook;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.ApiToken;
import io.lambdaledger.core.model.TokenRole;
import io.lambdaledger.core.pricing.PriceBooks;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /alerts} and {@code /budgets} against openapi.json, over in-memory ports. */
class AlertsApiTest {

  private static final Instant NOW = Instant.parse("2026-10-15T12:00:00Z");
  private static final String ADMIN = Tokens.generate();
  private static final String SCOPED = Tokens.generate();

  private TestDatabase db;
  private ServiceMetrics metrics;
  private ApiServer server;
  private HttpTestClient http;
  private OpenApiContract contract;
  private final Map<String, Budget> stored = new TreeMap<>();

  @BeforeEach
  void start() {
    db = TestDatabases.h2();
    metrics = new ServiceMetrics();
    List<AlertEntry> entries =
        List.of(
            new AlertEntry(
                new Alert(
                    "budget:all:2026-10",
                    AlertKind.BUDGET,
                    null,
                    "all",
                    "2026-10",
                    "Budget all: over",
                    new BigDecimal("120.5"),
                    new BigDecimal("100"),
                    NOW),
                "delivered",
                1,
                NOW),
            new AlertEntry(
                new Alert(
                    "anomaly:222222222222/us-east-1/f:2026-10-14:spike",
                    AlertKind.ANOMALY,
                    "222222222222",
                    "222222222222/us-east-1/f",
                    "2026-10-14",
                    "Cost spike",
                    new BigDecimal("50"),
                    new BigDecimal("10"),
                    NOW.minusSeconds(60)),
                "failed",
                4,
                null));
    BudgetBook budgets =
        new BudgetBook() {
          @Override
          public List<Budget> list() {
            return new ArrayList<>(stored.values());
          }

          @Override
          public void put(Budget budget) {
            stored.put(budget.name(), budget);
          }

          @Override
          public boolean delete(String name) {
            return stored.remove(name) != null;
          }
        };
    Alerting alerting =
        new Alerting(
            (scope, limit) ->
                entries.stream()
                    .filter(
                        e ->
                            scope.unrestricted()
                                || (e.alert().accountId() != null
                                    && scope.includes(e.alert().accountId())))
                    .limit(limit)
                    .toList(),
            budgets,
            List.of(
                new Budget(
                    "configured", "222222222222", null, null, BigDecimal.TEN, "USD", "config")));
    List<ApiToken> tokens =
        List.of(
            new ApiToken("ops", Tokens.sha256Hex(ADMIN), TokenRole.ADMIN, AccountScope.all(), NOW),
            new ApiToken(
                "search",
                Tokens.sha256Hex(SCOPED),
                TokenRole.VIEWER,
                AccountScope.only(Set.of("222222222222")),
                NOW));
    server =
        new ApiServer(
                new ApiServer.Settings(
                    true, Clock.fixed(NOW, ZoneOffset.UTC), "test", Duration.ofMinutes(30)),
                new Services(
                    () -> tokens,
                    new StoredTokens(new io.lambdaledger.db.ApiTokenStore(db.dsl())),
                    () -> true,
                    metrics,
                    () -> null,
                    (month, format, scope, partial, out) -> {},
                    LedgerFixture.ledger(db.database()),
                    PriceBooks.bundled(),
                    alerting))
            .start("127.0.0.1", 0);
    http = new HttpTestClient(server.port());
    contract = new OpenApiContract(http.get("/api/v1/openapi.json").body());
  }

  @AfterEach
  void stop() {
    server.close();
    metrics.close();
    db.close();
  }

  private HttpResponse<String> send(String method, String path, String body, String token) {
    return http.send(method, path, body, Map.of("Authorization", "Bearer " + token));
  }

  private void check(String method, String template, HttpResponse<String> response) {
    contract.check(
        method,
        template,
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(null),
        response.body());
  }

  @Test
  void everyAnswerIsTheDocumentedShape() {
    HttpResponse<String> put =
        send(
            "PUT",
            "/api/v1/budgets/payments",
            "{\"account\":\"111111111111\",\"amount\":\"250.00\"}",
            ADMIN);
    assertThat(put.statusCode()).isEqualTo(200);
    check("PUT", "/api/v1/budgets/{name}", put);
    assertThat(stored.get("payments").amount()).isEqualByComparingTo("250");

    HttpResponse<String> alerts = send("GET", "/api/v1/alerts", null, ADMIN);
    check("GET", "/api/v1/alerts", alerts);
    assertThat(alerts.body()).contains("budget:all:2026-10", "\"observed\":\"120.50\"");
    HttpResponse<String> scoped = send("GET", "/api/v1/alerts?limit=10", null, SCOPED);
    check("GET", "/api/v1/alerts", scoped);
    assertThat(scoped.body()).doesNotContain("budget:all").contains("anomaly:222222222222");

    HttpResponse<String> budgets = send("GET", "/api/v1/budgets", null, ADMIN);
    check("GET", "/api/v1/budgets", budgets);
    assertThat(budgets.body()).contains("\"configured\"", "\"payments\"");
    HttpResponse<String> scopedBudgets = send("GET", "/api/v1/budgets", null, SCOPED);
    assertThat(scopedBudgets.body()).contains("\"configured\"").doesNotContain("\"payments\"");

    for (HttpResponse<String> problem :
        List.of(
            send("PUT", "/api/v1/budgets/x", "{\"amount\":\"-1\"}", ADMIN),
            send("PUT", "/api/v1/budgets/x", "", ADMIN),
            send("PUT", "/api/v1/budgets/configured", "{\"amount\":\"1\"}", ADMIN),
            send("PUT", "/api/v1/budgets/x", "{\"amount\":\"1\"}", SCOPED))) {
      check("PUT", "/api/v1/budgets/{name}", problem);
    }
    HttpResponse<String> missing = send("DELETE", "/api/v1/budgets/nope", null, ADMIN);
    assertThat(missing.statusCode()).isEqualTo(404);
    check("DELETE", "/api/v1/budgets/{name}", missing);
    assertThat(send("DELETE", "/api/v1/budgets/configured", null, ADMIN).statusCode())
        .isEqualTo(409);
    assertThat(send("DELETE", "/api/v1/budgets/payments", null, ADMIN).statusCode()).isEqualTo(204);
    assertThat(stored).isEmpty();
  }
}
