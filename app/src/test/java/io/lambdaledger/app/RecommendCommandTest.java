package io.lambdaledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lambdaledger.sim.AwsSimulator;
import io.lambdaledger.sim.SimulatorSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recommend} after {@code collect} against the simulator's planted savings cases, with only
 * the standard AWS environment variables: it reads the REPORT lines with Logs Insights within the
 * budget, prints a table or JSON, and a second run reads nothing again.
 */
class RecommendCommandTest {

  private static AwsSimulator simulator;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    simulator = savingsSimulator();
    CommandRun collect =
        MigrateCommandTest.run(
            environment(), "collect", "--from", "2026-11-15", "--to", "2026-11-20");
    assertThat(collect.exitCode()).as(collect.err()).isZero();
  }

  /** Ten functions with the planted savings cases, at 2026-11-20T06:00Z. */
  static AwsSimulator savingsSimulator() {
    return AwsSimulator.start(
        SimulatorSettings.defaults()
            .withFunctions(10)
            .withSeed(3)
            .withSavingsCases(true)
            .withClock(Clock.fixed(Instant.parse("2026-11-20T06:00:00Z"), ZoneOffset.UTC)));
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static Map<String, String> environment() {
    Map<String, String> environment =
        SimulatedAws.environment(simulator, "AKIDRECOMMENDTEST", "not-a-secret");
    environment.put("LEDGER_DB_URL", "jdbc:h2:file:" + dir.resolve("ledger"));
    return environment;
  }

  @Test
  void scansWithinTheBudgetAndPrintsTheRecommendationsAsJsonThenAsATable() throws Exception {
    CommandRun json =
        MigrateCommandTest.run(
            environment(),
            "recommend",
            "--as-of",
            "2026-11-20",
            "--lookback-days",
            "5",
            "--scan-budget",
            "0.10",
            "--format",
            "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    assertThat(json.err()).contains("Logs Insights:").contains("of $0.10 spent this month");
    JsonNode body = new ObjectMapper().readTree(json.out());
    assertThat(body.get("logsInsights").get("queriesThisMonth").asLong()).isPositive();
    assertThat(body.get("logsInsights").get("bytesScannedThisMonth").asLong())
        .isEqualTo(simulator.logsInsightsBytesScanned());
    Map<String, String> kinds = new HashMap<>();
    for (JsonNode item : body.get("items")) {
      kinds.merge(
          item.get("functionName").asText(), item.get("kind").asText(), (a, b) -> a + "," + b);
    }
    assertThat(kinds)
        .containsEntry("savings-memory-1", "memory")
        .containsEntry("savings-idle-pc-2", "provisionedConcurrency")
        .containsEntry("savings-arm64-3", "arm64")
        .doesNotContainKey("savings-well-sized-1");

    long scanned = simulator.logsInsightsBytesScanned();
    CommandRun table =
        MigrateCommandTest.run(
            environment(), "recommend", "--as-of", "2026-11-20", "--lookback-days", "5");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.err()).contains("Logs Insights: 0 queries, 0 bytes scanned");
    assertThat(simulator.logsInsightsBytesScanned()).isEqualTo(scanned);
    assertThat(table.out())
        .contains("KIND")
        .contains("remove provisioned concurrency of 10")
        .contains("lower memory from 2048 MB to 384 MB")
        .contains(body.get("items").size() + " recommendations");
  }

  @Test
  void badFlagsAreUsageErrors() {
    assertThat(MigrateCommandTest.run(environment(), "recommend", "--format", "xml").exitCode())
        .isEqualTo(2);
    assertThat(
            MigrateCommandTest.run(environment(), "recommend", "--lookback-days", "0").exitCode())
        .isEqualTo(2);
    assertThat(MigrateCommandTest.run(environment(), "recommend", "--as-of", "soon").exitCode())
        .isEqualTo(2);
  }
}
