package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.api.auth.FirstStartToken;
import io.lambdaledger.api.auth.Tokens;
import io.lambdaledger.db.ApiTokenStore;
import io.lambdaledger.db.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Admins list, create and revoke tokens over {@code /api/v1/tokens}; the contract holds. */
class TokensApiTest {

  /** Moved forward to let a token expire. */
  private final MutableClock clock = new MutableClock(LedgerFixture.NOW);

  private LedgerFixture fixture;
  private HttpTestClient http;
  private OpenApiContract contract;

  @BeforeEach
  void start() {
    fixture = LedgerFixture.seeded(true, () -> clock);
    http = fixture.http;
    contract = OpenApiContract.servedBy(http);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private HttpResponse<String> create(String body) {
    return http.post("/api/v1/tokens", body, LedgerFixture.ADMIN);
  }

  private HttpResponse<String> revoke(String name, String token) {
    return http.send("DELETE", "/api/v1/tokens/" + name, null, HttpTestClient.bearer(token));
  }

  @Test
  void a_created_token_works_at_once_and_is_listed_with_its_last_use_but_never_its_secret() {
    HttpResponse<String> created =
        create("{\"name\":\"grafana-b\",\"role\":\"viewer\",\"accounts\":[\"222222222222\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode body = contract.check("POST", "/api/v1/tokens", created);
    String secret = body.get("secret").asString();
    assertThat(body.get("token").get("accounts").get(0).asString()).isEqualTo("222222222222");

    HttpResponse<String> whoami = http.get("/api/v1/whoami", secret);
    assertThat(whoami.statusCode()).isEqualTo(200);
    assertThat(whoami.body()).contains("grafana-b");

    HttpResponse<String> list = http.get("/api/v1/tokens", LedgerFixture.ADMIN);
    JsonNode tokens = contract.check("GET", "/api/v1/tokens", list).get("tokens");
    assertThat(list.body())
        .doesNotContain(secret)
        .doesNotContain(Tokens.sha256Hex(secret))
        .doesNotContain(Tokens.sha256Hex(LedgerFixture.ADMIN));
    JsonNode listed = find(tokens, "grafana-b");
    assertThat(listed.get("status").asString()).isEqualTo("active");
    assertThat(listed.get("source").asString()).isEqualTo("stored");
    assertThat(listed.get("lastUsed").asString()).isEqualTo(LedgerFixture.NOW.toString());
    assertThat(find(tokens, "ops").get("source").asString()).isEqualTo("configuration");
  }

  @Test
  void a_revoked_token_gets_401_and_stays_listed_as_revoked() {
    String secret = createdSecret("{\"name\":\"ci\",\"role\":\"admin\"}");
    assertThat(http.get("/api/v1/whoami", secret).statusCode()).isEqualTo(200);

    HttpResponse<String> revoked = revoke("ci", LedgerFixture.ADMIN);
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    contract.check("DELETE", "/api/v1/tokens/{name}", revoked);
    assertThat(revoke("ci", LedgerFixture.ADMIN).statusCode()).isEqualTo(200);

    assertThat(http.get("/api/v1/whoami", secret).statusCode()).isEqualTo(401);
    assertThat(listedToken("ci").get("status").asString()).isEqualTo("revoked");
  }

  @Test
  void an_expired_token_gets_401() {
    String secret = createdSecret("{\"name\":\"temp\",\"role\":\"viewer\",\"expires\":\"PT1H\"}");
    assertThat(http.get("/api/v1/whoami", secret).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(61));

    assertThat(http.get("/api/v1/whoami", secret).statusCode()).isEqualTo(401);
    assertThat(listedToken("temp").get("status").asString()).isEqualTo("expired");
  }

  @Test
  void the_first_start_token_is_listed_and_can_be_revoked() {
    ApiTokenStore store = new ApiTokenStore(fixture.db.dsl());
    Optional<String> initial =
        FirstStartToken.ensureAdminToken(
            java.util.List::of,
            store::upsert,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            clock);
    String secret = initial.orElseThrow();
    assertThat(http.get("/api/v1/tokens", secret).statusCode()).isEqualTo(200);
    JsonNode tokens = contract.check("GET", "/api/v1/tokens", http.get("/api/v1/tokens", secret));
    assertThat(find(tokens.get("tokens"), FirstStartToken.NAME).get("role").asString())
        .isEqualTo("admin");

    assertThat(revoke(FirstStartToken.NAME, LedgerFixture.ADMIN).statusCode()).isEqualTo(200);

    assertThat(http.get("/api/v1/tokens", secret).statusCode()).isEqualTo(401);
  }

  @Test
  void viewers_may_not_manage_tokens() {
    String viewer = LedgerFixture.VIEWER;
    assertThat(http.get("/api/v1/tokens", viewer).statusCode()).isEqualTo(403);
    assertThat(
            http.post("/api/v1/tokens", "{\"name\":\"x\",\"role\":\"admin\"}", viewer).statusCode())
        .isEqualTo(403);
    assertThat(revoke("ops", viewer).statusCode()).isEqualTo(403);
    assertThat(http.get("/api/v1/tokens").statusCode()).isEqualTo(401);
  }

  @Test
  void bad_requests_are_one_line_problems() {
    Map<String, Integer> expected =
        Map.of(
            "{\"name\":\"x\",\"role\":\"root\"}", 400,
            "{\"name\":\"bad name\",\"role\":\"viewer\"}", 400,
            "{\"name\":\"x\",\"role\":\"viewer\",\"accounts\":[\"12\"]}", 400,
            "{\"name\":\"x\",\"role\":\"viewer\",\"expires\":\"30 days\"}", 400,
            "{\"name\":\"ops\",\"role\":\"viewer\"}", 409,
            "{\"name\":\"x\",\"role\":\"viewer\",\"secret\":\"mine\"}", 400);
    expected.forEach(
        (body, status) -> {
          HttpResponse<String> response = create(body);
          assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(status);
          JsonNode problem = contract.check("POST", "/api/v1/tokens", response);
          assertThat(problem.get("detail").asString()).as(body).doesNotContain("\n");
        });
    create("{\"name\":\"twice\",\"role\":\"viewer\"}");
    assertThat(create("{\"name\":\"twice\",\"role\":\"viewer\"}").statusCode()).isEqualTo(409);
    assertThat(revoke("nobody", LedgerFixture.ADMIN).statusCode()).isEqualTo(404);
    assertThat(revoke("ops", LedgerFixture.ADMIN).statusCode()).isEqualTo(409);
  }

  /** Creates a token as the admin, checks the answer, and returns the new token's secret. */
  private String createdSecret(String body) {
    return contract.check("POST", "/api/v1/tokens", create(body)).get("secret").asString();
  }

  /** The named token as the admin's checked {@code GET /api/v1/tokens} lists it. */
  private JsonNode listedToken(String name) {
    JsonNode tokens =
        contract.check("GET", "/api/v1/tokens", http.get("/api/v1/tokens", LedgerFixture.ADMIN));
    return find(tokens.get("tokens"), name);
  }

  private static JsonNode find(JsonNode tokens, String name) {
    for (JsonNode token : tokens) {
      if (token.get("name").asString().equals(name)) {
        return token;
      }
    }
    throw new AssertionError("no token " + name + " in " + tokens);
  }
}
