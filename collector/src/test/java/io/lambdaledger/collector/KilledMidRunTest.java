package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.db.CollectionRunStore;
import io.lambdaledger.db.DatabaseSettings;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatorSettings;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A collector process is killed (SIGKILL) in the middle of a run, with some calls of a window
 * stored and others not; run again, it finishes the work and every hour equals the truth.
 */
class KilledMidRunTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-09-04T02:00:00Z");
  private static final Instant TO = START.plus(Duration.ofDays(3));
  private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

  @TempDir Path directory;

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.lambdaledger.db.testing.TestDatabases#kinds")
  void aRunKilledHalfwayIsFinishedByTheNextAndTheTotalsAreExact(DatabaseKind kind)
      throws Exception {
    SimulatorSettings simulator =
        SimulatorSettings.defaults()
            .withFunctions(40)
            .withSeed(8)
            .withStart(START)
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

      assertThat(rerun.succeeded()).as("%s", rerun.failures()).isTrue();
      assertThat(rerun.shards()).as("the finished day is skipped").hasSizeLessThan(3);
      harness.assertHoursMatchTruth(START, TO);
      List<CollectionRun> runs =
          new CollectionRunStore(harness.dsl()).recent(100, AccountScope.all());
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
