package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The planted weekly seasonal pattern and the planted spike: both change the workload itself, so
 * the truth (and with it CloudWatch and the bill) shows them; the defaults plant neither.
 */
class PlantedTrafficTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  private static final Instant WEDNESDAY = Instant.parse("2026-11-18T00:00:00Z");
  private static final Instant SATURDAY = Instant.parse("2026-11-21T00:00:00Z");
  private static final Instant SPIKE_DAY = Instant.parse("2026-11-25T00:00:00Z"); // a Wednesday
  private static final Duration DAY = Duration.ofDays(1);

  private static SimulatorSettings settings() {
    return SimulatorSettings.defaults().withFunctions(30).withClock(CLOCK);
  }

  /** A busy function with a constant rate (no pattern of its own), from the same estate. */
  private static FunctionProfile steadyFunction() {
    Workload workload =
        new Workload(
            1, 30, 1, List.of("us-east-1"), Instant.parse("2026-11-01T00:00:00Z").getEpochSecond());
    return workload.functions().stream()
        .filter(f -> f.pattern == TrafficPattern.STEADY && f.baseRate > 5)
        .findFirst()
        .orElseThrow();
  }

  private static long invocations(AwsSimulator sim, String name, Instant from, Duration length) {
    Truth truth = sim.truth(from, from.plus(length));
    return truth.functions().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow()
        .invocations();
  }

  private static JsonNode truthJson(AwsSimulator sim) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            sim.endpoint()
                                + "/_sim/truth?from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body());
  }

  @Test
  void aFiveFoldSpikeMakesItsPeriodFiveTimesTheSamePeriodAWeekBefore() throws Exception {
    FunctionProfile target = steadyFunction();
    Spike spike = new Spike(target.name, SPIKE_DAY, DAY, 5);
    try (AwsSimulator plain = AwsSimulator.start(settings());
        AwsSimulator spiked = AwsSimulator.start(settings().withSpike(spike))) {
      long during = invocations(spiked, target.name, SPIKE_DAY, DAY);
      long weekBefore = invocations(spiked, target.name, SPIKE_DAY.minus(Duration.ofDays(7)), DAY);
      assertThat((double) during / weekBefore).isCloseTo(5, within(0.25));
      // the spike's day is the only thing that moved: the day before and every other function
      // are exactly as without it
      Instant dayBefore = SPIKE_DAY.minus(DAY);
      assertThat(invocations(spiked, target.name, dayBefore, DAY))
          .isEqualTo(invocations(plain, target.name, dayBefore, DAY));
      Truth withSpike = spiked.truth(SPIKE_DAY, SPIKE_DAY.plus(DAY));
      Truth without = plain.truth(SPIKE_DAY, SPIKE_DAY.plus(DAY));
      for (FunctionTruth f : withSpike.functions()) {
        if (!f.name().equals(target.name)) {
          assertThat(f).isEqualTo(without.function(f.account(), f.region(), f.name()));
        }
      }
      FunctionTruth spikedTruth = withSpike.function(target.account, target.region, target.name);
      assertThat(withSpike.cost(spikedTruth))
          .isGreaterThan(
              without
                  .cost(without.function(target.account, target.region, target.name))
                  .multiply(java.math.BigDecimal.valueOf(4)));

      JsonNode planted = truthJson(spiked).path("planted");
      assertThat(planted.path("seasonality").isNull()).isTrue();
      JsonNode s = planted.path("spike");
      assertThat(s.path("name").asText()).isEqualTo(target.name);
      assertThat(s.path("account").asText()).isEqualTo(target.account);
      assertThat(s.path("region").asText()).isEqualTo("us-east-1");
      assertThat(s.path("from").asText()).isEqualTo("2026-11-25T00:00:00Z");
      assertThat(s.path("to").asText()).isEqualTo("2026-11-26T00:00:00Z");
      assertThat(s.path("factor").asDouble()).isEqualTo(5.0);
    }
  }

  @Test
  void theSeasonalPatternMakesWeekendsTheConfiguredShareOfWeekdaysAndPeaksDaily() throws Exception {
    FunctionProfile target = steadyFunction();
    Seasonality seasonality = new Seasonality(0.4, 0.5, 14);
    try (AwsSimulator sim = AwsSimulator.start(settings().withSeasonality(seasonality))) {
      long saturday = invocations(sim, target.name, SATURDAY, DAY);
      long wednesday = invocations(sim, target.name, WEDNESDAY, DAY);
      assertThat((double) saturday / wednesday).isCloseTo(0.4, within(0.03));
      // the daily curve: 14:00 at 1.5 times the mean, 02:00 at 0.5 times
      long peak =
          invocations(sim, target.name, WEDNESDAY.plus(Duration.ofHours(14)), Duration.ofHours(1));
      long trough =
          invocations(sim, target.name, WEDNESDAY.plus(Duration.ofHours(2)), Duration.ofHours(1));
      assertThat((double) peak / trough).isCloseTo(3, within(0.4));

      JsonNode planted = truthJson(sim).path("planted");
      assertThat(planted.path("spike").isNull()).isTrue();
      assertThat(planted.path("seasonality").path("weekendFactor").asDouble()).isEqualTo(0.4);
      assertThat(planted.path("seasonality").path("dailyAmplitude").asDouble()).isEqualTo(0.5);
      assertThat(planted.path("seasonality").path("peakHourUtc").asInt()).isEqualTo(14);
    }
  }

  @Test
  void theDefaultsPlantNothingAndANeutralPatternChangesNothing() throws Exception {
    assertThat(SimulatorSettings.defaults().seasonality()).isNull();
    assertThat(SimulatorSettings.defaults().spike()).isNull();
    try (AwsSimulator plain = AwsSimulator.start(settings());
        AwsSimulator neutral =
            AwsSimulator.start(settings().withSeasonality(new Seasonality(1, 0, 0)))) {
      assertThat(truthJson(plain).has("planted")).isFalse();
      assertThat(neutral.truth(WEDNESDAY, SATURDAY.plus(DAY)).functions())
          .isEqualTo(plain.truth(WEDNESDAY, SATURDAY.plus(DAY)).functions());
    }
  }

  @Test
  void aSpikeOnAFunctionOutsideTheEstateOrOffTheMinuteIsRefused() {
    assertThatThrownBy(
            () ->
                AwsSimulator.start(
                    settings().withSpike(new Spike("no-such-function", SPIKE_DAY, DAY, 5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in the estate");
    assertThatThrownBy(() -> new Spike("f", SPIKE_DAY.plusSeconds(1), DAY, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Seasonality(0, 0.5, 14))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
