package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.alerting.Budget;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /alerts} and {@code /budgets} against openapi.json, over in-memory ports. */
class AlertsApiTest {

  private static final String ADMIN = AlertsFixture.ADMIN;
  private static final String SCOPED = AlertsFixture.SCOPED;

  private AlertsFixture fixture;
  private HttpTestClient http;
  private OpenApiContract contract;
  private Map<String, Budget> stored;

  @BeforeEach
  void start() {
    fixture = new AlertsFixture();
    http = fixture.http;
    stored = fixture.stored;
    contract = OpenApiContract.servedBy(http);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private HttpResponse<String> send(String method, String path, String body, String token) {
    return http.send(method, path, body, Map.of("Authorization", "Bearer " + token));
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
    contract.check("PUT", "/api/v1/budgets/{name}", put);
    assertThat(stored.get("payments").amount()).isEqualByComparingTo("250");

    HttpResponse<String> alerts = send("GET", "/api/v1/alerts", null, ADMIN);
    contract.check("GET", "/api/v1/alerts", alerts);
    assertThat(alerts.body()).contains("budget:all:2026-10", "\"observed\":\"120.50\"");
    HttpResponse<String> scoped = send("GET", "/api/v1/alerts?limit=10", null, SCOPED);
    contract.check("GET", "/api/v1/alerts", scoped);
    assertThat(scoped.body()).doesNotContain("budget:all").contains("anomaly:222222222222");

    HttpResponse<String> budgets = send("GET", "/api/v1/budgets", null, ADMIN);
    contract.check("GET", "/api/v1/budgets", budgets);
    assertThat(budgets.body()).contains("\"configured\"", "\"payments\"");
    HttpResponse<String> scopedBudgets = send("GET", "/api/v1/budgets", null, SCOPED);
    assertThat(scopedBudgets.body()).contains("\"configured\"").doesNotContain("\"payments\"");

    for (HttpResponse<String> problem :
        List.of(
            send("PUT", "/api/v1/budgets/x", "{\"amount\":\"-1\"}", ADMIN),
            send("PUT", "/api/v1/budgets/x", "", ADMIN),
            send("PUT", "/api/v1/budgets/configured", "{\"amount\":\"1\"}", ADMIN),
            send("PUT", "/api/v1/budgets/x", "{\"amount\":\"1\"}", SCOPED))) {
      contract.check("PUT", "/api/v1/budgets/{name}", problem);
    }
    HttpResponse<String> missing = send("DELETE", "/api/v1/budgets/nope", null, ADMIN);
    assertThat(missing.statusCode()).isEqualTo(404);
    contract.check("DELETE", "/api/v1/budgets/{name}", missing);
    assertThat(send("DELETE", "/api/v1/budgets/configured", null, ADMIN).statusCode())
        .isEqualTo(409);
    assertThat(send("DELETE", "/api/v1/budgets/payments", null, ADMIN).statusCode()).isEqualTo(204);
    assertThat(stored).isEmpty();
  }
}
