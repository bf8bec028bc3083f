package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.core.model.Watermark;
import io.lambdaledger.db.CollectionRunStore;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.WatermarkStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.ReliabilityLog;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatorSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reliability suite, the real thing: PostgreSQL itself is stopped in the middle of a cycle (after
 * the cycle has started reading CloudWatch, before it writes), the cycle must fail cleanly, and
 * after PostgreSQL is started again the same process must catch up to exactly the truth.
 *
 * <p>It stops the machine's PostgreSQL server, so it never runs in the normal build (tag {@code
 * restarts-postgres}, excluded like the benchmarks): {@code bench/reliability
 * --real-postgres-restart} runs it on a machine where nothing else uses PostgreSQL, with the stop
 * and start commands in {@code reliability.postgresStop} / {@code reliability.postgresStart}.
 */
@Tag("restarts-postgres")
class PostgresRestartReliabilityTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant FIRST_CYCLE = START.plus(Duration.ofHours(2)).plusSeconds(30);
  private static final Duration INTERVAL = Duration.ofMinutes(15);

  static List<Integer> runs() {
    return ReliabilityLog.runs();
  }

  @ParameterizedTest(name = "run {0}")
  @MethodSource("runs")
  void postgresqlStoppedMidCycleFailsThatCycleAndTheNextCatchUpAfterItsRestart(int run)
      throws Exception {
    String stop = System.getProperty("reliability.postgresStop");
    String start = System.getProperty("reliability.postgresStart");
    assertThat(stop)
        .as("-Dreliability.postgresStop (the command that stops PostgreSQL)")
        .isNotBlank();
    assertThat(start).as("-Dreliability.postgresStart").isNotBlank();
    long started = System.nanoTime();
    long seed = 8_000L + run;
    SimulatorSettings simulator =
        SimulatorSettings.defaults()
            .withFunctions(24)
            .withSeed(seed)
            .withStart(START)
            // long enough for PostgreSQL to be down before the cycle writes what it read
            .withFaults(Faults.parse("GetMetricData.latency=4s"));
    CollectorSettings settings = CollectorHarness.testSettings().withInterval(INTERVAL);
    try (CollectorHarness harness =
        CollectorHarness.start(DatabaseKind.POSTGRESQL, simulator, settings, FIRST_CYCLE)) {
      Database pool = harness.database;
      Collector collector = harness.collector(pool, "restart");
      List<ShardReport> reports = new ArrayList<>();
      for (int cycle = 0; cycle < 2; cycle++) {
        reports.addAll(collector.runOnce().shards());
        harness.clock.advance(INTERVAL);
      }

      long callsBefore = harness.sim.stats().calls("GetMetricData");
      CompletableFuture<CycleReport> outageCycle =
          CompletableFuture.supplyAsync(collector::runOnce);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (harness.sim.stats().calls("GetMetricData") == callsBefore) {
        assertThat(System.nanoTime()).as("the cycle reads within 60 s").isLessThan(deadline);
        Thread.sleep(5);
      }
      long downAt = System.nanoTime();
      run(stop);
      CycleReport outage;
      try {
        outage = outageCycle.get(120, TimeUnit.SECONDS);
      } finally {
        run(start);
      }
      long downSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - downAt);
      awaitDatabase(pool);
      harness.clock.advance(INTERVAL);

      for (int cycle = 0; cycle < 6; cycle++) {
        reports.addAll(collector.runOnce().shards());
        harness.clock.advance(INTERVAL);
      }

      List<CollectionRun> runs =
          new CollectionRunStore(harness.dsl()).recent(100, AccountScope.all());
      Watermark watermark =
          new WatermarkStore(harness.dsl())
              .find(harness.account(), CollectorHarness.REGION)
              .orElseThrow();
      Instant from = START.plus(Duration.ofHours(2));
      Instant to = TimeWindow.floor(watermark.completeTo(), Duration.ofHours(1));
      assertThat(to).as("the watermark passed a whole hour after %s", from).isAfter(from);
      CollectorHarness.Comparison comparison = harness.compareWithTruth(from, to);
      boolean passed =
          !outage.succeeded()
              && !reports.getLast().failed()
              && comparison.compared() > 0
              && comparison.lost() == 0
              && comparison.doubleCounted() == 0;
      ReliabilityLog.append(
          new ReliabilityLog.Row(
              "collector: PostgreSQL server stopped and restarted mid-cycle (real)",
              seed,
              "`"
                  + stop
                  + "` after the cycle's first GetMetricData call, `"
                  + start
                  + "` once the cycle had ended; down "
                  + downSeconds
                  + " s; the same process runs on",
              1,
              comparison.compared(),
              "function-hours",
              comparison.lost(),
              comparison.doubleCounted(),
              passed,
              ReliabilityLog.secondsSince(started)));

      assertThat(outage.succeeded()).as("the cycle that met the stopped server failed").isFalse();
      assertThat(outage.failures().getFirst().error()).isNotBlank();
      assertThat(runs)
          .as("no run is left RUNNING once the server is back")
          .noneMatch(r -> r.status() == RunStatus.RUNNING);
      assertThat(reports.getLast().failed()).as("the cycles after the restart succeed").isFalse();
      assertThat(comparison.lost()).as("function-hours lost").isZero();
      assertThat(comparison.doubleCounted()).as("function-hours counted twice").isZero();
      assertThat(harness.assertHoursMatchTruth(from, to)).isPositive();
    }
  }

  private static void run(String command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).inheritIO().start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command + " ends").isTrue();
    assertThat(process.exitValue()).as(command + " exit code").isZero();
  }

  private static void awaitDatabase(Database pool) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        pool.dsl().selectOne().fetch();
        return;
      } catch (RuntimeException e) {
        assertThat(System.nanoTime())
            .as("PostgreSQL answers again within 60 s")
            .isLessThan(deadline);
        Thread.sleep(200);
      }
    }
  }
}
