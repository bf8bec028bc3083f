package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's own JSON endpoints over real HTTP. */
class ControlApiTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static AwsSimulator sim;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    sim = AwsSimulator.start(TestSettings.at(NOW, 30).withAccounts(2));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(sim.endpoint() + pathAndQuery)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void truthListsEveryFunctionOfTheSelectionWithItsExactUsage() throws Exception {
    String account = sim.accounts().get(1);
    HttpResponse<String> response =
        get(
            "/_sim/truth?from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z&account="
                + account
                + "&region=us-east-1");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(response.body());
    JsonNode functions = body.path("functions");
    assertThat(functions.size()).isEqualTo(15);
    Truth truth =
        sim.truth(
            Instant.parse("2026-11-19T00:00:00Z"),
            Instant.parse("2026-11-20T00:00:00Z"),
            account,
            "us-east-1");
    for (JsonNode f : functions) {
      assertThat(f.path("account").asText()).isEqualTo(account);
      FunctionTruth expected = truth.function(account, "us-east-1", f.path("name").asText());
      assertThat(f.path("invocations").asLong()).isEqualTo(expected.invocations());
      assertThat(f.path("billedMs").asLong()).isEqualTo(expected.billedMs());
      assertThat(f.path("durationMsSum").decimalValue())
          .isEqualByComparingTo(expected.durationMsSum());
      assertThat(f.has("errors") && f.has("throttles") && f.has("deadLetterErrors")).isTrue();
      assertThat(f.has("iteratorAgeMaxMs")).isTrue();
      assertThat(new BigDecimal(f.path("cost").asText()))
          .isEqualByComparingTo(truth.cost(expected));
    }
    JsonNode bill = body.path("bill");
    assertThat(new BigDecimal(bill.path("total").asText())).isEqualByComparingTo(truth.billTotal());
    assertThat(bill.path("currency").asText()).isEqualTo("USD");
    assertThat(bill.path("months").get(0).path("month").asText()).isEqualTo("2026-11");
    assertThat(bill.path("months").get(0).path("payers").get(0).path("payer").asText())
        .isEqualTo(account);
    assertThat(bill.path("charges").has("provisionedConcurrency")).isTrue();
  }

  @Test
  void truthWithoutAWindowIsABadRequest() throws Exception {
    assertThat(get("/_sim/truth?from=2026-11-19T00:00:00Z").statusCode()).isEqualTo(400);
    assertThat(get("/_sim/truth?from=yesterday&to=today").statusCode()).isEqualTo(400);
  }

  @Test
  void theOverviewAndTheEstateAreListed() throws Exception {
    JsonNode overview = Json.MAPPER.readTree(get("/_sim").body());
    assertThat(overview.path("accounts").size()).isEqualTo(2);
    assertThat(overview.path("start").asText()).isEqualTo("2026-10-01T00:00:00Z");
    JsonNode functions = Json.MAPPER.readTree(get("/_sim/functions?region=us-east-1").body());
    assertThat(functions.size()).isEqualTo(30);
    assertThat(functions.get(0).path("arn").asText()).startsWith("arn:aws:lambda:us-east-1:");
  }

  @Test
  void anUnknownControlPathIsNotFound() throws Exception {
    assertThat(get("/_sim/nothing").statusCode()).isEqualTo(404);
  }
}
