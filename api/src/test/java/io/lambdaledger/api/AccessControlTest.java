package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.api.auth.Tokens;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tokens and scopes on every route: no token and a wrong token are 401, a viewer on an admin route
 * is 403, and a token scoped to account 222222222222 never sees the other accounts' functions or
 * costs, through any aggregate, filter, function route, metric or report.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {

  static final List<String> PROTECTED =
      List.of(
          "/api/v1/whoami",
          "/api/v1/costs?window=month&aggregate=function",
          "/api/v1/free-tier",
          "/api/v1/forecast",
          "/api/v1/functions",
          "/api/v1/functions/111111111111/us-east-1/checkout-api",
          "/api/v1/functions/111111111111/us-east-1/checkout-api/metrics",
          "/api/v1/prices",
          "/api/v1/collections",
          "/api/v1/reports/2026-09.csv");

  /**
   * What a token scoped to 222222222222 must never see: the other accounts as owners of functions
   * or costs, and their functions. (The organization's payer id may appear as the payer of the
   * caller's own account.)
   */
  static final List<String> OTHER_ACCOUNTS =
      List.of(
          "\"account\":\"111111111111\"",
          "333333333333",
          "checkout-api",
          "refunds-worker",
          "nightly-report",
          "eu-west-1",
          "us-west-2");

  @RegisterExtension static final LedgerServer ledger = new LedgerServer(LedgerFixture::seeded);

  private HttpResponse<String> scoped(String path) {
    return ledger.fixture().http.get(path, LedgerFixture.SCOPED);
  }

  @Test
  void every_protected_route_refuses_a_missing_or_wrong_token() {
    for (String path : PROTECTED) {
      assertThat(ledger.fixture().http.get(path).statusCode())
          .as("no token: %s", path)
          .isEqualTo(401);
      assertThat(ledger.fixture().http.get(path, Tokens.generate()).statusCode())
          .as("wrong token: %s", path)
          .isEqualTo(401);
      assertThat(
              ledger.fixture().http.get(path, Tokens.sha256Hex(LedgerFixture.ADMIN)).statusCode())
          .as("the hash instead of the token: %s", path)
          .isEqualTo(401);
      assertThat(ledger.fixture().http.get(path, LedgerFixture.VIEWER).statusCode())
          .as("viewer: %s", path)
          .isEqualTo(200);
    }
  }

  @Test
  void health_metrics_openapi_and_the_dashboard_are_public() {
    for (String path :
        List.of(
            "/healthz",
            "/readyz",
            "/metrics",
            "/api/v1/openapi.json",
            "/api/v1/about",
            "/",
            "/app.js",
            "/style.css",
            "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")) {
      assertThat(ledger.fixture().http.get(path).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void a_viewer_cannot_start_a_collection_and_an_admin_can() {
    assertThat(
            ledger
                .fixture()
                .http
                .post("/api/v1/collections", null, LedgerFixture.VIEWER)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            ledger
                .fixture()
                .http
                .post("/api/v1/collections", null, LedgerFixture.SCOPED)
                .statusCode())
        .isEqualTo(403);
    assertThat(ledger.fixture().http.post("/api/v1/collections", null, null).statusCode())
        .isEqualTo(401);
    int before = ledger.fixture().collectionsStarted.get();
    assertThat(
            ledger
                .fixture()
                .http
                .post("/api/v1/collections", null, LedgerFixture.ADMIN)
                .statusCode())
        .isEqualTo(202);
    assertThat(ledger.fixture().collectionsStarted.get()).isEqualTo(before + 1);
  }

  @Test
  void a_scoped_token_sees_only_its_account_in_every_cost_aggregate() {
    for (String aggregate :
        List.of(
            "",
            "function",
            "account",
            "region",
            "architecture",
            "runtime",
            "tag:team",
            "account,region,tag:team")) {
      for (String filter :
          List.of("", "account:111111111111", "account:333333333333", "region:us-west-2")) {
        String path =
            "/api/v1/costs?window=month&step=day&aggregate="
                + URLEncoder.encode(aggregate, StandardCharsets.UTF_8)
                + (filter.isEmpty()
                    ? ""
                    : "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        HttpResponse<String> response = scoped(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.body()).as(path).doesNotContain(OTHER_ACCOUNTS);
      }
    }
    String all = scoped("/api/v1/costs?window=month&aggregate=account").body();
    assertThat(all).contains("222222222222");
    String viewerTotal =
        ledger.fixture().http.get("/api/v1/costs?window=month", LedgerFixture.VIEWER).body();
    assertThat(scoped("/api/v1/costs?window=month").body()).isNotEqualTo(viewerTotal);
  }

  @Test
  void a_scoped_token_cannot_list_or_open_other_accounts_functions_or_their_metrics() {
    HttpResponse<String> list = scoped("/api/v1/functions");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("search-indexer").doesNotContain(OTHER_ACCOUNTS);
    for (String path :
        List.of(
            "/api/v1/functions/111111111111/us-east-1/checkout-api",
            "/api/v1/functions/111111111111/us-east-1/checkout-api/metrics",
            "/api/v1/functions/333333333333/us-west-2/nightly-report/metrics?window=month",
            "/api/v1/functions/333333333333/us-west-2/no-such-function")) {
      HttpResponse<String> response = scoped(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
    }
    assertThat(scoped("/api/v1/functions/222222222222/us-east-1/search-indexer").statusCode())
        .isEqualTo(200);
  }

  @Test
  void a_scoped_token_gets_only_its_accounts_in_reports_forecasts_free_tier_and_runs() {
    for (String path :
        List.of(
            "/api/v1/reports/2026-09.csv",
            "/api/v1/reports/2026-09.csv?format=focus",
            "/api/v1/forecast?aggregate=function",
            "/api/v1/forecast?aggregate=account",
            "/api/v1/collections")) {
      HttpResponse<String> response = scoped(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).doesNotContain(OTHER_ACCOUNTS);
    }
    String freeTier = scoped("/api/v1/free-tier").body();
    assertThat(freeTier).contains("\"wholePayer\":false").doesNotContain("333333333333");
    assertThat(freeTier).doesNotContain("projectedRunOut").doesNotContain("exhaustedOn");
  }
}
