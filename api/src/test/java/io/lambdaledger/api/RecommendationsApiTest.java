package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/recommendations} over real HTTP on the seeded ledger: the documented shape, a
 * scoped token sees its own accounts' recommendations only (and no Logs Insights spend), bad
 * parameters are 400 problems.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationsApiTest {

  private static final String PATH = "/api/v1/recommendations";
  @RegisterExtension static final LedgerServer ledger = new LedgerServer(LedgerFixture::seeded);

  private JsonNode get(String query, String token, int status) {
    return ledger.contract().get(ledger.fixture().http, PATH, PATH + query, token, status);
  }

  @Test
  void every_account_for_the_admin_and_only_its_own_for_a_scoped_token() {
    JsonNode all = get("?lookbackDays=30", LedgerFixture.ADMIN, 200);
    assertThat(all.get("items").size()).isPositive();
    assertThat(all.get("logsInsights")).isNotNull();
    List<String> memberItems = new ArrayList<>();
    for (JsonNode item : all.get("items")) {
      if (item.get("accountId").asString().equals(LedgerFixture.MEMBER)) {
        memberItems.add(item.toString());
      }
    }
    JsonNode scoped = get("?lookbackDays=30", LedgerFixture.SCOPED, 200);
    assertThat(scoped.get("logsInsights")).isNull();
    List<String> scopedItems = new ArrayList<>();
    for (JsonNode item : scoped.get("items")) {
      assertThat(item.get("accountId").asString()).isEqualTo(LedgerFixture.MEMBER);
      scopedItems.add(item.toString());
    }
    assertThat(scopedItems).isEqualTo(memberItems);
    assertThat(scopedItems.size()).isLessThan(all.get("items").size());
  }

  @Test
  void a_kind_filters_the_list() {
    JsonNode arm = get("?kind=arm64&lookbackDays=30", LedgerFixture.VIEWER, 200);
    for (JsonNode item : arm.get("items")) {
      assertThat(item.get("kind").asString()).isEqualTo("arm64");
    }
  }

  @Test
  void bad_parameters_and_missing_tokens_are_problems() {
    assertThat(get("?kind=cheaper", LedgerFixture.VIEWER, 400).get("parameter").asString())
        .isEqualTo("kind");
    assertThat(get("?lookbackDays=0", LedgerFixture.VIEWER, 400).get("parameter").asString())
        .isEqualTo("lookbackDays");
    assertThat(get("?lookbackDays=91", LedgerFixture.VIEWER, 400).get("parameter").asString())
        .isEqualTo("lookbackDays");
    get("?unknown=1", LedgerFixture.VIEWER, 400);
    get("", null, 401);
  }
}
