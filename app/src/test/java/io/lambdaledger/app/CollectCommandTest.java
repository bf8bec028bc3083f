package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect} against the simulator with nothing but the standard AWS environment variables
 * ({@code AWS_ENDPOINT_URL}, {@code AWS_REGION}, keys) and an H2 file.
 */
class CollectCommandTest {

  private static AwsSimulator simulator;

  @TempDir Path dir;

  @BeforeAll
  static void startSimulator() {
    simulator =
        AwsSimulator.start(
            SimulatorSettings.defaults()
                .withFunctions(25)
                .withSeed(6)
                .withStart(Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.DAYS)));
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  private Map<String, String> environment(String endpoint) {
    Map<String, String> environment =
        SimulatedAws.environment(endpoint, "AKIDCOLLECTTEST", "not-a-secret");
    environment.put("LEDGER_DB_URL", "jdbc:h2:file:" + dir.resolve("ledger"));
    return environment;
  }

  @Test
  void collectOnceRunsOneCycleOverTheConfiguredRegionAndPrintsWhatItDid() {
    CommandRun run =
        MigrateCommandTest.run(environment(simulator.endpoint().toString()), "collect", "--once");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(simulator.accounts().get(0) + "/us-east-1 SUCCEEDED")
        .contains("GetMetricData=1")
        .contains("projectedMonthly=$");
  }

  @Test
  void aBackfillReadsDayByDayAndAGainIsResumedWithNothingLeftToDo() {
    Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
    String from = today.minus(Duration.ofDays(2)).toString().substring(0, 10);
    String to = today.toString().substring(0, 10);
    Map<String, String> environment = environment(simulator.endpoint().toString());

    CommandRun first = MigrateCommandTest.run(environment, "collect", "--from", from, "--to", to);
    CommandRun again = MigrateCommandTest.run(environment, "collect", "--from", from, "--to", to);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out().lines().filter(line -> line.contains(" SUCCEEDED "))).hasSize(2);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).isEmpty();
  }

  @Test
  void anUnreachableEndpointIsAFailureWithExitCodeOne() {
    CommandRun run = MigrateCommandTest.run(environment("http://127.0.0.1:1"), "collect", "--once");

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
    assertThat(run.err())
        .startsWith("lambda-ledger: cannot identify the account")
        .contains("Connection refused")
        .doesNotContain("\tat ");
  }

  @Test
  void aShardThatFailsMidCycleGivesExitCodeOneAndSaysWhich() {
    Map<String, String> environment = environment(simulator.endpoint().toString());
    simulator.setFaults(io.lambdaledger.sim.Faults.parse("GetMetricData.error=1"));
    try {
      CommandRun run = MigrateCommandTest.run(environment, "collect", "--once");

      assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
      assertThat(run.out()).contains(" FAILED ");
      assertThat(run.err())
          .contains("1 of 1 collection runs failed: " + simulator.accounts().get(0) + "/us-east-1");
    } finally {
      simulator.setFaults(io.lambdaledger.sim.Faults.none());
    }
  }

  @Test
  void badFlagsAreUsageErrors() {
    Map<String, String> environment = environment(simulator.endpoint().toString());

    assertThat(MigrateCommandTest.run(environment, "collect").exitCode())
        .isEqualTo(Main.EXIT_USAGE);
    assertThat(
            MigrateCommandTest.run(environment, "collect", "--once", "--from", "2026-01-01")
                .exitCode())
        .isEqualTo(Main.EXIT_USAGE);
    CommandRun badDate = MigrateCommandTest.run(environment, "collect", "--from", "last tuesday");
    assertThat(badDate.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(badDate.err()).contains("--from 'last tuesday' is not an ISO instant or date");
    CommandRun tooOld =
        MigrateCommandTest.run(
            environment, "collect", "--from", "2020-01-01", "--to", "2020-02-01");
    assertThat(tooOld.exitCode()).isEqualTo(Main.EXIT_USAGE);
    assertThat(tooOld.err()).contains("455 days");
  }
}
