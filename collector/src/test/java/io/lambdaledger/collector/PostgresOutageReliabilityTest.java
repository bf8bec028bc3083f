package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.AccountScope;
import io.lambdaledger.core.model.CollectionRun;
import io.lambdaledger.core.model.RunStatus;
import io.lambdaledger.core.model.Watermark;
import io.lambdaledger.db.CollectionRunStore;
import io.lambdaledger.db.Database;
import io.lambdaledger.db.DatabaseSettings;
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
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reliability suite, PostgreSQL outage in the middle of a cycle: the cycle must end FAILED and be
 * recorded so (at the next cycle when the database was still away as it ended), the same collector
 * and pool must keep going, and the next cycles must catch up to exactly the truth. Two ways to
 * take PostgreSQL away:
 *
 * <ul>
 *   <li>in every build, a {@link TcpProxy} between the collector and the shared server: the moment
 *       the collector sends its next statement it cuts every connection and refuses new ones until
 *       the cycle has ended;
 *   <li>with {@code bench/reliability --real-postgres-restart} only (tag {@code restarts-postgres},
 *       excluded from the build like the benchmarks), the machine's server itself is stopped
 *       ({@code reliability.postgresStop}) once the cycle reads, and started again ({@code
 *       reliability.postgresStart}) when the cycle has failed.
 * </ul>
 */
class PostgresOutageReliabilityTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant FIRST_CYCLE = START.plus(Duration.ofHours(2)).plusSeconds(30);
  private static final Duration INTERVAL = Duration.ofMinutes(15);
  private static final Duration OUTAGE = Duration.ofMillis(1500);
  private static final Pattern HOST_PORT =
      Pattern.compile("^jdbc:postgresql://([^/:?]+)(?::(\\d+))?/");

  static List<Integer> runs() {
    return ReliabilityLog.runs();
  }

  /** Takes PostgreSQL away while {@code cycle} runs; returns the cycle's report. */
  private interface Outage {
    CycleReport during(CompletableFuture<CycleReport> cycle) throws Exception;

    /** How the outage was made, for the results table. */
    String description();

    long injected();
  }

  @ParameterizedTest(name = "run {0}")
  @MethodSource("runs")
  void anOutageMidCycleFailsThatCycleCleanlyAndTheNextCatchUp(int run) throws Exception {
    try (CollectorHarness harness = harness(7_000L + run, "300ms");
        TcpProxy proxy = proxyTo(harness.databaseSettings.url());
        Database proxied = Database.open(throughProxy(harness.databaseSettings, proxy))) {
      Outage cut =
          new Outage() {
            @Override
            public CycleReport during(CompletableFuture<CycleReport> cycle) throws Exception {
              proxy.cutOnNextRequest();
              await(proxy::isDown, "the cycle's next statement meets the outage");
              Thread.sleep(OUTAGE.toMillis());
              try {
                // down until the cycle has ended, so that its end cannot be recorded at once
                return cycle.get(120, TimeUnit.SECONDS);
              } finally {
                proxy.up();
              }
            }

            @Override
            public String description() {
              return "TCP proxy cuts every connection at the cycle's next statement and refuses"
                  + " new ones until the cycle has ended (its FAILED outcome is recorded at the"
                  + " next cycle); the same process runs on; refused: "
                  + proxy.connectionsRefused();
            }

            @Override
            public long injected() {
              return proxy.connectionsCut() + proxy.connectionsRefused();
            }
          };
      check(
          harness,
          harness.collector(proxied, "behind-proxy"),
          7_000L + run,
          "collector: PostgreSQL outage mid-cycle (proxy)",
          cut);
      assertThat(proxy.connectionsCut()).as("connections cut").isPositive();
    }
  }

  @Tag("restarts-postgres")
  @ParameterizedTest(name = "run {0}")
  @MethodSource("runs")
  void postgresqlStoppedMidCycleFailsThatCycleAndTheNextCatchUpAfterItsRestart(int run)
      throws Exception {
    String stop = System.getProperty("reliability.postgresStop");
    String start = System.getProperty("reliability.postgresStart");
    assertThat(stop)
        .as("-Dreliability.postgresStop: the command that stops PostgreSQL")
        .isNotBlank();
    assertThat(start).as("-Dreliability.postgresStart").isNotBlank();
    // GetMetricData answers after 4 s: the server is down before the cycle writes what it read
    try (CollectorHarness harness = harness(8_000L + run, "4s")) {
      Outage restart =
          new Outage() {
            long downSeconds;

            @Override
            public CycleReport during(CompletableFuture<CycleReport> cycle) throws Exception {
              long downAt = System.nanoTime();
              command(stop);
              try {
                return cycle.get(120, TimeUnit.SECONDS);
              } finally {
                command(start);
                downSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - downAt);
                await(() -> answers(harness.database), "PostgreSQL answers again");
              }
            }

            @Override
            public String description() {
              return "`"
                  + stop
                  + "` after the cycle's first GetMetricData call, `"
                  + start
                  + "` once the cycle had ended; down "
                  + downSeconds
                  + " s; the same process runs on";
            }

            @Override
            public long injected() {
              return 1;
            }
          };
      check(
          harness,
          harness.collector(harness.database, "restart"),
          8_000L + run,
          "collector: PostgreSQL server stopped and restarted mid-cycle (real)",
          restart);
    }
  }

  private static CollectorHarness harness(long seed, String getMetricDataLatency) {
    SimulatorSettings simulator =
        CollectorHarness.simulation(24, seed, START)
            .withFaults(Faults.parse("GetMetricData.latency=" + getMetricDataLatency));
    CollectorSettings settings = CollectorHarness.testSettings().withInterval(INTERVAL);
    return CollectorHarness.start(DatabaseKind.POSTGRESQL, simulator, settings, FIRST_CYCLE);
  }

  /**
   * Two clean cycles, one that meets {@code outage} once it reads CloudWatch, six more; then the
   * outage cycle must have failed and been recorded, and every final function-hour must equal the
   * truth.
   */
  private static void check(
      CollectorHarness harness, Collector collector, long seed, String scenario, Outage outage)
      throws Exception {
    long started = System.nanoTime();
    List<ShardReport> reports = new ArrayList<>();
    for (int cycle = 0; cycle < 2; cycle++) {
      reports.addAll(collector.runOnce().shards());
      harness.clock.advance(INTERVAL);
    }

    long callsBefore = harness.sim.stats().calls("GetMetricData");
    CompletableFuture<CycleReport> outageCycle = CompletableFuture.supplyAsync(collector::runOnce);
    await(() -> harness.sim.stats().calls("GetMetricData") > callsBefore, "the cycle reads");
    CycleReport failed = outage.during(outageCycle);
    harness.clock.advance(INTERVAL);

    for (int cycle = 0; cycle < 6; cycle++) {
      reports.addAll(collector.runOnce().shards());
      harness.clock.advance(INTERVAL);
    }

    List<CollectionRun> runs =
        new CollectionRunStore(harness.dsl()).recent(100, AccountScope.all());
    Watermark watermark = harness.watermark();
    Instant from = START.plus(Duration.ofHours(2));
    Instant to = TimeWindow.floor(watermark.completeTo(), Duration.ofHours(1));
    assertThat(to).as("the watermark passed a whole hour after %s", from).isAfter(from);
    CollectorHarness.Comparison comparison = harness.compareWithTruth(from, to);
    boolean recordedFailed =
        runs.stream().anyMatch(r -> r.status() == RunStatus.FAILED && r.error() != null);
    boolean passed =
        !failed.succeeded()
            && recordedFailed
            && runs.stream().noneMatch(r -> r.status() == RunStatus.RUNNING)
            && !reports.getLast().failed()
            && comparison.compared() > 0
            && comparison.lost() == 0
            && comparison.doubleCounted() == 0;
    ReliabilityLog.append(
        new ReliabilityLog.Row(
            scenario,
            seed,
            outage.description(),
            outage.injected(),
            comparison.compared(),
            "function-hours",
            comparison.lost(),
            comparison.doubleCounted(),
            passed,
            ReliabilityLog.secondsSince(started)));

    assertThat(failed.succeeded()).as("the cycle that met the outage failed").isFalse();
    assertThat(failed.failures().getFirst().error()).isNotBlank();
    assertThat(runs)
        .as("the failed cycle is recorded as FAILED, none is left RUNNING")
        .anyMatch(r -> r.status() == RunStatus.FAILED && r.error() != null)
        .noneMatch(r -> r.status() == RunStatus.RUNNING);
    assertThat(reports.getLast().failed()).as("the cycles after the outage succeed").isFalse();
    assertThat(watermark.completeTo())
        .as("the next cycles caught up")
        .isAfter(FIRST_CYCLE.plus(Duration.ofHours(1)));
    assertThat(harness.assertNothingLost(comparison, from, to)).isPositive();
  }

  private static TcpProxy proxyTo(String url) throws IOException {
    Matcher matcher = HOST_PORT.matcher(url);
    assertThat(matcher.find()).as("a PostgreSQL URL with a host: %s", url).isTrue();
    int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
    return new TcpProxy(matcher.group(1), port);
  }

  private static DatabaseSettings throughProxy(DatabaseSettings direct, TcpProxy proxy) {
    String url =
        HOST_PORT
            .matcher(direct.url())
            .replaceFirst("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/");
    return new DatabaseSettings(url, direct.user(), direct.password());
  }

  private static void command(String command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("sh", "-c", command).inheritIO().start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command + " ends").isTrue();
    assertThat(process.exitValue()).as(command + " exit code").isZero();
  }

  private static boolean answers(Database database) {
    try {
      database.dsl().selectOne().fetch();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within 60 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
