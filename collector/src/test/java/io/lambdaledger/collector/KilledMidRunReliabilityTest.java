package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.db.CollectionRunStore;
import io.lambdaledger.db.DatabaseSettings;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.ReliabilityLog;
import io.lambdaledger.db.testing.TestDatabases;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatorSettings;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reliability suite, SIGKILL: a collector process is killed ({@code destroyForcibly}, SIGKILL on
 * Linux) in the middle of a backfill, with some calls of a window stored and others not; run again,
 * it finishes the work and every hour equals the truth. Runs {@code reliability.repetitions} times
 * per database, each with its own seed.
 */
class KilledMidRunReliabilityTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-09-04T02:00:00Z");
  private static final Instant TO = START.plus(Duration.ofDays(3));
  private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

  @TempDir Path directory;

  static Stream<Arguments> runs() {
    return TestDatabases.kinds()
        .flatMap(
            kind ->
                ReliabilityLog.runs().stream().map(repetition -> Arguments.of(kind, repetition)));
  }

  @ParameterizedTest(name = "{0}, run {1}")
  @MethodSource("runs")
  void aRunKilledHalfwayIsFinishedByTheNextAndTheTotalsAreExact(DatabaseKind kind, int repetition)
      throws Exception {
    long started = System.nanoTime();
    long seed = 7L + repetition;
    SimulatorSettings simulator =
        CollectorHarness.simulation(40, seed, START)
            .withFaults(Faults.parse("GetMetricData.latency=150ms"));
    CollectorSettings settings = CollectorHarness.testSettings().withPeriod(ONE_MINUTE);
    try (CollectorHarness harness =
        kind == DatabaseKind.H2
            ? CollectorHarness.onH2File(h2File(), simulator, settings, NOW)
            : CollectorHarness.start(kind, simulator, settings, NOW)) {

      Process child = startCollectorProcess(harness);
      try {
        // one day at 1-minute periods is several calls: kill inside the second day
        awaitGetMetricDataCalls(harness, child, 5);
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      List<CollectionRun> afterKill =
          new CollectionRunStore(harness.dsl()).recent(100, AccountScope.all());
      assertThat(afterKill).anyMatch(run -> run.status() == RunStatus.RUNNING);
      assertThat(afterKill).anyMatch(run -> run.status() == RunStatus.SUCCEEDED);

      harness.sim.setFaults(Faults.none());
      harness.clock.advance(Duration.ofMinutes(61));
      CycleReport rerun = harness.collector(false).backfill(START, TO, Progress.none());

      List<CollectionRun> runs =
          new CollectionRunStore(harness.dsl()).recent(100, AccountScope.all());
      CollectorHarness.Comparison comparison = harness.compareWithTruth(START, TO);
      ReliabilityLog.append(
          new ReliabilityLog.Row(
              "collector: SIGKILL mid-run, restarted (" + kind + ")",
              seed,
              "a collector process is killed with SIGKILL after 5 GetMetricData calls of a 3-day"
                  + " backfill at 1-minute periods; a new collector runs the same backfill",
              1,
              comparison.compared(),
              "function-hours",
              comparison.lost(),
              comparison.doubleCounted(),
              rerun.succeeded()
                  && comparison.lost() == 0
                  && comparison.doubleCounted() == 0
                  && runs.stream().noneMatch(r -> r.status() == RunStatus.RUNNING),
              ReliabilityLog.secondsSince(started)));

      assertThat(rerun.succeeded()).as("%s", rerun.failures()).isTrue();
      assertThat(rerun.shards()).as("the finished day is skipped").hasSizeLessThan(3);
      harness.assertNothingLost(comparison, START, TO);
      assertThat(runs).noneMatch(run -> run.status() == RunStatus.RUNNING);
      assertThat(runs).anyMatch(run -> run.status() == RunStatus.ABANDONED);
    }
  }

  /** A file database both processes can open (the first serves the second). */
  private DatabaseSettings h2File() {
    return new DatabaseSettings(
        "jdbc:h2:file:" + directory.resolve("ledger").toAbsolutePath() + ";AUTO_SERVER=TRUE",
        null,
        null);
  }

  private static Process startCollectorProcess(CollectorHarness harness) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            CollectorProcessMain.class.getName(),
            harness.sim.endpoint().toString(),
            harness.databaseSettings.url(),
            NOW.toString(),
            Long.toString(ONE_MINUTE.toSeconds()),
            START.toString(),
            TO.toString());
    builder.redirectErrorStream(true);
    builder.redirectOutput(new File(System.getProperty("java.io.tmpdir"), "collector-child.log"));
    return builder.start();
  }

  private static void awaitGetMetricDataCalls(CollectorHarness harness, Process child, long calls)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (harness.sim.stats().calls("GetMetricData") < calls) {
      assertThat(child.isAlive()).as("the collector process is still running").isTrue();
      assertThat(System.nanoTime()).as("the collector process made its calls").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
