package io.lambdaledger.sim;

import static io.lambdaledger.sim.Queries.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/** What CloudWatch reports adds up to the simulator's ground truth, for any window. */
class GroundTruthTest {

  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @RegisterExtension
  static final SimulatedCloudWatch AWS = new SimulatedCloudWatch(TestSettings.at(NOW, 60, 7));

  @ParameterizedTest(name = "[{0}, {1}) at period {2}")
  @CsvSource({
    "2026-11-20T06:00:00Z, 2026-11-20T11:00:00Z, 60",
    "2026-11-20T06:13:00Z, 2026-11-20T11:47:00Z, 300",
    "2026-11-18T00:00:00Z, 2026-11-20T00:00:00Z, 3600",
    "2026-11-01T00:00:00Z, 2026-11-08T00:00:00Z, 86400"
  })
  void cloudWatchSumsOverAWindowEqualTheTruth(String from, String to, int period) {
    Instant start = Instant.parse(from);
    Instant end = Instant.parse(to);
    Truth truth = AWS.sim().truth(start, end);
    List<MetricDataQuery> queries = new ArrayList<>();
    List<FunctionTruth> lines = truth.functions();
    for (int i = 0; i < lines.size(); i++) {
      String name = lines.get(i).name();
      queries.add(query("inv" + i, name, "Invocations", "Sum", period));
      queries.add(query("dur" + i, name, "Duration", "Sum", period));
      queries.add(query("err" + i, name, "Errors", "Sum", period));
      queries.add(query("thr" + i, name, "Throttles", "Sum", period));
      queries.add(query("dlq" + i, name, "DeadLetterErrors", "Sum", period));
      queries.add(query("age" + i, name, "IteratorAge", "Maximum", period));
      queries.add(query("pci" + i, name, "ProvisionedConcurrencyInvocations", "Sum", period));
    }
    Map<String, Queries.Series> series =
        Queries.fetchAll(AWS.cw(), Queries.request(queries, start, end));

    assertThat(truth.invocations()).isPositive();
    for (int i = 0; i < lines.size(); i++) {
      FunctionTruth t = lines.get(i);
      assertThat(series.get("inv" + i).sum()).as(t.name()).isEqualTo(t.invocations());
      assertThat(series.get("dur" + i).sum())
          .as(t.name())
          .isCloseTo(t.durationMsSum().doubleValue(), within(1e-6 * (1 + t.billedMs())));
      assertThat(series.get("err" + i).sum()).as(t.name()).isEqualTo(t.errors());
      assertThat(series.get("thr" + i).sum()).as(t.name()).isEqualTo(t.throttles());
      assertThat(series.get("dlq" + i).sum()).as(t.name()).isEqualTo(t.deadLetterErrors());
      assertThat(series.get("pci" + i).sum())
          .as(t.name())
          .isEqualTo(t.provisionedConcurrencyInvocations());
      if (t.iteratorAgeMaxMs() == null) {
        assertThat(series.get("age" + i).values()).isEmpty();
      } else {
        assertThat(series.get("age" + i).max()).isEqualTo(t.iteratorAgeMaxMs().doubleValue());
      }
    }
  }

  @Test
  void billedMillisecondsRoundEachInvocationUp() {
    Truth truth = AWS.sim().truth(NOW.minus(Duration.ofDays(3)), NOW);
    for (FunctionTruth f : truth.functions()) {
      BigDecimal billed = BigDecimal.valueOf(f.billedMs());
      assertThat(billed).isGreaterThanOrEqualTo(f.durationMsSum());
      assertThat(billed)
          .isLessThan(
              f.durationMsSum().add(BigDecimal.valueOf(f.invocations())).add(BigDecimal.ONE));
      assertThat(f.configs().stream().mapToLong(ConfigUsage::billedMs).sum())
          .isEqualTo(f.billedMs());
      assertThat(f.configs().stream().mapToLong(ConfigUsage::invocations).sum())
          .isEqualTo(f.invocations());
    }
    assertThat(truth.billedMs()).isGreaterThan(truth.durationMsSum().longValue());
  }

  @Test
  void theTruthOfTwoAdjacentWindowsAddsUpToTheTruthOfBoth() {
    Instant a = Instant.parse("2026-11-10T00:00:00Z");
    Instant b = Instant.parse("2026-11-11T07:31:00Z");
    Instant c = Instant.parse("2026-11-12T00:00:00Z");
    Truth first = AWS.sim().truth(a, b);
    Truth second = AWS.sim().truth(b, c);
    Truth both = AWS.sim().truth(a, c);
    assertThat(first.invocations() + second.invocations()).isEqualTo(both.invocations());
    assertThat(first.billedMs() + second.billedMs()).isEqualTo(both.billedMs());
    assertThat(first.durationMsSum().add(second.durationMsSum()))
        .isEqualByComparingTo(both.durationMsSum());
  }

  @Test
  void thereIsNoDataBeforeTheStartNorAfterNow() {
    Instant start = AWS.sim().start();
    assertThat(start).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    assertThat(AWS.sim().truth(start.minus(Duration.ofDays(5)), start).invocations()).isZero();
    assertThat(AWS.sim().truth(NOW, NOW.plus(Duration.ofDays(5))).invocations()).isZero();
  }

  @Test
  void aFilteredTruthHasOnlyTheAccountAndRegionAskedFor() {
    try (AwsSimulator multi =
        AwsSimulator.start(
            SimulatorSettings.defaults()
                .withFunctions(40)
                .withAccounts(2)
                .withRegions(List.of("us-east-1", "eu-west-1"))
                .withClock(new MutableClock(NOW)))) {
      String second = multi.accounts().get(1);
      Truth truth = multi.truth(NOW.minus(Duration.ofHours(1)), NOW, second, "eu-west-1");
      assertThat(truth.functions()).hasSize(10);
      assertThat(truth.functions())
          .allSatisfy(
              f -> {
                assertThat(f.account()).isEqualTo(second);
                assertThat(f.region()).isEqualTo("eu-west-1");
              });
    }
  }
}
