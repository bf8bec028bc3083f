package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.Watermark;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.ReliabilityLog;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.OperationStats;
import io.lambdaledger.sim.SimulatorSettings;
import io.lambdaledger.sim.SimulatorStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reliability suite, collection under AWS faults: scheduled cycles run while the simulator injects
 * one kind of fault (throttling bursts, 5xx, latency, dropped connections, PartialData series, late
 * datapoints), then two clean cycles; every final function-hour must equal the simulator's truth
 * (nothing lost, nothing counted twice). Each scenario runs {@code reliability.repetitions} times
 * with different seeds and appends a row per run to {@code target/reliability/rows.tsv}.
 */
class CollectionFaultsReliabilityTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
  private static final Instant FIRST_CYCLE = START.plus(Duration.ofHours(2)).plusSeconds(30);
  private static final Duration INTERVAL = Duration.ofMinutes(15);
  private static final int FAULTY_CYCLES = 7;
  private static final int CLEAN_CYCLES = 2;

  /**
   * One kind of fault.
   *
   * @param faultsForCycle the simulator's faults during cycle {@code i} (0-based)
   * @param injected how many faults the simulator's stats show were injected
   */
  record Scenario(
      String name,
      String description,
      Duration lag,
      IntFunction<Faults> faultsForCycle,
      ToLongFunction<SimulatorStats> injected) {

    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Scenario> SCENARIOS =
      List.of(
          new Scenario(
              "throttling bursts",
              "in two of the cycles the next 12 GetMetricData and ListMetrics calls are throttled"
                  + " (more than the SDK's 10 attempts), plus 5 % of them at random (CloudWatch"
                  + " only: Lambda's 429 says Retry-After 1 s, which the SDK honours)",
              Duration.ofMinutes(3),
              cycle ->
                  Faults.parse(
                      "GetMetricData.throttle=0.05,ListMetrics.throttle=0.05"
                          + (cycle == 1 || cycle == 4
                              ? ",GetMetricData.throttleNext=12,ListMetrics.throttleNext=12"
                              : "")),
              stats -> sum(stats, OperationStats::throttled)),
          new Scenario(
              "server errors (5xx)",
              "15 % of calls answer 500; every third cycle the next 12 calls of each operation too",
              Duration.ofMinutes(3),
              cycle -> Faults.parse("error=0.15" + (cycle % 3 == 0 ? ",errorNext=12" : "")),
              stats -> sum(stats, OperationStats::serverErrors)),
          new Scenario(
              "latency",
              "20 ms added to every call, 250 ms to every GetMetricData call",
              Duration.ofMinutes(3),
              cycle -> Faults.parse("latency=20ms,GetMetricData.latency=250ms"),
              SimulatorStats::totalCalls),
          new Scenario(
              "dropped connections",
              "10 % of calls have their connection closed without an answer; the first 3"
                  + " GetMetricData calls of every cycle too",
              Duration.ofMinutes(3),
              cycle -> Faults.parse("drop=0.1,GetMetricData.dropNext=3"),
              stats -> sum(stats, OperationStats::dropped)),
          new Scenario(
              "partial data",
              "30 % of GetMetricData series are cut short and marked PartialData",
              Duration.ofMinutes(3),
              cycle -> Faults.parse("GetMetricData.partial=0.3"),
              stats -> stats.operation("GetMetricData").partialData()),
          new Scenario(
              "late data",
              "datapoints become visible only 12 minutes after their minute (every cycle reads"
                  + " periods still filling)",
              Duration.ofMinutes(12),
              cycle -> Faults.none(),
              stats -> stats.calls("GetMetricData")));

  static Stream<Arguments> runs() {
    return SCENARIOS.stream()
        .flatMap(
            scenario -> ReliabilityLog.runs().stream().map(run -> Arguments.of(scenario, run)));
  }

  @ParameterizedTest(name = "{0}, run {1}")
  @MethodSource("runs")
  void cyclesUnderTheFaultStoreExactlyTheTruth(Scenario scenario, int run) {
    long started = System.nanoTime();
    long seed = 1_000L * (SCENARIOS.indexOf(scenario) + 1) + run;
    SimulatorSettings simulator =
        CollectorHarness.simulation(24, seed, START).withLag(scenario.lag());
    CollectorSettings settings = CollectorHarness.testSettings().withInterval(INTERVAL);
    try (CollectorHarness harness =
        CollectorHarness.start(DatabaseKind.H2, simulator, settings, FIRST_CYCLE)) {
      Collector collector = harness.collector(false);
      collector.shards(); // the process names its account before the faults start
      List<ShardReport> reports = new ArrayList<>();
      for (int cycle = 0; cycle < FAULTY_CYCLES + CLEAN_CYCLES; cycle++) {
        harness.sim.setFaults(
            cycle < FAULTY_CYCLES ? scenario.faultsForCycle().apply(cycle) : Faults.none());
        reports.addAll(collector.runOnce().shards());
        harness.clock.advance(INTERVAL);
      }
      long injected = scenario.injected().applyAsLong(harness.sim.stats());
      long failedCycles = reports.stream().filter(ShardReport::failed).count();

      Watermark watermark = harness.watermark();
      Instant from = START.plus(Duration.ofHours(2));
      Instant to = TimeWindow.floor(watermark.completeTo(), Duration.ofHours(1));
      CollectorHarness.Comparison comparison = harness.compareWithTruth(from, to);
      boolean passed =
          injected > 0
              && comparison.compared() > 0
              && comparison.lost() == 0
              && comparison.doubleCounted() == 0;
      ReliabilityLog.append(
          new ReliabilityLog.Row(
              "collector: " + scenario.name(),
              seed,
              scenario.description() + "; failed cycles caught up: " + failedCycles,
              injected,
              comparison.compared(),
              "function-hours",
              comparison.lost(),
              comparison.doubleCounted(),
              passed,
              ReliabilityLog.secondsSince(started)));

      assertThat(injected).as("faults injected").isPositive();
      assertThat(reports.getLast().failed()).as("the last, clean cycle succeeds").isFalse();
      assertThat(watermark.completeTo())
          .as("the clean cycles caught up")
          .isAfter(FIRST_CYCLE.plus(Duration.ofHours(1)));
      assertThat(harness.assertNothingLost(comparison, from, to)).isPositive();
    }
  }

  private static long sum(SimulatorStats stats, ToLongFunction<OperationStats> counter) {
    return stats.operations().values().stream().mapToLong(counter).sum();
  }
}
