package io.lambdaledger.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadTest {

  static final long START = Instant.parse("2026-10-01T00:00:00Z").getEpochSecond();
  static final Workload WORKLOAD =
      new Workload(11, 2000, 2, List.of("us-east-1", "eu-west-1"), START);

  @Test
  void theEstateMixesIdleSteadyDiurnalAndBurstyFunctions() {
    Map<TrafficPattern, Integer> counts = new EnumMap<>(TrafficPattern.class);
    WORKLOAD.functions().forEach(f -> counts.merge(f.pattern, 1, Integer::sum));
    assertThat(counts.get(TrafficPattern.IDLE)).isBetween(600, 800);
    assertThat(counts.get(TrafficPattern.STEADY)).isBetween(300, 500);
    assertThat(counts.get(TrafficPattern.DIURNAL)).isBetween(500, 700);
    assertThat(counts.get(TrafficPattern.BURSTY)).isBetween(200, 400);
  }

  @Test
  void configurationsSpanTheRangesLambdaAllows() {
    List<FunctionProfile> functions = WORKLOAD.functions();
    assertThat(functions)
        .allSatisfy(
            f -> {
              FunctionConfig c = f.configAt(START);
              assertThat(c.memoryMb()).isBetween(128, 10_240);
              assertThat(c.ephemeralStorageMb()).isBetween(512, 10_240);
              assertThat(c.architecture()).isIn("x86_64", "arm64");
            });
    assertThat(functions).anyMatch(f -> f.provisionedConcurrency > 0);
    assertThat(functions).anyMatch(f -> f.stream);
    assertThat(functions).anyMatch(f -> f.deadLetterQueue);
    assertThat(functions).anyMatch(f -> f.throttleRate > 0);
    assertThat(functions).filteredOn(f -> f.changes).hasSizeBetween(100, 250);
    assertThat(WORKLOAD.functions("" + WORKLOAD.accounts().get(1), "eu-west-1")).hasSize(500);
  }

  @Test
  void aChangingFunctionTogglesItsConfigurationOnceAMonth() {
    FunctionProfile f = WORKLOAD.functions().stream().filter(x -> x.changes).findFirst().get();
    int changes = 0;
    int previous = f.configIndexAt(START);
    for (long t = START; t < START + 92L * 86_400; t += 3_600) {
      int index = f.configIndexAt(t);
      if (index != previous) {
        changes++;
        assertThat(f.lastModifiedAt(t)).isLessThanOrEqualTo(t).isGreaterThan(t - 3_600);
      }
      previous = index;
    }
    assertThat(changes).isEqualTo(3);
    assertThat(f.config(0)).isNotEqualTo(f.config(1));
  }

  @Test
  void aMinuteIsTheSameWhicheverOrderMinutesAreGeneratedIn() {
    FunctionProfile f =
        WORKLOAD.functions().stream()
            .filter(x -> x.pattern == TrafficPattern.STEADY)
            .findFirst()
            .get();
    long minute = START / 60 + 50_000;
    Minute direct = new Minute();
    WORKLOAD.fill(f, minute, new Rng(0), direct);
    Rng rng = new Rng(0);
    Minute other = new Minute();
    for (long m = minute - 100; m < minute; m++) {
      WORKLOAD.fill(f, m, rng, other);
    }
    WORKLOAD.fill(f, minute, rng, other);
    assertThat(other).usingRecursiveComparison().isEqualTo(direct);
  }

  @Test
  void theDurationModelAveragesNearTheFunctionsMedianTimesTheLogNormalMeanFactor() {
    FunctionProfile f =
        WORKLOAD.functions().stream()
            .filter(x -> x.pattern == TrafficPattern.STEADY && x.baseRate > 20 && !x.changes)
            .findFirst()
            .get();
    Minute total = new Minute();
    Minute minute = new Minute();
    Rng rng = new Rng(0);
    for (long m = START / 60; m < START / 60 + 5_000; m++) {
      WORKLOAD.fill(f, m, rng, minute);
      total.add(minute);
    }
    double mean = (double) total.durationMicros / total.invocations;
    double expected =
        Math.min(f.medianMicros[0] * Math.exp(f.sigma * f.sigma / 2), f.timeoutMicros());
    assertThat(mean).isCloseTo(expected, within(expected * 0.1));
    assertThat((double) total.invocations / 5_000).isCloseTo(f.baseRate, within(f.baseRate * 0.05));
  }

  @Test
  void normalDrawsHaveMeanZeroAndUnitVariance() {
    Rng rng = new Rng(5);
    double sum = 0;
    double squares = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      double z = rng.nextGaussian();
      sum += z;
      squares += z * z;
    }
    assertThat(sum / n).isCloseTo(0, within(0.01));
    assertThat(squares / n).isCloseTo(1, within(0.02));
  }

  @Test
  void poissonCountsHaveTheRequestedMean() {
    Rng rng = new Rng(9);
    for (double mean : new double[] {0.05, 3, 29, 31, 500}) {
      long total = 0;
      int n = 100_000;
      for (int i = 0; i < n; i++) {
        total += rng.poisson(mean);
      }
      assertThat((double) total / n)
          .as("mean %s", mean)
          .isCloseTo(mean, within(mean * 0.03 + 0.003));
    }
  }
}
