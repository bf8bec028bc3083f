package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.collector.AwsAccount;
import io.lambdaledger.collector.AwsClientFactory;
import io.lambdaledger.collector.CollectionTarget;
import io.lambdaledger.collector.Collector;
import io.lambdaledger.collector.CollectorSettings;
import io.lambdaledger.collector.CycleReport;
import io.lambdaledger.collector.Progress;
import io.lambdaledger.collector.RetrySettings;
import io.lambdaledger.db.Database;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The application's real AWS clients pointed at an in-process simulator, as the end-to-end tests
 * use them: the collector's clients and a collector of the simulator's default account, the S3
 * client of {@code bill import}, and the simulator's truth.
 */
final class SimulatedAws {
  private SimulatedAws() {}

  /** A simulator of {@code functions} functions whose usage, and so its bill, starts 2026-10-01. */
  static AwsSimulator billedFromOctober(int functions, long seed, Clock clock) {
    return AwsSimulator.start(
        SimulatorSettings.defaults()
            .withFunctions(functions)
            .withSeed(seed)
            .withStart(Instant.parse("2026-10-01T00:00:00Z"))
            .withClock(clock));
  }

  /** The collector's clients, retrying {@code attempts} times with a 5 to 20 ms backoff. */
  static AwsClientFactory clients(AwsSimulator sim, int attempts, int concurrency) {
    return new AwsClientFactory(
        new AwsClientFactory.Options(
            sim.endpoint(),
            AwsEnvironment.credentials(environment(sim, "AKIDLEDGERTEST", "not-a-secret")),
            new RetrySettings(attempts, Duration.ofMillis(5), Duration.ofMillis(20)),
            concurrency));
  }

  /** The collector's settings with rate limits high enough not to slow a test down. */
  static CollectorSettings settings() {
    return CollectorSettings.defaults().withRateLimits(500, 500);
  }

  /** A collector of the simulator's default account in us-east-1. */
  static Collector collector(
      Database database,
      AwsClientFactory clients,
      CollectorSettings settings,
      Clock clock,
      String instance) {
    return new Collector(
        database,
        clients,
        List.of(
            new CollectionTarget(
                AwsAccount.defaultCredentials(), "test", null, List.of("us-east-1"))),
        settings,
        clock,
        instance);
  }

  /** Backfills {@code [from, to)}; the test fails if any shard failed. */
  static void backfill(Collector collector, Instant from, Instant to) {
    CycleReport backfill = collector.backfill(from, to, Progress.none());
    assertThat(backfill.succeeded()).as("%s", backfill.failures()).isTrue();
  }

  /** The S3 client {@code bill import} and {@code serve} read exports with, on the simulator. */
  static S3Client s3(AwsSimulator sim) {
    return S3Clients.create(environment(sim, "AKIDTEST", "secret"));
  }

  /** The environment a command is given to reach the simulator with this access key pair. */
  static Map<String, String> environment(AwsSimulator sim, String accessKey, String secret) {
    return environment(sim.endpoint().toString(), accessKey, secret);
  }

  /**
   * The environment a command is given to reach AWS at {@code endpoint} in us-east-1 with this
   * access key pair; a new map the caller may add to.
   */
  static Map<String, String> environment(String endpoint, String accessKey, String secret) {
    Map<String, String> environment = new HashMap<>();
    environment.put("AWS_ENDPOINT_URL", endpoint);
    environment.put("AWS_REGION", "us-east-1");
    environment.put("AWS_ACCESS_KEY_ID", accessKey);
    environment.put("AWS_SECRET_ACCESS_KEY", secret);
    return environment;
  }

  /** The simulator's truth for {@code [from, to)}, as {@code GET /_sim/truth} answers it. */
  static JsonNode truth(AwsSimulator sim, Instant from, Instant to)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(sim.endpoint() + "/_sim/truth?from=" + from + "&to=" + to))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }
}
