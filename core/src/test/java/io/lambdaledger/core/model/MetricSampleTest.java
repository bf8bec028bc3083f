package io.lambdaledger.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricSampleTest {

  private static final FunctionKey KEY = new FunctionKey("111111111111", "us-east-1", "api");
  private static final Instant START = Instant.parse("2026-10-01T10:05:00Z");

  @Test
  void aBuiltSampleHasZeroCountersAndUnknownMaximaUnlessSet() {
    MetricSample sample =
        MetricSample.builder(KEY, START, 300)
            .invocations(3)
            .durationMsSum(new BigDecimal("12.5"))
            .collectedAt(START.plusSeconds(600))
            .build();

    assertThat(sample.errors()).isZero();
    assertThat(sample.iteratorAgeMaxMs()).isNull();
    assertThat(sample.maxima()).isEmpty();
    assertThat(sample.periodEnd()).isEqualTo(Instant.parse("2026-10-01T10:10:00Z"));
  }

  @Test
  void refusesNegativeCountersAndPeriods() {
    assertThatThrownBy(
            () -> MetricSample.builder(KEY, START, 300).errors(-1).collectedAt(START).build())
        .hasMessageContaining("errors");
    assertThatThrownBy(() -> MetricSample.builder(KEY, START, 0).collectedAt(START).build())
        .hasMessageContaining("periodSeconds");
    assertThatThrownBy(
            () ->
                MetricSample.builder(KEY, START, 60)
                    .durationMsSum(new BigDecimal("-0.1"))
                    .collectedAt(START)
                    .build())
        .hasMessageContaining("durationMsSum");
  }
}
