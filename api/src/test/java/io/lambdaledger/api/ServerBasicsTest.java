package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.api.auth.Tokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The server's routes that need no stored data: health, metrics, errors, auth, collections. */
class ServerBasicsTest {

  static final String ADMIN = LedgerFixture.ADMIN;
  static final String VIEWER = LedgerFixture.VIEWER;

  private LedgerFixture fixture;
  private HttpTestClient http;
  private OpenApiContract contract;

  @BeforeEach
  void start() {
    fixture = LedgerFixture.empty(true);
    http = fixture.http;
    contract = OpenApiContract.servedBy(http);
  }

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void health_is_public_and_up() {
    HttpResponse<String> response = http.get("/healthz");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contract.check("GET", "/healthz", response).get("status").asString())
        .isEqualTo("UP");
  }

  @Test
  void readiness_follows_the_database_check() {
    HttpResponse<String> up = http.get("/readyz");
    assertThat(up.statusCode()).isEqualTo(200);
    contract.check("GET", "/readyz", up);

    fixture.ready.set(false);
    HttpResponse<String> down = http.get("/readyz");
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(HttpTestClient.contentType(down)).startsWith("application/problem+json");
    contract.check("GET", "/readyz", down);
  }

  @Test
  void metrics_export_http_and_jvm_series_in_prometheus_format() {
    http.get("/healthz");
    HttpResponse<String> response = http.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    contract.check("GET", "/metrics", response);
    assertThat(response.body())
        .contains("http_server_requests_seconds_count{")
        .contains("uri=\"/healthz\"")
        .contains("jvm_memory_used_bytes")
        .contains("ledger_cloudwatch_spend_usd_total");
  }

  @Test
  void about_says_whether_auth_is_on_without_a_token() {
    HttpResponse<String> response = http.get("/api/v1/about");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contract.check("GET", "/api/v1/about", response).get("authEnabled").asBoolean())
        .isTrue();
  }

  @Test
  void an_unknown_route_is_a_404_problem() {
    HttpResponse<String> response = http.get("/api/v1/nope", VIEWER);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(HttpTestClient.contentType(response)).startsWith("application/problem+json");
    assertThat(response.body()).contains("\"status\":404");
  }

  @Test
  void a_wrong_method_is_a_405_problem() {
    HttpResponse<String> response = http.send("DELETE", "/api/v1/collections", null, Map.of());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(HttpTestClient.contentType(response)).startsWith("application/problem+json");
  }

  @Test
  void huge_headers_are_a_4xx_problem_not_an_html_page() {
    HttpResponse<String> response =
        http.send("GET", "/api/v1/whoami", null, Map.of("X-Big", "a".repeat(40_000)));
    assertThat(response.statusCode()).isBetween(400, 499);
    assertThat(HttpTestClient.contentType(response)).startsWith("application/problem+json");
  }

  @Test
  void no_token_is_401_with_a_bearer_challenge() {
    HttpResponse<String> response = http.get("/api/v1/whoami");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    contract.check("GET", "/api/v1/whoami", response);
  }

  @Test
  void a_wrong_token_is_401() {
    HttpResponse<String> response = http.get("/api/v1/whoami", Tokens.generate());
    assertThat(response.statusCode()).isEqualTo(401);
    contract.check("GET", "/api/v1/whoami", response);
  }

  @Test
  void a_valid_token_identifies_its_name_and_role_but_never_echoes_the_token() {
    HttpResponse<String> response = http.get("/api/v1/whoami", VIEWER);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode me = contract.check("GET", "/api/v1/whoami", response);
    assertThat(me.get("name").asString()).isEqualTo("grafana");
    assertThat(me.get("role").asString()).isEqualTo("viewer");
    assertThat(response.body()).doesNotContain(VIEWER);
  }

  @Test
  void a_viewer_cannot_start_a_collection() {
    HttpResponse<String> response = http.post("/api/v1/collections", null, VIEWER);
    assertThat(response.statusCode()).isEqualTo(403);
    contract.check("POST", "/api/v1/collections", response);
    assertThat(fixture.collectionsStarted).hasValue(0);
  }

  @Test
  void an_admin_starts_a_collection() {
    HttpResponse<String> response = http.post("/api/v1/collections", "{}", ADMIN);
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(contract.check("POST", "/api/v1/collections", response).get("id").asString())
        .isEqualTo("manual-1");
    assertThat(fixture.collectionsStarted).hasValue(1);
  }

  @Test
  void a_malformed_json_body_is_400_not_500() {
    for (String body : List.of("{", "[1,2]", "\"x\"", "{\"unknown\":1}", "nul", "{\"a\":")) {
      HttpResponse<String> response = http.post("/api/v1/collections", body, ADMIN);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      contract.check("POST", "/api/v1/collections", response);
    }
    assertThat(fixture.collectionsStarted).hasValue(0);
  }
}
