package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.core.model.ProvisionedConcurrency;
import io.lambdaledger.db.CollectionRunStore;
import io.lambdaledger.db.FunctionUnknownStore;
import io.lambdaledger.db.FunctionUnknownStore.Aspect;
import io.lambdaledger.db.FunctionUnknownStore.Reason;
import io.lambdaledger.db.InventoryStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatedFunction;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Per-function inventory reads (provisioned concurrency, tags) run beside collection: they never
 * hold back the metrics, and when the endpoint denies them or does not offer them the shard's
 * metrics are collected all the same, with what could not be read recorded per function and in the
 * run, naming the call, the HTTP status and the AWS error code.
 */
class DegradedInventoryTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant NOW = START.plus(Duration.ofDays(1)).plusSeconds(150);

  @Test
  void aShardWhoseProvisionedConcurrencyAndTagsCannotBeReadStillCollectsEveryMetric() {
    SimulatorSettings simulator =
        CollectorHarness.simulation(80, 7, START)
            .withFaults(
                Faults.parse(
                    "ListProvisionedConcurrencyConfigs.refuse=denied,"
                        + "GetResources.refuse=unsupported,ListTags.refuse=unsupported"));
    try (CollectorHarness harness = CollectorHarness.start(DatabaseKind.H2, simulator, NOW)) {
      Collector collector = harness.collector(false);

      ShardReport first = collector.runOnce().shards().get(0);
      assertThat(collector.awaitEnrichment(Duration.ofMinutes(1))).isTrue();
      harness.clock.advance(Duration.ofMinutes(5));
      ShardReport second = collector.runOnce().shards().get(0);

      assertThat(first.failed()).as(first.summary()).isFalse();
      assertThat(first.samplesWritten()).isPositive();
      assertThat(first.unread())
          .startsWith("Tagging GetResources: HTTP 404 (no AWS error code)")
          .doesNotContain("null");
      assertThat(second.failed()).as(second.summary()).isFalse();
      assertThat(second.unread())
          .contains("Tagging GetResources: HTTP 404 (no AWS error code)")
          .contains(
              "Lambda ListProvisionedConcurrencyConfigs: HTTP 403 AccessDeniedException: User:")
          .contains("provisioned concurrency (its cost and the spill-over split) not known")
          .contains("Lambda ListTags: HTTP 404 (no AWS error code)")
          .doesNotContain("null");
      CollectionRun recorded =
          new CollectionRunStore(harness.dsl()).recent(1, AccountScope.all()).get(0);
      assertThat(recorded.unread()).isEqualTo(second.unread());
      assertThat(recorded.error()).isNull();

      List<FunctionUnknownStore.Unknown> unknown =
          new FunctionUnknownStore(harness.dsl()).list(harness.account(), CollectorHarness.REGION);
      assertThat(unknown)
          .filteredOn(row -> row.aspect() == Aspect.PROVISIONED_CONCURRENCY)
          .hasSize(80)
          .allSatisfy(row -> assertThat(row.reason()).isEqualTo(Reason.DENIED))
          .allSatisfy(
              row ->
                  assertThat(row.detail())
                      .startsWith("Lambda ListProvisionedConcurrencyConfigs: HTTP 403"));
      assertThat(unknown)
          .filteredOn(row -> row.aspect() == Aspect.TAGS)
          .hasSize(80)
          .allSatisfy(row -> assertThat(row.reason()).isEqualTo(Reason.UNSUPPORTED));
      assertThat(harness.sim.stats().calls("ListProvisionedConcurrencyConfigs"))
          .as("a refused call is not asked again for every function")
          .isEqualTo(1);

      CycleReport backfill =
          collector.backfill(START, START.plus(Duration.ofHours(12)), Progress.none());
      assertThat(backfill.succeeded()).as("%s", backfill.failures()).isTrue();
      assertThat(harness.assertHoursMatchTruth(START, START.plus(Duration.ofHours(12))))
          .isGreaterThan(100);
    }
  }

  @Test
  void theFirstMetricsAreStoredBeforeProvisionedConcurrencyIsReadAndItIsKnownAfterwards() {
    SimulatorSettings simulator =
        CollectorHarness.simulation(60, 11, START)
            .withFaults(Faults.parse("ListProvisionedConcurrencyConfigs.latency=3s"));
    try (CollectorHarness harness = CollectorHarness.start(DatabaseKind.H2, simulator, NOW)) {
      Collector collector = harness.collector(false);
      FunctionUnknownStore unknowns = new FunctionUnknownStore(harness.dsl());

      ShardReport report = collector.runOnce().shards().get(0);

      assertThat(report.failed()).as(report.summary()).isFalse();
      assertThat(report.samplesWritten()).isPositive();
      assertThat(unknowns.list(harness.account(), CollectorHarness.REGION))
          .as("while the per-function reads are on their way, the lines say what is not known")
          .filteredOn(row -> row.reason() == Reason.PENDING)
          .isNotEmpty()
          .allSatisfy(row -> assertThat(row.aspect()).isEqualTo(Aspect.PROVISIONED_CONCURRENCY));

      harness.sim.setFaults(Faults.none());
      assertThat(collector.awaitEnrichment(Duration.ofMinutes(2))).isTrue();

      assertThat(unknowns.list(harness.account(), CollectorHarness.REGION)).isEmpty();
      Map<String, Integer> stored =
          new InventoryStore(harness.dsl())
              .listFunctions(AccountScope.all(), false).stream()
                  .collect(
                      Collectors.toMap(
                          function -> function.key().name(), DegradedInventoryTest::allocated));
      Map<String, Integer> truth =
          harness.sim.functions().stream()
              .collect(
                  Collectors.toMap(
                      SimulatedFunction::name, SimulatedFunction::provisionedConcurrency));
      assertThat(truth.values()).as("the estate has provisioned concurrency").anyMatch(n -> n > 0);
      assertThat(stored).isEqualTo(truth);
    }
  }

  private static int allocated(LambdaFunction function) {
    return function.provisionedConcurrency().stream()
        .mapToInt(ProvisionedConcurrency::allocated)
        .sum();
  }
}
