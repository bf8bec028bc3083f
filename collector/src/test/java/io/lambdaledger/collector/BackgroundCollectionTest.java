package io.lambdaledger.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.db.testing.DatabaseKind;
import io.lambdaledger.sim.Faults;
import io.lambdaledger.sim.SimulatorSettings;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackgroundCollectionTest {

  private static final Instant START = Instant.parse("2026-09-01T00:00:00Z");

  @Test
  void collectNowStartsOneCycleInTheBackgroundAndAnswersWithItWhileItRuns() throws Exception {
    SimulatorSettings simulator =
        CollectorHarness.simulation(20, 1, START)
            .withFaults(Faults.parse("ListFunctions.latency=400ms"));
    try (CollectorHarness harness =
            CollectorHarness.start(
                DatabaseKind.H2,
                simulator,
                CollectorHarness.testSettings(),
                START.plusSeconds(86_400));
        BackgroundCollection background =
            new BackgroundCollection(harness.collector(false), harness.clock)) {

      BackgroundCollection.Started first = background.start();
      BackgroundCollection.Started second = background.start();

      assertThat(first.started()).isTrue();
      assertThat(second.started()).isFalse();
      assertThat(second.id()).isEqualTo(first.id());
      while (background.isRunning()) {
        Thread.sleep(20);
      }
      assertThat(background.lastReport())
          .hasValueSatisfying(r -> assertThat(r.succeeded()).isTrue());
      BackgroundCollection.Started third = background.start();
      assertThat(third.started()).isTrue();
      assertThat(third.id()).isNotEqualTo(first.id());
    }
  }
}
