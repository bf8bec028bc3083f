package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.db.CollectionRunStore;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * db-scheduler runs one recurring task per account and region; two schedulers on one PostgreSQL
 * split the shards and never run the same shard twice at once.
 */
class CollectionSchedulerTest {

  private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-south-1");

  @OnEachDatabase
  void aSchedulerRunsEveryShardAgainAndAgain(DatabaseKind kind) throws Exception {
    try (CollectorHarness harness = realTimeHarness(kind)) {
      Collector collector = harness.collector(false, "only", REGIONS);
      try (CollectionScheduler scheduler =
          new CollectionScheduler(
              collector, harness.database.dataSource(), Duration.ofMillis(200))) {
        scheduler.start();
        awaitRuns(harness, 2 * REGIONS.size());
      }

      Map<String, List<CollectionRun>> byRegion = finishedRunsByRegion(harness);
      assertThat(byRegion.keySet()).containsExactlyInAnyOrderElementsOf(REGIONS);
      assertThat(byRegion.values()).allSatisfy(runs -> assertThat(runs).hasSizeGreaterThan(1));
    }
  }

  @Test
  void twoSchedulersOnOnePostgresqlSplitTheShardsAndNeverRunOneTwiceAtOnce() throws Exception {
    try (CollectorHarness harness = realTimeHarness(DatabaseKind.POSTGRESQL)) {
      Collector first = harness.collector(true, "first", REGIONS);
      Collector second = harness.collector(true, "second", REGIONS);
      Database firstPool = harness.extraDatabases.get(0);
      Database secondPool = harness.extraDatabases.get(1);
      try (CollectionScheduler a =
              new CollectionScheduler(first, firstPool.dataSource(), Duration.ofMillis(100));
          CollectionScheduler b =
              new CollectionScheduler(second, secondPool.dataSource(), Duration.ofMillis(100))) {
        a.start();
        b.start();
        awaitRuns(harness, 5 * REGIONS.size());
        // db-scheduler promises exclusivity, not fairness: on an idle machine the first poller can
        // take every due shard for a while, so wait (bounded) until the second has taken one too.
        awaitInstances(harness, Set.of("first", "second"));
      }

      Map<String, List<CollectionRun>> byRegion = finishedRunsByRegion(harness);
      assertThat(byRegion.keySet()).containsExactlyInAnyOrderElementsOf(REGIONS);
      for (List<CollectionRun> runs : byRegion.values()) {
        for (int i = 1; i < runs.size(); i++) {
          assertThat(runs.get(i).startedAt())
              .as("a run of %s starts after the previous one finished", runs.get(i).region())
              .isAfterOrEqualTo(runs.get(i - 1).finishedAt());
        }
      }
      Set<String> instances =
          byRegion.values().stream()
              .flatMap(List::stream)
              .map(CollectionRun::instance)
              .collect(Collectors.toSet());
      assertThat(instances)
          .as("both schedulers took shards")
          .containsExactlyInAnyOrder("first", "second");
    }
  }

  /** Simulator and collector on the real clock: the scheduler's own timing is real. */
  private static CollectorHarness realTimeHarness(DatabaseKind kind) {
    Instant now = Instant.now();
    SimulatorSettings simulator =
        SimulatorSettings.defaults()
            .withFunctions(30)
            .withRegions(REGIONS)
            .withSeed(4)
            .withStart(now.minus(Duration.ofDays(1)))
            .withClock(Clock.systemUTC());
    CollectorSettings settings =
        CollectorHarness.testSettings().withInterval(Duration.ofMillis(300));
    return CollectorHarness.startRealTime(kind, simulator, settings);
  }

  private static void awaitRuns(CollectorHarness harness, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (finishedRunsByRegion(harness).values().stream().mapToInt(List::size).sum() < count) {
      assertThat(System.nanoTime()).as("%d runs within 90 s", count).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static void awaitInstances(CollectorHarness harness, Set<String> expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!finishedRunsByRegion(harness).values().stream()
        .flatMap(List::stream)
        .map(CollectionRun::instance)
        .collect(Collectors.toSet())
        .containsAll(expected)) {
      assertThat(System.nanoTime()).as("runs by %s within 90 s", expected).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static Map<String, List<CollectionRun>> finishedRunsByRegion(CollectorHarness harness) {
    return new CollectionRunStore(harness.dsl())
        .recent(1000, AccountScope.all()).stream()
            .filter(run -> run.status() != RunStatus.RUNNING)
            .sorted(Comparator.comparing(CollectionRun::startedAt))
            .collect(Collectors.groupingBy(CollectionRun::region));
  }
}
