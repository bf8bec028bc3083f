package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bytes on the wire, without an SDK in between. */
class WireFormatTest {

  static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static AwsSimulator sim;

  @BeforeAll
  static void start() {
    sim = AwsSimulator.start(TestSettings.at(Instant.parse("2026-11-20T12:00:00Z"), 10));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  static HttpResponse<byte[]> post(String operation, byte[] body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(
                    sim.endpoint()
                        + "/service/GraniteServiceVersion20100801/operation/"
                        + operation))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void anIndefiniteLengthMapWithATaggedTimestampIsRead() throws Exception {
    // {"MetricDataQueries": [], "StartTime": 1(1.7e9)} written with indefinite-length containers.
    byte[] body =
        Base64.getDecoder().decode("v3FNZXRyaWNEYXRhUXVlcmllc5//aVN0YXJ0VGltZcH7QdlU/EAAAAD/");
    HttpResponse<byte[]> response =
        post(
            "GetMetricData",
            body,
            "smithy-protocol",
            "rpc-v2-cbor",
            "Content-Type",
            "application/cbor",
            "Accept",
            "application/cbor");
    // Parsed (not a CBOR error): the empty query list is the first thing found wrong.
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-query-error"))
        .hasValue("MissingParameter;Sender");
    assertThat(response.headers().firstValue("smithy-protocol")).hasValue("rpc-v2-cbor");
    JsonNode error = CBOR.readTree(response.body());
    assertThat(error.path("__type").asText())
        .isEqualTo("com.amazonaws.cloudwatch#MissingRequiredParameterException");
    assertThat(error.path("message").asText()).contains("MetricDataQueries");
  }

  @Test
  void aRequestWithoutTheSmithyProtocolHeaderIsRejected() throws Exception {
    HttpResponse<byte[]> response =
        post(
            "ListMetrics",
            CBOR.writeValueAsBytes(CBOR.createObjectNode()),
            "Content-Type",
            "application/cbor");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("x-amzn-query-error"))
        .hasValue("ValidationError;Sender");
  }

  @Test
  void timestampsAreAnsweredAsTagOneFloat64() throws Exception {
    var input = CBOR.createObjectNode();
    var query = input.putArray("MetricDataQueries").addObject();
    query.put("Id", "a");
    var stat = query.putObject("MetricStat");
    stat.put("Period", 60);
    stat.put("Stat", "SampleCount");
    var metric = stat.putObject("Metric");
    metric.put("Namespace", "AWS/Lambda");
    metric.put("MetricName", "Invocations");
    input.put("StartTime", Instant.parse("2026-11-20T11:00:00Z").getEpochSecond());
    input.put("EndTime", Instant.parse("2026-11-20T11:30:00Z").getEpochSecond());
    HttpResponse<byte[]> response =
        post("GetMetricData", CBOR.writeValueAsBytes(input), "smithy-protocol", "rpc-v2-cbor");
    assertThat(response.statusCode()).isEqualTo(200);
    byte[] body = response.body();
    // 0xC1 = tag 1, 0xFB = float64: the first timestamp 2026-11-20T11:29:00Z.
    String hex = java.util.HexFormat.of().formatHex(body);
    long seconds = Instant.parse("2026-11-20T11:29:00Z").getEpochSecond();
    String expected =
        "c1fb" + java.util.HexFormat.of().toHexDigits(Double.doubleToLongBits((double) seconds));
    assertThat(hex).contains(expected);
  }
}
