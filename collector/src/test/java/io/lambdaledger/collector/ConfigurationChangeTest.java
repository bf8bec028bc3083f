package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.core.model.FunctionKey;
import io.lambdaledger.core.model.UsageRollup;
import io.lambdaledger.db.Granularity;
import io.lambdaledger.db.UsageQuery;
import io.lambdaledger.db.UsageRollupStore;
import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.db.testing.OnEachDatabase;
import io.lambdaledger.sim.ConfigUsage;
import io.lambdaledger.sim.FunctionTruth;
import io.lambdaledger.sim.SimulatedFunction;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * A function whose memory (or architecture) changes in the middle of the month: the hourly
 * inventory notices the change up to an hour late, but the change is dated at Lambda's
 * LastModified, so every hour on each side is rolled up, and priced, with the configuration in
 * force then.
 */
class ConfigurationChangeTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");

  @OnEachDatabase
  void eachSideOfAMidMonthChangeIsPricedWithTheConfigurationInForce(DatabaseKind kind) {
    SimulatorSettings simulator = CollectorHarness.simulation(80, 5, START);
    CollectorSettings settings =
        CollectorHarness.testSettings().withInterval(Duration.ofMinutes(20));
    Instant monthEnd = Instant.parse("2026-09-30T23:00:00Z");
    try (CollectorHarness harness = CollectorHarness.start(kind, simulator, settings, monthEnd)) {
      SimulatedFunction changing =
          harness.sim.functions().stream()
              .filter(SimulatedFunction::changesConfiguration)
              .filter(function -> function.pattern().equals("STEADY"))
              .findFirst()
              .orElseThrow();
      Instant change = lastModified(harness, changing.name());
      assertThat(change).isAfter(START).isBefore(monthEnd);

      harness.clock.set(change.minus(Duration.ofHours(3)).plusSeconds(45));
      Collector collector = harness.collector(false);
      while (harness.clock.instant().isBefore(change.plus(Duration.ofHours(3)))) {
        assertThat(collector.runOnce().succeeded()).isTrue();
        harness.clock.advance(settings.interval());
      }

      FunctionKey key =
          new FunctionKey(harness.account(), CollectorHarness.REGION, changing.name());
      Instant from = change.minus(Duration.ofHours(2));
      Instant to = change.plus(Duration.ofHours(2));
      List<UsageRollup> rollups =
          new UsageRollupStore(harness.dsl(), harness.clock)
              .usageSeries(
                  UsageQuery.between(from, to).withFunctions(List.of(key)), Granularity.HOUR);
      assertThat(rollups).hasSize(4);
      for (UsageRollup rollup : rollups) {
        FunctionTruth truth =
            harness
                .sim
                .truth(
                    rollup.bucketStart(),
                    rollup.bucketStart().plus(Duration.ofHours(1)),
                    harness.account(),
                    CollectorHarness.REGION)
                .function(harness.account(), CollectorHarness.REGION, changing.name());
        assertThat(truth.configs()).hasSize(1);
        ConfigUsage inForce = truth.configs().get(0);
        assertThat(rollup.configuration().memoryMb())
            .as("memory at %s", rollup.bucketStart())
            .isEqualTo(inForce.memoryMb());
        assertThat(rollup.configuration().architecture().id())
            .as("architecture at %s", rollup.bucketStart())
            .isEqualTo(inForce.architecture());
        assertThat(rollup.usage().requests()).isEqualTo(inForce.invocations());
      }
      Map<Boolean, List<Integer>> memoryBySide =
          rollups.stream()
              .collect(
                  Collectors.partitioningBy(
                      rollup -> !rollup.bucketStart().isBefore(change),
                      Collectors.mapping(
                          rollup -> rollup.configuration().hashCode(), Collectors.toList())));
      assertThat(memoryBySide.get(false)).doesNotContainAnyElementsOf(memoryBySide.get(true));
    }
  }

  /** Lambda's LastModified of the function at the end of the month: when its change happened. */
  private static Instant lastModified(CollectorHarness harness, String name) {
    try (LambdaClient lambda = harness.simulatorClient(LambdaClient.builder())) {
      FunctionConfiguration function =
          lambda.listFunctionsPaginator().functions().stream()
              .filter(candidate -> candidate.functionName().equals(name))
              .findFirst()
              .orElseThrow();
      return InventoryReader.parseLastModified(function.lastModified());
    }
  }
}
