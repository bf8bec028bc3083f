package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.collector.history.HistoryPass;
import io.lambdaledger.db.HistoryStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.sim.OperationStats;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The first collection of a large shard: its metrics are all stored before the history pass makes
 * its first CloudTrail call (so history never delays them), and the pass reads its 90 days within
 * CloudTrail's 2 requests per second (the simulator enforces the limit and counts what it
 * throttles). Not timed: the order is observed through a proxy in front of CloudTrail that looks at
 * the database when the collector first connects. The measured 5,000-function pass is {@code
 * CloudTrailFirstPassBenchmark}.
 */
class FirstCollectionHistoryTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  /** 400 in the build; {@code -Dfirst.collection.functions=5000} for the measured run. */
  private static final int FUNCTIONS = Integer.getInteger("first.collection.functions", 400);

  @Test
  void metricsAreStoredBeforeTheFirstCloudTrailCallWhichStaysWithinTheRateLimit() throws Exception {
    try (CollectorHarness harness =
            CollectorHarness.start(
                DatabaseKind.H2,
                SimulatorSettings.defaults().withFunctions(FUNCTIONS).withSeed(11),
                CollectorHarness.testSettings(),
                NOW);
        TcpProxy cloudTrail =
            new TcpProxy(harness.sim.endpoint().getHost(), harness.sim.endpoint().getPort());
        AwsClientFactory clients =
            new AwsClientFactory(
                new AwsClientFactory.Options(
                    harness.sim.endpoint(),
                    Map.of(
                        "CLOUDTRAIL", java.net.URI.create("http://127.0.0.1:" + cloudTrail.port())),
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDLEDGERTEST", "not-a-secret")),
                    CollectorHarness.FAST_RETRIES,
                    32))) {
      AtomicInteger samplesAtFirstCall = new AtomicInteger(-1);
      cloudTrail.beforeFirstConnection(
          () -> samplesAtFirstCall.set(harness.dsl().fetchCount(DSL.table("metric_sample"))));
      try (Collector collector =
          new Collector(
              harness.database,
              clients,
              CollectorHarness.defaultTarget("test"),
              harness.settings,
              harness.clock,
              "first-collection")) {

        assertThat(collector.runOnce().succeeded()).isTrue();
      }

      int samples = harness.dsl().fetchCount(DSL.table("metric_sample"));
      OperationStats lookups = harness.sim.stats().operation("LookupEvents");
      HistoryStore.Cursor cursor =
          new HistoryStore(harness.dsl(), harness.clock)
              .cursor(harness.account(), CollectorHarness.REGION, HistoryPass.CLOUDTRAIL)
              .orElseThrow();
      System.out.printf(
          "first collection of %d functions: %d samples stored before the first of %d"
              + " LookupEvents calls, %d throttled%n",
          FUNCTIONS, samplesAtFirstCall.get(), lookups.calls(), lookups.throttled());

      assertThat(samples).isPositive();
      assertThat(samplesAtFirstCall.get())
          .as("samples stored at the first call")
          .isEqualTo(samples);
      assertThat(lookups.calls()).isGreaterThan(1);
      assertThat(lookups.throttled()).as("LookupEvents throttled").isZero();
      assertThat(cursor.denied()).isFalse();
      assertThat(cursor.readFrom()).isEqualTo(NOW.minus(Duration.ofDays(90)).plusSeconds(3600));
    }
  }
}
