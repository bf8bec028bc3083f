package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.core.bill.BillLine;
import io.lambdaledger.core.bill.ChargeKind;
import io.lambdaledger.core.bill.LineType;
import io.lambdaledger.core.model.Architecture;
import io.lambdaledger.core.model.FunctionConfiguration;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.FunctionSnapshot;
import io.lambdaledger.core.model.InventoryListing;
import io.lambdaledger.db.InventoryStore;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A repeated {@code /costs} query is answered from the grouped, sorted answer of the first, as long
 * as nothing it depends on changed: pages are slices of that answer, and an imported bill or a tag
 * change is in the very next answer (new usage: {@link CostsFreshnessTest}).
 */
class CostsCacheTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void thePagesOfARepeatedQueryAreSlicesOfTheWholeAnswer() throws Exception {
    try (LedgerFixture fixture = LedgerFixture.seeded()) {
      String path = "/api/v1/costs?window=month&aggregate=function";
      JsonNode whole = get(fixture, path);
      int count = whole.path("paging").path("count").asInt();
      assertThat(count).isEqualTo(whole.path("items").size()).isGreaterThan(3);
      List<JsonNode> paged = new ArrayList<>();
      for (int offset = 0; offset < count + 2; offset += 2) {
        JsonNode page = get(fixture, path + "&limit=2&offset=" + offset);
        assertThat(page.path("paging").path("count").asInt()).isEqualTo(count);
        assertThat(page.path("totals")).isEqualTo(whole.path("totals"));
        page.path("items").forEach(paged::add);
      }
      List<JsonNode> all = new ArrayList<>();
      whole.path("items").forEach(all::add);
      assertThat(paged).isEqualTo(all);
    }
  }

  @Test
  void anImportedBillIsInTheNextAnswer() throws Exception {
    try (LedgerFixture fixture = LedgerFixture.seeded()) {
      String path = "/api/v1/costs?window=2026-09&aggregate=function";
      JsonNode before = get(fixture, path);
      assertThat(get(fixture, path)).isEqualTo(before);
      assertThat(warningCodes(before)).doesNotContain("FROM_BILL");

      importBill(fixture, "123.45");
      JsonNode billed = get(fixture, path);
      assertThat(warningCodes(billed)).contains("FROM_BILL");
      assertThat(totalOf(billed, "search-indexer"))
          .isGreaterThan(totalOf(before, "search-indexer").add(new BigDecimal("100")));

      // The same day imported again at another cost: the same days billed, other figures.
      importBill(fixture, "23.45");
      assertThat(totalOf(get(fixture, path), "search-indexer"))
          .isEqualByComparingTo(totalOf(billed, "search-indexer").subtract(new BigDecimal("100")));
    }
  }

  private static void importBill(LedgerFixture fixture, String cost) {
    SeptemberBill.importInto(
        fixture, sink -> sink.add(1, 1, searchIndexerRequests(LocalDate.of(2026, 9, 1), cost)));
  }

  @Test
  void aTagChangeIsInTheNextAnswerByTag() throws Exception {
    try (LedgerFixture fixture = LedgerFixture.seeded()) {
      String path = "/api/v1/costs?window=month&aggregate=tag:team";
      JsonNode before = get(fixture, path);
      assertThat(get(fixture, path)).isEqualTo(before);
      assertThat(teams(before)).contains("payments").doesNotContain("checkout");

      // checkout-api, alone in its account and region, moves to team "checkout".
      FunctionKey checkout = new FunctionKey(LedgerFixture.ORG_PAYER, "us-east-1", "checkout-api");
      new InventoryStore(fixture.db.dsl())
          .recordListing(
              new InventoryListing(
                  checkout.accountId(),
                  checkout.region(),
                  LedgerFixture.NOW,
                  List.of(
                      new FunctionSnapshot(
                          checkout,
                          "arn:aws:lambda:us-east-1:111111111111:function:checkout-api",
                          "java21",
                          "Zip",
                          new FunctionConfiguration(1024, Architecture.X86_64, 512, 30),
                          Map.of("team", "checkout"),
                          List.of())),
                  true));

      assertThat(teams(get(fixture, path))).contains("checkout", "payments");
    }
  }

  /**
   * The server compresses nothing (Javalin 7 as configured here), even for a client that asks:
   * docs/api.md says so, and a change to that should be a decision (gzip costs CPU per request).
   */
  @Test
  void theBodyIsNotCompressedEvenWhenTheClientAsks() throws Exception {
    try (LedgerFixture fixture = LedgerFixture.seeded()) {
      String path = "/api/v1/costs?window=month&aggregate=function";
      HttpResponse<byte[]> plain = raw(fixture, path, Map.of());
      HttpResponse<byte[]> asked = raw(fixture, path, Map.of("Accept-Encoding", "gzip"));
      assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(asked.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(asked.body()).isEqualTo(plain.body());
    }
  }

  private static HttpResponse<byte[]> raw(
      LedgerFixture fixture, String path, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(fixture.http.base() + path))
            .header("Authorization", "Bearer " + LedgerFixture.ADMIN);
    headers.forEach(request::header);
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      return response;
    }
  }

  private static JsonNode get(LedgerFixture fixture, String path) throws Exception {
    HttpResponse<String> response = fixture.http.get(path, LedgerFixture.ADMIN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> warningCodes(JsonNode body) {
    List<String> codes = new ArrayList<>();
    body.path("warnings").forEach(w -> codes.add(w.path("code").asText()));
    return codes;
  }

  private static List<String> teams(JsonNode body) {
    List<String> teams = new ArrayList<>();
    body.path("items").forEach(item -> teams.add(item.path("key").path("tag:team").asText()));
    return teams;
  }

  private static BigDecimal totalOf(JsonNode body, String function) {
    for (JsonNode item : body.path("items")) {
      if (item.path("key").path("function").asText().equals(function)) {
        return new BigDecimal(item.path("total").asText());
      }
    }
    throw new AssertionError("no item for " + function);
  }

  private static BillLine searchIndexerRequests(LocalDate day, String cost) {
    return new BillLine(
        LedgerFixture.ORG_PAYER,
        LedgerFixture.MEMBER,
        "us-east-1",
        "arn:aws:lambda:us-east-1:222222222222:function:search-indexer",
        day,
        ChargeKind.REQUESTS,
        LineType.USAGE,
        "USE1-Request",
        new BigDecimal("1000"),
        new BigDecimal(cost),
        new BigDecimal(cost),
        new BigDecimal(cost),
        "1234567890");
  }
}
