package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.LambdaFunction;
import io.lambdaledger.db.InventoryStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A cycle that must list the shard (a first run) reads each function's metrics as soon as its
 * ListFunctions page is stored, not after the whole listing: the inventory hands a function on only
 * once it is stored with its configuration, the values stay exact, the calls stay full, and a
 * listing that fails still fails the run.
 */
class FirstDataTest {

  private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
  private static final Instant NOW = START.plus(Duration.ofHours(3)).plusSeconds(20);

  private static SimulatorSettings simulator(int functions) {
    return CollectorHarness.simulation(functions, 7, START).withLag(Duration.ZERO);
  }

  @Test
  void theInventoryHandsOnEachFunctionOnceAndOnlyAfterItIsStoredWithItsConfiguration() {
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.H2, simulator(320), CollectorHarness.testSettings(), NOW)) {
      Shard shard = new Shard(harness.account(), CollectorHarness.REGION);
      CollectorSettings settings = CollectorHarness.testSettings();
      ShardContext context =
          new ShardContext(
              shard,
              AwsAccount.defaultCredentials(),
              "test",
              null,
              settings,
              CollectionBudget.of(settings));
      InventoryStore store = new InventoryStore(harness.dsl());
      CallCounter counter = new CallCounter();
      ShardInventory inventory =
          new ShardInventory(
              context,
              harness.clients.clientsFor(AwsAccount.defaultCredentials(), shard),
              store,
              settings.inventoryInterval(),
              counter);
      List<String> handedOn = Collections.synchronizedList(new ArrayList<>());
      List<String> notStoredYet = Collections.synchronizedList(new ArrayList<>());

      assertThat(inventory.isDue(NOW)).isTrue();
      inventory.refreshStreaming(
          NOW,
          names -> {
            for (String name : names) {
              FunctionKey key = new FunctionKey(shard.accountId(), shard.region(), name);
              if (store.configurationAt(key, NOW).isEmpty()) {
                notStoredYet.add(name);
              }
              handedOn.add(name);
            }
          });

      assertThat(notStoredYet).isEmpty();
      assertThat(handedOn).hasSize(320).doesNotHaveDuplicates();
      assertThat(counter.calls("ListFunctions")).isEqualTo(7);
      assertThat(inventory.refreshed()).isTrue();
      assertThat(inventory.isDue(NOW)).isFalse();
      List<LambdaFunction> stored =
          store.listFunctions(AccountScope.only(List.of(shard.accountId())), true);
      assertThat(stored).hasSize(320).noneMatch(LambdaFunction::isDeleted);
      Set<String> names = new HashSet<>();
      stored.forEach(function -> names.add(function.key().name()));
      assertThat(names).containsExactlyInAnyOrderElementsOf(handedOn);
    }
  }

  @Test
  void aFirstCycleStoresEveryValueExactlyInFullCallsWhileTheShardIsListed() {
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.H2, simulator(700), CollectorHarness.testSettings(), NOW)) {
      ShardReport report = harness.collector(false).runOnce().shards().get(0);

      assertThat(report.failed()).as(report.summary()).isFalse();
      assertThat(report.calls("ListFunctions")).isEqualTo(14);
      assertThat(report.metricsRequested()).isEqualTo(report.seriesListed());
      // streaming the inventory adds no call: full calls while it is listed, one remainder
      assertThat(report.calls("GetMetricData")).isEqualTo((report.metricsRequested() + 499) / 500);
      int[] compared = CollectionPlanBenchmark.compareWindow(harness, report.window());
      assertThat(compared[0]).isGreaterThan(300);
      assertThat(compared[1]).as("functions differing from the truth").isZero();
      assertThat(
              new InventoryStore(harness.dsl())
                  .listFunctions(AccountScope.only(List.of(harness.account())), false))
          .hasSize(700);
    }
  }

  @Test
  void aListingThatFailsFailsTheRunAndTheNextRunStoresEverythingOnce() {
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.H2,
            simulator(150).withFaults(Faults.parse("ListFunctions.error=1")),
            CollectorHarness.testSettings(),
            NOW)) {
      Collector collector = harness.collector(false);
      ShardReport failed = collector.runOnce().shards().get(0);

      assertThat(failed.failed()).isTrue();
      assertThat(failed.error()).startsWith("Lambda ListFunctions: HTTP 500");

      harness.sim.setFaults(Faults.none());
      ShardReport report = collector.runOnce().shards().get(0);
      assertThat(report.failed()).as(report.summary()).isFalse();
      int[] compared = CollectionPlanBenchmark.compareWindow(harness, report.window());
      assertThat(compared[0]).isPositive();
      assertThat(compared[1]).as("functions differing from the truth").isZero();
    }
  }
}
