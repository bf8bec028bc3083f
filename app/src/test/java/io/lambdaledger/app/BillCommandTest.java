package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.sim.AwsSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code bill import} against the simulator's S3, into an H2 file. */
class BillCommandTest {

  static AwsSimulator sim;

  @BeforeAll
  static void start() {
    sim =
        SimulatedAws.billedFromOctober(
            10, 51, Clock.fixed(Instant.parse("2026-11-05T00:00:00Z"), ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  CommandRun run(Path dir, String... args) {
    Map<String, String> environment = SimulatedAws.environment(sim, "AKIDTEST", "secret");
    environment.put("LEDGER_DB_URL", "jdbc:h2:file:" + dir.resolve("ledger"));
    return CommandRun.of(environment, args);
  }

  @Test
  void importingAMonthPrintsItsBilledTotalAndASecondRunChangesNothing(@TempDir Path dir) {
    String total =
        sim.truth(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"))
            .billTotal()
            .toPlainString();

    String[] importOctober = {
      "bill", "import", "--export", AwsSimulator.FOCUS_PARQUET_EXPORT, "--month", "2026-10"
    };
    CommandRun first = run(dir, importOctober);
    CommandRun second = run(dir, importOctober);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .startsWith(AwsSimulator.FOCUS_PARQUET_EXPORT + " 2026-10: imported (FOCUS, version ")
        .endsWith("billed " + total + " USD\n");
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).contains(" 2026-10: unchanged (FOCUS").contains("billed " + total);
  }

  @Test
  void aMissingManifestExitsTwoInOneLineAndADeniedBucketExitsOne(@TempDir Path dir) {
    CommandRun missing =
        run(dir, "bill", "import", "--export", "s3://lambda-ledger-billing/nothing/here");
    CommandRun denied = run(dir, "bill", "import", "--export", "s3://denied-bills/exports/cur");
    CommandRun badMonth =
        run(dir, "bill", "import", "--export", AwsSimulator.CUR2_CSV_EXPORT, "--month", "Oct");

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err())
        .isEqualTo(
            "lambda-ledger: s3://lambda-ledger-billing/nothing/here/metadata/: no export manifest"
                + " (…-Manifest.json) here; is --export the export's folder?\n");
    assertThat(denied.exitCode()).isEqualTo(1);
    assertThat(denied.err()).hasLineCount(1).contains("access denied");
    assertThat(badMonth.exitCode()).isEqualTo(2);
    assertThat(badMonth.err()).isEqualTo("lambda-ledger: --month must be YYYY-MM, got: Oct\n");
  }

  /** Puts an export under bad/NAME whose manifest lists one CSV+GZIP data file. */
  static String badExport(String name, byte[] data) {
    String bucket = "lambda-ledger-billing";
    String base = "bad/" + name;
    String dataKey = base + "/data/BILLING_PERIOD=2026-10/" + name + "-00001.csv.gz";
    String manifestKey = "exports/lambda-cur2-csv/metadata/BILLING_PERIOD=2026-10/";
    try (S3Client s3 = SimulatedAws.s3(sim)) {
      String columns =
          s3.listObjectsV2(b -> b.bucket(bucket).prefix(manifestKey)).contents().stream()
              .map(o -> s3.getObjectAsBytes(g -> g.bucket(bucket).key(o.key())).asUtf8String())
              .map(BillCommandTest::columnsOf)
              .findFirst()
              .orElseThrow();
      s3.putObject(b -> b.bucket(bucket).key(dataKey), RequestBody.fromBytes(data));
      s3.putObject(
          b ->
              b.bucket(bucket)
                  .key(base + "/metadata/BILLING_PERIOD=2026-10/" + name + "-Manifest.json"),
          RequestBody.fromString(
              "{\"executionId\":\"e-"
                  + name
                  + "\",\"columns\":"
                  + columns
                  + ",\"dataFiles\":[\"s3://"
                  + bucket
                  + "/"
                  + dataKey
                  + "\"]}"));
    }
    return "s3://" + bucket + "/" + base;
  }

  /** The first data file of the simulator's CUR 2.0 CSV export of October. */
  private static byte[] goodCsvGzip() {
    String bucket = "lambda-ledger-billing";
    try (S3Client s3 = SimulatedAws.s3(sim)) {
      String key =
          s3
              .listObjectsV2(
                  b ->
                      b.bucket(bucket)
                          .prefix("exports/lambda-cur2-csv/data/BILLING_PERIOD=2026-10/"))
              .contents()
              .stream()
              .map(o -> o.key())
              .filter(k -> k.endsWith(".csv.gz"))
              .sorted()
              .findFirst()
              .orElseThrow();
      return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }
  }

  private static String columnsOf(String manifest) {
    try {
      return new ObjectMapper().readTree(manifest).path("columns").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aTruncatedGzipExitsTwoInOneLineNamingTheFileAndImportsNothing(@TempDir Path dir) {
    byte[] good = goodCsvGzip();
    String truncated = badExport("truncated", java.util.Arrays.copyOf(good, good.length / 2));

    CommandRun cut = run(dir, "bill", "import", "--export", truncated, "--month", "2026-10");
    CommandRun none = run(dir, "reconcile", "--month", "2026-10");

    assertThat(cut.exitCode()).as(cut.err()).isEqualTo(2);
    assertThat(cut.err())
        .hasLineCount(1)
        .startsWith(
            "lambda-ledger: "
                + truncated
                + "/data/BILLING_PERIOD=2026-10/truncated-00001.csv.gz: truncated or corrupt gzip");
    assertThat(none.exitCode()).as("nothing imported").isEqualTo(2);
    assertThat(none.err()).contains("no bill is imported for 2026-10");
  }

  @Test
  void reconcileComparesTheImportedBillAndAMonthWithoutOneExitsTwo(@TempDir Path dir)
      throws Exception {
    String total =
        sim.truth(Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"))
            .billTotal()
            .toPlainString();
    run(dir, "bill", "import", "--export", AwsSimulator.CUR2_CSV_EXPORT, "--month", "2026-10");

    CommandRun json = run(dir, "reconcile", "--month", "2026-10", "--format", "json");
    CommandRun table = run(dir, "reconcile", "--month", "2026-10");
    CommandRun none = run(dir, "reconcile", "--month", "2026-09");

    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode body = new ObjectMapper().readTree(json.out());
    assertThat(body.path("month").asText()).isEqualTo("2026-10");
    assertThat(body.path("billed").path("total").asText()).isEqualTo(total);
    // Nothing was collected: the whole bill is variance, the credit and plans named.
    assertThat(body.path("estimated").path("total").asText()).isEqualTo("0.00");
    assertThat(body.path("explained").findValuesAsText("code"))
        .containsExactly(
            "INIT",
            "ROUNDING",
            "HISTORY_GAPS",
            "SAVINGS_PLANS",
            "CREDITS_REFUNDS",
            "FREE_TIER",
            "UNALLOCATED",
            "UNEXPLAINED");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out())
        .startsWith("2026-10 (billed 2026-10-01 to 2026-10-31): estimated 0.00, billed " + total);
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).hasLineCount(1).contains("no bill is imported for 2026-09");
  }
}
