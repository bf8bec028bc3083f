package io.lambdaledger.collector.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * The first history pass of a 5,000-function shard: 90 days of Lambda events read at CloudTrail's 2
 * requests per second, with no throttling at all. Slow by design (about half a second a page), so a
 * benchmark: {@code ./mvnw -pl collector -am test -Dcollector.excludedGroups= -Dgroups=benchmark
 * -Dtest=CloudTrailFirstPassBenchmark}.
 */
@Tag("benchmark")
class CloudTrailFirstPassBenchmark {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  @Test
  void aFiveThousandFunctionFirstPassStaysWithinTheRateLimit() {
    try (AwsSimulator sim =
            AwsSimulator.start(
                SimulatorSettings.defaults()
                    .withFunctions(5_000)
                    .withSeed(11)
                    .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        CloudTrailClient client =
            CloudTrailClient.builder()
                .endpointOverride(sim.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")))
                .build()) {
      long interval = Duration.ofMillis(500).toNanos();
      long[] next = {System.nanoTime()};
      Runnable twoPerSecond =
          () -> {
            long wait = next[0] - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            next[0] = Math.max(next[0], System.nanoTime()) + interval;
          };
      CloudTrailReader reader = new CloudTrailReader(client, twoPerSecond);
      long started = System.nanoTime();

      List<LambdaEvent> events = reader.read(NOW.minus(HistoryPass.REACH), NOW);

      Duration took = Duration.ofNanos(System.nanoTime() - started);
      System.out.printf(
          "first pass of 5,000 functions: %d LookupEvents calls, %d billing events, %d s%n",
          reader.calls(), events.size(), took.toSeconds());
      assertThat(events).isNotEmpty();
      assertThat(sim.stats().operation("LookupEvents").throttled()).isZero();
      assertThat(sim.stats().calls("LookupEvents")).isEqualTo(reader.calls());
    }
  }
}
