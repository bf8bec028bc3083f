package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.ReliabilityLog;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reliability suite, several collectors on one PostgreSQL: two or three collectors (each with its
 * own pool, as separate processes would have) run the same backfill and the same cycles at the same
 * time under light throttling: every write is an upsert, so the totals stay exactly the truth.
 */
class ConcurrentCollectorsReliabilityTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  private static final String FAULTS =
      "throttle=0.05,GetMetricData.throttle=0.05,GetMetricData.error=0.02";

  static Stream<Arguments> runs() {
    return Stream.of(2, 3)
        .flatMap(count -> ReliabilityLog.runs().stream().map(run -> Arguments.of(count, run)));
  }

  @ParameterizedTest(name = "{0} collectors, run {1}")
  @MethodSource("runs")
  void collectorsRacingOnOnePostgresqlStoreExactlyTheTruth(int count, int run) {
    long started = System.nanoTime();
    long seed = 17L * count + 100L * run;
    SimulatorSettings simulator =
        CollectorHarness.simulation(40, seed, START)
            .withLag(Duration.ofMinutes(5))
            .withFaults(Faults.parse(FAULTS));
    CollectorSettings settings =
        CollectorHarness.testSettings().withInterval(Duration.ofMinutes(20));
    Instant now = START.plus(Duration.ofDays(2)).plusSeconds(95);
    try (CollectorHarness harness =
        CollectorHarness.start(DatabaseKind.POSTGRESQL, simulator, settings, now)) {
      List<Collector> collectors = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        collectors.add(harness.collector(true));
      }
      Instant backfillEnd = START.plus(Duration.ofDays(1));

      List<CycleReport> backfills =
          all(collectors, collector -> collector.backfill(START, backfillEnd, Progress.none()));
      for (int cycle = 0; cycle < 6; cycle++) {
        all(collectors, Collector::runOnce);
        harness.clock.advance(settings.interval());
      }

      Instant cyclesFrom = TimeWindow.ceil(now.minus(settings.lookback()), Duration.ofHours(1));
      Instant cyclesTo =
          TimeWindow.floor(
              harness.clock.instant().minus(Duration.ofMinutes(30)), Duration.ofHours(1));
      CollectorHarness.Comparison backfilled = harness.compareWithTruth(START, backfillEnd);
      CollectorHarness.Comparison cycled = harness.compareWithTruth(cyclesFrom, cyclesTo);
      long injected =
          harness.sim.stats().operations().values().stream()
              .mapToLong(stats -> stats.throttled() + stats.serverErrors())
              .sum();
      boolean backfillsSucceeded = backfills.stream().allMatch(CycleReport::succeeded);
      int lost = backfilled.lost() + cycled.lost();
      int doubleCounted = backfilled.doubleCounted() + cycled.doubleCounted();
      ReliabilityLog.append(
          new ReliabilityLog.Row(
              "collector: " + count + " collectors on one PostgreSQL",
              seed,
              count
                  + " collectors (own pools) run the same 1-day backfill, then 6 cycles, at the"
                  + " same time; "
                  + FAULTS,
              injected,
              backfilled.compared() + cycled.compared(),
              "function-hours",
              lost,
              doubleCounted,
              backfillsSucceeded && cycled.compared() > 0 && lost == 0 && doubleCounted == 0,
              ReliabilityLog.secondsSince(started)));

      assertThat(backfills).allSatisfy(report -> assertThat(report.succeeded()).isTrue());
      assertThat(lost).as("function-hours lost").isZero();
      assertThat(doubleCounted).as("function-hours counted twice").isZero();
      harness.assertHoursMatchTruth(START, backfillEnd);
      assertThat(harness.assertHoursMatchTruth(cyclesFrom, cyclesTo)).isPositive();
      assertThat(injected).as("faults injected").isPositive();
    }
  }

  /**
   * Runs the same thing on every collector at once, each on its own thread (the common pool may
   * have a single thread on a small machine); returns their results.
   */
  private static <T> List<T> all(List<Collector> collectors, Function<Collector, T> work) {
    try (ExecutorService threads = Executors.newFixedThreadPool(collectors.size())) {
      List<CompletableFuture<T>> futures =
          collectors.stream()
              .map(collector -> CompletableFuture.supplyAsync(() -> work.apply(collector), threads))
              .toList();
      return futures.stream().map(CompletableFuture::join).toList();
    }
  }
}
