package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.collector.history.HistoryPass;
import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.FunctionProvenance;
import io.lambdaledger.core.model.Provenance;
import io.lambdaledger.db.HistoryStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The history pass beside scheduled cycles: 90 days the first time, then only what is new, never
 * the same hours twice; refused by CloudTrail, it costs the cycle nothing.
 */
class HistoryPassTest {

  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  private static HistoryStore.Cursor cursor(CollectorHarness harness) {
    return new HistoryStore(harness.dsl(), harness.clock)
        .cursor(harness.account(), CollectorHarness.REGION, HistoryPass.CLOUDTRAIL)
        .orElseThrow();
  }

  @Test
  void theFirstPassReadsNinetyDaysAndLaterPassesOnlyWhatIsNew() {
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.H2,
            SimulatorSettings.defaults().withFunctions(60).withSeed(11),
            CollectorHarness.testSettings(),
            NOW)) {
      Collector collector = harness.collector(false);

      assertThat(collector.runOnce().succeeded()).isTrue();
      HistoryStore.Cursor first = cursor(harness);
      long firstCalls = harness.sim.stats().calls("LookupEvents");

      harness.clock.advance(Duration.ofMinutes(30));
      assertThat(collector.runOnce().succeeded()).isTrue();
      long notDue = harness.sim.stats().calls("LookupEvents");

      harness.clock.advance(Duration.ofMinutes(60));
      assertThat(collector.runOnce().succeeded()).isTrue();
      HistoryStore.Cursor second = cursor(harness);

      assertThat(first.readFrom()).isEqualTo(NOW.minus(Duration.ofDays(90)).plusSeconds(3600));
      assertThat(first.readTo()).isEqualTo(NOW.minus(Duration.ofMinutes(20)));
      assertThat(firstCalls).isPositive();
      assertThat(notDue).isEqualTo(firstCalls);
      assertThat(second.readFrom()).isEqualTo(first.readFrom());
      assertThat(second.readTo()).isEqualTo(NOW.plus(Duration.ofMinutes(70)));
      assertThat(harness.sim.stats().calls("LookupEvents")).isEqualTo(firstCalls + 1);
      assertThat(second.denied()).isFalse();
    }
  }

  @Test
  void aDeniedLookupLeavesTheCycleSucceededAndTheHistoryUnknown() {
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.H2,
            SimulatorSettings.defaults()
                .withFunctions(60)
                .withSeed(11)
                .withFaults(Faults.parse("LookupEvents.deny=true")),
            CollectorHarness.testSettings(),
            NOW)) {
      Collector collector = harness.collector(false);

      CycleReport cycle = collector.runOnce();
      List<FunctionProvenance> december =
          new HistoryStore(harness.dsl(), harness.clock)
              .provenance(YearMonth.of(2026, 12), AccountScope.all());

      assertThat(cycle.succeeded()).isTrue();
      assertThat(cycle.shards().get(0).samplesWritten()).isPositive();
      assertThat(cursor(harness).denied()).isTrue();
      assertThat(december).isNotEmpty();
      assertThat(december).filteredOn(p -> p.provenance() == Provenance.UNKNOWN).isNotEmpty();
    }
  }

  /**
   * The demo's backfill and its live cycle have collectors of their own and ran the shard's pass at
   * the same moment, from starts seconds apart: the second one now waits for the first and finds
   * nothing due, so CloudTrail is read once and every function rebuilt once.
   */
  @Test
  void aSecondPassOfTheShardWaitsForTheRunningOneAndFindsNothingDue() throws Exception {
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.H2,
            SimulatorSettings.defaults().withFunctions(20).withSeed(11),
            CollectorHarness.testSettings(),
            NOW)) {
      Shard shard = new Shard(harness.account(), CollectorHarness.REGION);
      harness.collector(false).refreshInventory(shard);
      HistoryStore history = new HistoryStore(harness.dsl(), harness.clock);
      io.lambdaledger.db.UsageRollupStore rollups =
          new io.lambdaledger.db.UsageRollupStore(harness.dsl(), harness.clock);
      java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.CountDownLatch goOn = new java.util.concurrent.CountDownLatch(1);
      try (ShardClients backfill =
              harness.clients.clientsFor(AwsAccount.defaultCredentials(), shard);
          ShardClients live = harness.clients.clientsFor(AwsAccount.defaultCredentials(), shard);
          java.util.concurrent.ExecutorService threads =
              java.util.concurrent.Executors.newFixedThreadPool(2)) {
        HistoryPass first =
            new HistoryPass(
                shard.accountId(),
                shard.region(),
                history,
                rollups,
                backfill.cloudTrail(),
                () -> {
                  reading.countDown();
                  try {
                    goOn.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
        HistoryPass second =
            new HistoryPass(
                shard.accountId(), shard.region(), history, rollups, live.cloudTrail(), () -> {});
        java.util.concurrent.Future<java.util.Optional<HistoryPass.Outcome>> one =
            threads.submit(() -> first.runIfDue(NOW.plusSeconds(3)));
        reading.await();
        java.util.concurrent.atomic.AtomicReference<Thread> secondThread =
            new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.Future<java.util.Optional<HistoryPass.Outcome>> two =
            threads.submit(
                () -> {
                  secondThread.set(Thread.currentThread());
                  return second.runIfDue(NOW);
                });
        // until the second pass is parked behind the first one, or done without waiting
        while (!two.isDone()
            && (secondThread.get() == null
                || secondThread.get().getState() != Thread.State.WAITING)) {
          Thread.onSpinWait();
        }
        goOn.countDown();

        assertThat(two.get()).isEmpty();
        assertThat(harness.sim.stats().calls("LookupEvents"))
            .isEqualTo(one.get().orElseThrow().calls());
      }
      assertThat(cursor(harness).readFrom())
          .isEqualTo(NOW.plusSeconds(3).minus(Duration.ofDays(90)).plusSeconds(3600));
    }
  }

  @Test
  void aPassBeforeAnyFunctionIsKnownReadsNothingAndLeavesTheCursor() {
    try (CollectorHarness harness =
        CollectorHarness.start(
            DatabaseKind.H2,
            SimulatorSettings.defaults().withFunctions(5).withSeed(11),
            CollectorHarness.testSettings(),
            NOW)) {
      Shard shard = new Shard(harness.account(), CollectorHarness.REGION);
      HistoryStore history = new HistoryStore(harness.dsl(), harness.clock);
      try (ShardClients clients =
          harness.clients.clientsFor(AwsAccount.defaultCredentials(), shard)) {
        HistoryPass pass =
            new HistoryPass(
                shard.accountId(),
                shard.region(),
                history,
                new io.lambdaledger.db.UsageRollupStore(harness.dsl(), harness.clock),
                clients.cloudTrail(),
                () -> {});

        assertThat(pass.runIfDue(NOW).orElseThrow().calls()).isZero();
        assertThat(history.cursor(shard.accountId(), shard.region(), HistoryPass.CLOUDTRAIL))
            .isEmpty();
        assertThat(pass.due(NOW)).isTrue();
      }
    }
  }
}
