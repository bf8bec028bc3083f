package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The simulator's S3, holding the bill exports, through the real SDK S3 client. */
class S3ExportsTest {

  static final Instant OCTOBER = Instant.parse("2026-10-01T00:00:00Z");
  static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  static S3Client s3(AwsSimulator sim) {
    return S3Client.builder()
        .endpointOverride(sim.endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(Sdk.DUMMY)
        .httpClient(UrlConnectionHttpClient.builder().build())
        .build();
  }

  static AwsSimulator start(MutableClock clock) {
    return AwsSimulator.start(
        SimulatorSettings.defaults()
            .withFunctions(40)
            .withAccounts(2)
            .withSeed(21)
            .withStart(OCTOBER)
            .withClock(clock));
  }

  @Test
  void theClosedMonthsCurExportAddsUpToTheTruthsBillToTheCent() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-04T07:00:00Z"));
    try (AwsSimulator sim = start(clock);
        S3Client s3 = s3(sim)) {
      String base = "exports/lambda-cur2-csv/";
      JsonNode manifest =
          JSON.readTree(
              s3.getObjectAsBytes(
                      b ->
                          b.bucket("lambda-ledger-billing")
                              .key(
                                  base
                                      + "metadata/BILLING_PERIOD=2026-10/lambda-cur2-csv-Manifest.json"))
                  .asByteArray());
      BigDecimal total = BigDecimal.ZERO;
      boolean credit = false;
      for (JsonNode file : manifest.path("dataFiles")) {
        String key = file.asText().substring("s3://lambda-ledger-billing/".length());
        byte[] gz =
            s3.getObjectAsBytes(b -> b.bucket("lambda-ledger-billing").key(key)).asByteArray();
        try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(new ByteArrayInputStream(gz)), StandardCharsets.UTF_8))) {
          List<String> header = List.of(in.readLine().split(","));
          int cost = header.indexOf("line_item_unblended_cost");
          int type = header.indexOf("line_item_line_item_type");
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] cells = splitCsv(line);
            total = total.add(new BigDecimal(cells[cost]));
            credit |= cells[type].equals("Credit");
          }
        }
      }
      Truth truth = sim.truth(OCTOBER, NOVEMBER);
      assertThat(manifest.path("billingPeriod").path("start").asText())
          .isEqualTo(OCTOBER.toString());
      assertThat(credit).isTrue();
      assertThat(total).isEqualByComparingTo(truth.billTotal());
    }
  }

  @Test
  void listingPagesWithContinuationTokensAndRangesReadPartsOfAnObject() {
    MutableClock clock = new MutableClock(Instant.parse("2026-10-12T07:00:00Z"));
    try (AwsSimulator sim = start(clock);
        S3Client s3 = s3(sim)) {
      List<S3Object> all = new ArrayList<>();
      s3.listObjectsV2Paginator(
              b -> b.bucket("lambda-ledger-billing").prefix("exports/").maxKeys(3))
          .forEach(page -> all.addAll(page.contents()));
      assertThat(all).extracting(S3Object::key).isSorted().doesNotHaveDuplicates();
      assertThat(all)
          .extracting(S3Object::key)
          .contains(
              "exports/lambda-focus-parquet/metadata/BILLING_PERIOD=2026-10/lambda-focus-parquet-Manifest.json",
              "exports/lambda-cur2-parquet/data/BILLING_PERIOD=2026-10/lambda-cur2-parquet-00001.snappy.parquet");
      String parquet =
          "exports/lambda-cur2-parquet/data/BILLING_PERIOD=2026-10/lambda-cur2-parquet-00001.snappy.parquet";
      HeadObjectResponse head = s3.headObject(b -> b.bucket("lambda-ledger-billing").key(parquet));
      byte[] tail =
          s3.getObjectAsBytes(b -> b.bucket("lambda-ledger-billing").key(parquet).range("bytes=-4"))
              .asByteArray();
      assertThat(head.contentLength()).isGreaterThan(8);
      assertThat(new String(tail, StandardCharsets.US_ASCII)).isEqualTo("PAR1");

      // A day later the month-to-date export is refreshed in place: a new execution.
      String manifestKey =
          "exports/lambda-cur2-csv/metadata/BILLING_PERIOD=2026-10/lambda-cur2-csv-Manifest.json";
      String before = executionId(s3, manifestKey);
      clock.advance(Duration.ofDays(1));
      assertThat(executionId(s3, manifestKey)).isNotEqualTo(before);
    }
  }

  @Test
  void putObjectStoresWhatItSentAndADeniedBucketSaysAccessDenied() {
    MutableClock clock = new MutableClock(Instant.parse("2026-10-12T07:00:00Z"));
    try (AwsSimulator sim = start(clock);
        S3Client s3 = s3(sim)) {
      s3.putObject(
          b -> b.bucket("lambda-ledger-billing").key("other/x.txt"),
          RequestBody.fromString("hello, s3"));
      assertThat(
              s3.getObjectAsBytes(b -> b.bucket("lambda-ledger-billing").key("other/x.txt"))
                  .asUtf8String())
          .isEqualTo("hello, s3");
      assertThatThrownBy(() -> s3.listObjectsV2(b -> b.bucket("denied-bills")))
          .isInstanceOf(S3Exception.class)
          .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
      assertThatThrownBy(
              () -> s3.getObjectAsBytes(b -> b.bucket("lambda-ledger-billing").key("nope")))
          .isInstanceOf(NoSuchKeyException.class);
    }
  }

  private static String executionId(S3Client s3, String key) {
    try {
      return JSON.readTree(
              s3.getObjectAsBytes(b -> b.bucket("lambda-ledger-billing").key(key)).asByteArray())
          .path("executionId")
          .asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Splits one CSV line (quoted cells may hold commas and doubled quotes). */
  static String[] splitCsv(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells.toArray(String[]::new);
  }
}
