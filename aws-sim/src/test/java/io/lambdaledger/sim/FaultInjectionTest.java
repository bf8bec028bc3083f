package io.lambdaledger.sim;

import static io.lambdaledger.sim.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Injected faults, as the real SDK clients experience them. */
class FaultInjectionTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  AwsSimulator sim;
  CloudWatchClient cw;
  List<MetricDataQuery> queries = new ArrayList<>();

  @BeforeEach
  void start() {
    sim = AwsSimulator.start(TestSettings.at(NOW, 40));
    cw = Sdk.cloudWatch(sim.endpoint(), "us-east-1");
    sim.functions().stream()
        .filter(f -> !f.pattern().equals("IDLE"))
        .forEach(f -> queries.add(query("q" + queries.size(), f.name(), "Invocations", "Sum", 60)));
  }

  @AfterEach
  void stop() {
    cw.close();
    sim.close();
  }

  GetMetricDataResponse call(CloudWatchClient client) {
    return client.getMetricData(
        b -> b.metricDataQueries(queries).startTime(NOW.minus(Duration.ofHours(1))).endTime(NOW));
  }

  @Test
  void throttlingIsRetriedByTheSdkUntilItSucceeds() {
    sim.setFaults(Faults.parse("GetMetricData.throttleNext=2"));
    GetMetricDataResponse response = call(cw);
    assertThat(response.metricDataResults()).hasSize(queries.size());
    OperationStats stats = sim.stats().operation("GetMetricData");
    assertThat(stats.calls()).isEqualTo(3);
    assertThat(stats.throttled()).isEqualTo(2);
    assertThat(stats.metricsRequested()).isEqualTo(queries.size());
  }

  @Test
  void aThrottleIsTheAwsThrottlingErrorRateExceeded() {
    sim.setFaults(Faults.parse("throttle=1"));
    try (CloudWatchClient noRetries =
        CloudWatchClient.builder()
            .endpointOverride(sim.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(Sdk.DUMMY)
            .overrideConfiguration(
                o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
            .build()) {
      assertThatThrownBy(() -> call(noRetries))
          .isInstanceOfSatisfying(
              CloudWatchException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                assertThat(e.isThrottlingException()).isTrue();
              });
    }
  }

  @Test
  void lambdaThrottlesWithItsOwnShape() {
    sim.setFaults(Faults.parse("ListFunctions.throttle=1"));
    try (LambdaClient lambda = Sdk.withoutRetries(LambdaClient.builder(), sim.endpoint())) {
      assertThatThrownBy(lambda::listFunctions)
          .isInstanceOfSatisfying(
              TooManyRequestsException.class, e -> assertThat(e.statusCode()).isEqualTo(429));
    }
  }

  @Test
  void lambdaThrottlingIsRetriedByTheSdkToo() {
    sim.setFaults(Faults.parse("ListFunctions.throttleNext=2"));
    try (LambdaClient lambda = Sdk.lambda(sim.endpoint(), "us-east-1")) {
      assertThat(lambda.listFunctions().functions()).isNotEmpty();
    }
    OperationStats stats = sim.stats().operation("ListFunctions");
    assertThat(stats.calls()).isEqualTo(3);
    assertThat(stats.throttled()).isEqualTo(2);
  }

  @Test
  void serverErrorsAndDroppedConnectionsAreRetriedByTheSdk() {
    sim.setFaults(Faults.parse("GetMetricData.errorNext=1,GetMetricData.dropNext=1"));
    GetMetricDataResponse response = call(cw);
    assertThat(response.metricDataResults()).hasSize(queries.size());
    OperationStats stats = sim.stats().operation("GetMetricData");
    assertThat(stats.serverErrors()).isEqualTo(1);
    assertThat(stats.dropped()).isEqualTo(1);
    assertThat(stats.calls()).isEqualTo(3);
  }

  @Test
  void aDroppedConnectionWithoutRetriesIsAnIoFailure() {
    sim.setFaults(Faults.parse("drop=1"));
    try (CloudWatchClient noRetries =
        Sdk.withoutRetries(CloudWatchClient.builder(), sim.endpoint())) {
      assertThatThrownBy(() -> call(noRetries)).isInstanceOf(SdkClientException.class);
    }
  }

  @Test
  void partialDataCutsSeriesShortAndMarksThem() {
    GetMetricDataResponse complete = call(cw);
    sim.setFaults(Faults.parse("GetMetricData.partial=1"));
    GetMetricDataResponse partial = call(cw);
    int completePoints = 0;
    int partialPoints = 0;
    for (int i = 0; i < queries.size(); i++) {
      MetricDataResult full = complete.metricDataResults().get(i);
      MetricDataResult cut = partial.metricDataResults().get(i);
      completePoints += full.values().size();
      partialPoints += cut.values().size();
      if (!full.values().isEmpty()) {
        assertThat(cut.statusCode()).isEqualTo(StatusCode.PARTIAL_DATA);
        // The newest points are missing; what is there is right.
        assertThat(full.timestamps()).endsWith(cut.timestamps().toArray(Instant[]::new));
      }
    }
    assertThat(partialPoints).isLessThan(completePoints);
    assertThat(sim.stats().operation("GetMetricData").partialData()).isPositive();
  }

  @Test
  void latencyIsAddedToEveryCall() {
    sim.setFaults(Faults.parse("GetMetricData.latency=300ms"));
    long started = System.nanoTime();
    call(cw);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void faultsAndStatsAreControlledOverHttp() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI faults = sim.endpoint().resolve("/_sim/faults");
    HttpResponse<String> set =
        http.send(
            HttpRequest.newBuilder(faults)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"GetMetricData\": {\"throttleNext\": 1}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(sim.faults().ruleFor("GetMetricData").throttleNext()).isEqualTo(1);

    call(cw);

    HttpResponse<String> stats =
        http.send(
            HttpRequest.newBuilder(sim.endpoint().resolve("/_sim/stats")).build(),
            HttpResponse.BodyHandlers.ofString());
    var json = Json.MAPPER.readTree(stats.body());
    assertThat(json.path("operations").path("GetMetricData").path("calls").asLong()).isEqualTo(2);
    assertThat(json.path("operations").path("GetMetricData").path("throttled").asLong())
        .isEqualTo(1);
    assertThat(json.path("metricsRequested").asLong()).isEqualTo(queries.size());

    HttpResponse<String> bad =
        http.send(
            HttpRequest.newBuilder(faults)
                .POST(HttpRequest.BodyPublishers.ofString("throttle=2"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
  }
}
