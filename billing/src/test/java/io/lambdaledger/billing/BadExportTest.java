package io.lambdaledger.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jerolba.carpet.CarpetWriter;
import com.jerolba.carpet.annotation.Alias;
import io.lambdaledger.db.BillStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.MutableClock;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.db.testing.TestDatabase;
import io.lambdaledger.db.testing.TestDatabases;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Bad exports are refused with one line naming the object, as bad input (exit 2) or a failure to
 * run (exit 1), and leave nothing imported.
 */
class BadExportTest {

  static final String BUCKET = "lambda-ledger-billing";
  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final String GOOD_CSV =
      "exports/lambda-cur2-csv/data/BILLING_PERIOD=2026-10/lambda-cur2-csv-00001.csv.gz";

  static MutableClock clock;
  static AwsSimulator sim;
  static S3Client s3;

  @BeforeAll
  static void start() {
    clock = new MutableClock(Instant.parse("2026-10-06T07:00:00Z"));
    sim =
        AwsSimulator.start(
            SimulatorSettings.defaults()
                .withFunctions(8)
                .withSeed(41)
                .withStart(Instant.parse("2026-10-01T00:00:00Z"))
                .withClock(clock));
    s3 = TestS3.client(sim);
  }

  @AfterAll
  static void stop() {
    s3.close();
    sim.close();
  }

  /** Puts an export under bad/NAME whose manifest lists one data file with these bytes. */
  static String export(String name, String fileName, byte[] data) {
    String dataKey = "bad/" + name + "/data/BILLING_PERIOD=2026-10/" + fileName;
    s3.putObject(b -> b.bucket(BUCKET).key(dataKey), RequestBody.fromBytes(data));
    return TestS3.putManifest(
        s3, BUCKET, "bad", name, "e-" + name, ExportTable.CUR2.required, List.of(dataKey));
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  static void assertNothingImported(BillStore store, String export) {
    assertThat(store.imported(export, "2026-10")).isEmpty();
    assertThat(store.totals("2026-10").lines()).isZero();
  }

  /**
   * Imports October of {@code export} into a fresh database of this kind: it must fail as bad input
   * and leave nothing imported. Returns the failure, for its message.
   */
  static AbstractThrowableAssert<?, ? extends Throwable> assertBadInput(
      DatabaseKind kind, String export) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      BillStore store = new BillStore(db.dsl());
      BillImporter importer = new BillImporter(s3, store, clock);
      AbstractThrowableAssert<?, ? extends Throwable> failure =
          assertThatThrownBy(() -> importer.importExport(export, MONTH))
              .isInstanceOf(BillImportException.class)
              .satisfies(e -> assertThat(((BillImportException) e).badInput()).isTrue());
      assertNothingImported(store, export);
      return failure;
    }
  }

  @OnEachDatabase
  void aFolderWithoutManifestIsBadInputNamingWhereItLooked(DatabaseKind kind) {
    assertBadInput(kind, "s3://" + BUCKET + "/exports/no-such-export")
        .hasMessage(
            "s3://lambda-ledger-billing/exports/no-such-export/metadata/BILLING_PERIOD=2026-10/:"
                + " no export manifest (…-Manifest.json) here; is --export the export's folder?");
  }

  @OnEachDatabase
  void aTruncatedGzipIsBadInputAndLeavesNothingHalfImported(DatabaseKind kind) {
    byte[] good = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(GOOD_CSV)).asByteArray();
    String export =
        export("truncated", "truncated-00001.csv.gz", Arrays.copyOf(good, good.length / 2));
    assertBadInput(kind, export)
        .hasMessageStartingWith(
            "s3://lambda-ledger-billing/bad/truncated/data/BILLING_PERIOD=2026-10/"
                + "truncated-00001.csv.gz: truncated or corrupt gzip");
  }

  /** A CUR 2.0 Parquet row without line_item_resource_id. */
  record NoResourceId(
      @Alias("bill_payer_account_id") String payer,
      @Alias("line_item_usage_account_id") String account,
      @Alias("line_item_product_code") String product,
      @Alias("line_item_line_item_type") String type,
      @Alias("line_item_usage_type") String usageType,
      @Alias("line_item_usage_start_date") Instant start,
      @Alias("line_item_usage_amount") double amount,
      @Alias("line_item_unblended_cost") double cost,
      @Alias("pricing_public_on_demand_cost") double list,
      @Alias("savings_plan_savings_plan_effective_cost") double effective) {}

  @OnEachDatabase
  void aParquetFileMissingAColumnIsBadInputNamingTheFileAndTheColumn(DatabaseKind kind)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CarpetWriter<NoResourceId> writer = new CarpetWriter<>(bytes, NoResourceId.class)) {
      writer.write(
          new NoResourceId(
              "111122223333",
              "111122223333",
              "AWSLambda",
              "Usage",
              "USE1-Request",
              Instant.parse("2026-10-02T00:00:00Z"),
              1000,
              0.0002,
              0.0002,
              0));
    }
    // The manifest claims every column; the file does not have them all.
    String export = export("nocolumn", "nocolumn-00001.snappy.parquet", bytes.toByteArray());
    assertBadInput(kind, export)
        .hasMessage(
            "s3://lambda-ledger-billing/bad/nocolumn/data/BILLING_PERIOD=2026-10/"
                + "nocolumn-00001.snappy.parquet: column line_item_resource_id is missing"
                + " (create the export with INCLUDE_RESOURCES)");
  }

  @OnEachDatabase
  void anExportOfAnotherServiceIsBadInput(DatabaseKind kind) throws IOException {
    String header = String.join(",", ExportTable.CUR2.required);
    String row =
        "111122223333,111122223333,AmazonEC2,i-0abc,Usage,USE1-BoxUsage:t3.micro,"
            + "2026-10-02T00:00:00.000Z,24,0.2496,0.2496,0";
    String export = export("ec2", "ec2-00001.csv.gz", gzip(header + "\n" + row + "\n"));
    assertBadInput(kind, export)
        .hasMessage(
            "s3://lambda-ledger-billing/bad/ec2/metadata/BILLING_PERIOD=2026-10/ec2-Manifest.json:"
                + " no AWS Lambda line items in 1 rows; is this an export of another service?");
  }

  @OnEachDatabase
  void aBucketThatDeniesAccessIsAFailureToRunNamingThePermission(DatabaseKind kind) {
    try (TestDatabase db = TestDatabases.fresh(kind)) {
      BillStore store = new BillStore(db.dsl());
      BillImporter importer = new BillImporter(s3, store, clock);
      assertThatThrownBy(() -> importer.importExport("s3://denied-bills/exports/cur", null))
          .isInstanceOf(BillImportException.class)
          .hasMessage(
              "s3://denied-bills/exports/cur/metadata/: access denied (the reader needs"
                  + " s3:ListBucket)")
          .satisfies(e -> assertThat(((BillImportException) e).badInput()).isFalse());
      assertThat(store.totals("2026-10").lines()).isZero();
    }
  }
}
