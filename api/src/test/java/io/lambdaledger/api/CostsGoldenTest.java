package io.lambdaledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /costs} responses of fixed ledgers, byte for byte against {@code
 * src/test/resources/golden/costs/}: usage in a region without prices, lines with history caveats,
 * an imported bill (best, billed, estimate), series, tags, filters, sorts, pages and a scoped
 * viewer. The way a response is built and written may change; its bytes may not. {@code
 * -Dgolden.update=true} rewrites the files (say why in the commit).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostsGoldenTest {

  static final Path GOLDEN = Path.of("src/test/resources/golden/costs");
  static final boolean UPDATE = Boolean.getBoolean("golden.update");

  /** File name, token, path. */
  record Case(String file, String token, String path) {}

  static final List<Case> UNCERTAIN =
      List.of(
          new Case(
              "uncertain-month-by-function.json",
              LedgerFixture.VIEWER,
              "/api/v1/costs?window=month&aggregate=function"),
          new Case(
              "uncertain-month-by-function-scoped.json",
              LedgerFixture.SCOPED,
              "/api/v1/costs?window=month&aggregate=function"),
          new Case(
              "uncertain-two-months-by-region-daily.json",
              LedgerFixture.VIEWER,
              "/api/v1/costs?window=2026-09-05T00:00:00Z,2026-10-12T06:00:00Z"
                  + "&aggregate=account,region&step=day"),
          new Case(
              "uncertain-by-tag-and-runtime.json",
              LedgerFixture.VIEWER,
              "/api/v1/costs?window=2026-09&aggregate=tag:team,runtime&sort=key"),
          new Case(
              "uncertain-filtered-hourly.json",
              LedgerFixture.VIEWER,
              "/api/v1/costs?window=2026-10-14T00:00:00Z,2026-10-15T00:00:00Z"
                  + "&aggregate=function&filter=region:us-east-1,tag:team:search&step=hour"),
          new Case(
              "uncertain-page-by-requests.json",
              LedgerFixture.VIEWER,
              "/api/v1/costs?window=month&aggregate=function&sort=requests:asc&limit=2&offset=1"),
          new Case(
              "uncertain-page-past-the-end.json",
              LedgerFixture.VIEWER,
              "/api/v1/costs?window=month&aggregate=function&offset=50"),
          new Case(
              "uncertain-everything.json", LedgerFixture.VIEWER, "/api/v1/costs?window=2026-09"),
          new Case(
              "uncertain-by-architecture-monthly.json",
              LedgerFixture.VIEWER,
              "/api/v1/costs?window=2026-09-01T00:00:00Z,2026-11-01T00:00:00Z"
                  + "&aggregate=architecture&step=month&sort=-gbSeconds"));

  static final List<Case> BILLED =
      List.of(
          new Case(
              "billed-best-by-function.json",
              LedgerFixture.ADMIN,
              "/api/v1/costs?window=2026-09&aggregate=function"),
          new Case(
              "billed-only-by-account-daily.json",
              LedgerFixture.ADMIN,
              "/api/v1/costs?window=2026-09&aggregate=account&step=day&source=billed"),
          new Case(
              "billed-estimate-by-function.json",
              LedgerFixture.ADMIN,
              "/api/v1/costs?window=2026-09&aggregate=function&source=estimate"),
          new Case(
              "billed-best-scoped.json",
              LedgerFixture.SCOPED,
              "/api/v1/costs?window=2026-08-30T00:00:00Z,2026-10-02T00:00:00Z"
                  + "&aggregate=function&step=day"));

  private LedgerFixture uncertain;
  private LedgerFixture billed;

  @BeforeAll
  void start() {
    uncertain =
        LedgerFixture.seeded(
            UncertainLinesApiTest.withoutRegion(UncertainLinesApiTest.UNPRICED_REGION),
            UncertainLinesApiTest.EVIDENCE);
    billed = LedgerFixture.seeded();
    SeptemberBill.importInto(billed, SeptemberBill::addSearchIndexerDays);
  }

  @AfterAll
  void stop() {
    uncertain.close();
    billed.close();
  }

  @Test
  void costsResponsesAreByteIdenticalToTheGoldenFiles() throws IOException {
    List<String> differ = new ArrayList<>();
    check(uncertain, UNCERTAIN, differ);
    check(billed, BILLED, differ);
    assertThat(differ).as("responses that differ from their golden file").isEmpty();
  }

  @Test
  void aRepeatedQueryAnswersTheSameBytes() {
    for (Case c : UNCERTAIN) {
      assertThat(body(uncertain, c)).as(c.path()).isEqualTo(body(uncertain, c));
    }
  }

  private static void check(LedgerFixture fixture, List<Case> cases, List<String> differ)
      throws IOException {
    for (Case c : cases) {
      String body = body(fixture, c);
      Path file = GOLDEN.resolve(c.file());
      if (UPDATE) {
        Files.createDirectories(GOLDEN);
        Files.writeString(file, body, StandardCharsets.UTF_8);
      } else if (!Files.exists(file)
          || !Files.readString(file, StandardCharsets.UTF_8).equals(body)) {
        differ.add(c.file() + " (" + c.path() + ")");
      }
    }
  }

  private static String body(LedgerFixture fixture, Case c) {
    HttpResponse<String> response = fixture.http.get(c.path(), c.token());
    assertThat(response.statusCode()).as(c.path() + ": " + response.body()).isEqualTo(200);
    return response.body();
  }
}
